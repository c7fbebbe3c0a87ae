/// <reference lib="webworker" />
/**
 * Encodes share links off the main thread: deflating a 10,000-line Dockerfile
 * takes ~100 ms, too long for a task between two keystrokes.
 */
import type { SharedState } from "../../share/share-state";
import { tryEncodeState } from "../../share/url-encode";
import type { EncodeReply, EncodeRequest } from "./encode-protocol";

self.onmessage = (event: MessageEvent<EncodeRequest>) => {
  const { id, state } = event.data;
  const reply: EncodeReply = { id, result: tryEncodeState(state satisfies SharedState) };
  self.postMessage(reply);
};
