import type { SharedState } from "../../share/share-state";
import type { EncodeResult } from "../../share/url-encode";

/** Page → link encoder worker. */
export interface EncodeRequest {
  readonly id: number;
  readonly state: SharedState;
}

/** Link encoder worker → page. */
export interface EncodeReply {
  readonly id: number;
  readonly result: EncodeResult;
}
