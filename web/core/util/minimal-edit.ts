/**
 * The one edit between two texts: "Apply" turns the editor's text into the
 * fixed text with it (so the cursor stays and it is one undo step), and the
 * analysis worker sends what changed in a report with it (web/worker/text-shift.ts).
 */
import type { TextEdit } from "../report/types";

/** The smallest single edit (common prefix and suffix kept) turning `from` into `to`, or null if equal. */
export function minimalEdit(from: string, to: string): TextEdit | null {
  if (from === to) return null;
  let start = 0;
  const max = Math.min(from.length, to.length);
  while (start < max && from.charCodeAt(start) === to.charCodeAt(start)) start++;
  let endFrom = from.length;
  let endTo = to.length;
  while (endFrom > start && endTo > start && from.charCodeAt(endFrom - 1) === to.charCodeAt(endTo - 1)) {
    endFrom--;
    endTo--;
  }
  return { start, end: endFrom, text: to.slice(start, endTo) };
}
