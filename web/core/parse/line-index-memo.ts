/**
 * One LineIndex per analysis. resolve() needs one for mount ranges and the
 * rules' source model another for the same text: building the line table
 * twice was ~30 KB per 1,000 lines of garbage, kept alive for the whole
 * analysis. Keyed by the parse (a per-call object), so nothing outlives the
 * analysis that made it.
 */
import type { ParsedDockerfile } from "./types";
import { LineIndex } from "../source";

const memo = new WeakMap<ParsedDockerfile, { readonly text: string; readonly index: LineIndex }>();

/** The LineIndex of `text`, the source `parsed` was parsed from: made by the first caller, shared by the others. */
export function lineIndexOf(parsed: ParsedDockerfile, text: string): LineIndex {
  const seen = memo.get(parsed);
  if (seen !== undefined && seen.text === text) return seen.index;
  const index = new LineIndex(text);
  memo.set(parsed, { text, index });
  return index;
}
