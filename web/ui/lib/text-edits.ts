/**
 * Text edits for the UI when Monaco is not there yet (or for computing the one
 * edit that turns the editor's text into the fixed text, so "Apply" keeps the
 * cursor and is a single undo step).
 */
import type { TextEdit } from "../../core/report/types";

/** Applies non-overlapping edits (offsets into `text`), in any order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at) continue; // overlapping: the fix engine never produces these; keep the first
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

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
