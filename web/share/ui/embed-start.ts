/**
 * What `?embed` shows, decided without React: early-start.ts reads it before
 * the first render to start the analysis, EmbedView renders it.
 */
import { readLink } from "../url-decode";
import { fromShared } from "../../ui/hooks/use-permalink";
import type { AppState } from "../../ui/state";
import { DEFAULT_STATE, exampleAction, reducer } from "../../ui/state";

/** True when the page was opened with `?embed` (any value but `0` or `false`). */
export function isEmbedMode(search: string = typeof location === "undefined" ? "" : location.search): boolean {
  const value = new URLSearchParams(search).get("embed");
  return value !== null && value !== "0" && value !== "false";
}

export interface EmbedStart {
  readonly state: AppState;
  readonly problem: string | null;
}

/** What an embed shows: the state link, an example, or the default example (with the reason when broken). */
export function embedStart(hash: string): EmbedStart {
  const link = readLink(hash);
  switch (link.kind) {
    case "state":
      return { state: fromShared(link.state), problem: null };
    case "example": {
      const action = exampleAction(link.id);
      return action
        ? { state: reducer(DEFAULT_STATE, action), problem: null }
        : { state: DEFAULT_STATE, problem: `This embed names no example the playground has: “${link.id}”.` };
    }
    case "broken":
      return { state: DEFAULT_STATE, problem: link.reason };
    case "rule":
    case "none":
      return { state: DEFAULT_STATE, problem: null };
  }
}
