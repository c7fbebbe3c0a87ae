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
  // Edits usually come in order already (a fix plans them front to back): sorting is then a no-op.
  const sorted = inOrder(edits)
    ? edits
    : edits
        .map((e, i) => ({ e, i }))
        .sort((a, b) => order(a.e, b.e) || a.i - b.i)
        .map(({ e }) => e);
  const kept: TextEdit[] = [];
  let reached = -1;
  let prev: TextEdit | null = null;
  for (const e of sorted) {
    if (prev !== null && prev.start === e.start && prev.end === e.end && prev.text === e.text) continue;
    // Anything starting inside what is already kept overlaps it; starting right at its end is fine.
    if (e.start < reached) continue;
    kept.push(e);
    reached = Math.max(reached, e.end);
    prev = e;
  }
  return kept;
}

/** By start, then end (insertions before a replacement at the same place), then text. */
function order(a: TextEdit, b: TextEdit): number {
  return a.start - b.start || a.end - b.end || compare(a.text, b.text);
}

function inOrder(edits: readonly TextEdit[]): boolean {
  for (let i = 1; i < edits.length; i++) {
    const a = edits[i - 1];
    const b = edits[i];
    if (a !== undefined && b !== undefined && order(a, b) > 0) return false;
  }
  return true;
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
