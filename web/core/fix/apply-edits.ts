/**
 * Applies text edits to the original text: the one function the CLI (`--fix`)
 * and the playground ("Apply") use. Every byte outside the edits stays.
 *
 * Merging is deterministic whatever order the edits come in: edits are sorted
 * by start, then end (insertions before a replacement starting at the same
 * place), then text; exact duplicates collapse to one; an edit overlapping one
 * already kept is dropped. Insertions at the same offset are all kept.
 */
import type { TextEdit } from "../report/types";

export function normalizeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = edits
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || compare(a.e.text, b.e.text) || a.i - b.i);
  const kept: TextEdit[] = [];
  let reached = -1;
  let prev: TextEdit | null = null;
  for (const { e } of sorted) {
    if (prev !== null && prev.start === e.start && prev.end === e.end && prev.text === e.text) continue;
    // Anything starting inside what is already kept overlaps it; starting right at its end is fine.
    if (e.start < reached) continue;
    kept.push(e);
    reached = Math.max(reached, e.end);
    prev = e;
  }
  return kept;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const kept = normalizeEdits(edits);
  if (kept.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const e of kept) {
    parts.push(text.slice(at, e.start), e.text);
    at = Math.max(at, e.end);
  }
  parts.push(text.slice(at));
  return parts.join("");
}
