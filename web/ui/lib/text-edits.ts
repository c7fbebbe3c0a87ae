/**
 * Text edits for the UI when Monaco is not there yet.
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
