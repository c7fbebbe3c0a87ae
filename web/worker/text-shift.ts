/**
 * A keystroke moves every offset after it. A finding's fix carries its edits
 * as offsets into the analysed text (report/types.ts TextEdit), so one typed
 * character above 140 findings made all of them differ from the last report,
 * and the worker sent all of them again (≈ 150 kB per keystroke at 1,000
 * lines) for the page to decode and compare. Here both sides agree on how an
 * edit of the text moves an offset, so a finding that only moved is sent as
 * "the base's finding i, moved" (protocol.ts), and the fixed text as the one
 * edit that changed it.
 */
import type { Finding, TextEdit } from "../core/report/types";
import { minimalEdit } from "../core/util/minimal-edit";
import { sameValue } from "./same-value";

/**
 * How offsets into the base text move into the new one: below `start` they
 * stay, from `end` on they move by `delta`, and in between (the replaced text)
 * there is no answer.
 */
export interface TextShift {
  readonly start: number;
  readonly end: number;
  readonly delta: number;
}

/** The shift from `base` to `text` (their one differing stretch), or null when they are equal. */
export function textShift(base: string, text: string): TextShift | null {
  const edit = minimalEdit(base, text);
  return edit === null ? null : { start: edit.start, end: edit.end, delta: edit.text.length - (edit.end - edit.start) };
}

/** Where a base offset is in the new text, or -1 inside the replaced stretch. */
function moveOffset(offset: number, shift: TextShift): number {
  if (offset < shift.start) return offset;
  if (offset >= shift.end) return offset + shift.delta;
  return -1;
}

/**
 * Whether `next` is `base` with its fix's edits moved by `shift`, and nothing
 * else changed. The check is exact, so the page's moveFinding(base) equals
 * `next` whatever the shift does to offsets at its edges.
 */
export function isMovedFinding(next: Finding, base: Finding, shift: TextShift): boolean {
  const a = next.fix;
  const b = base.fix;
  if ((a === null) !== (b === null) || !sameValue({ ...next, fix: null }, { ...base, fix: null })) return false;
  if (a === null || b === null) return true;
  if (a.edits.length !== b.edits.length || !sameValue({ ...a, edits: null }, { ...b, edits: null })) return false;
  for (let i = 0; i < a.edits.length; i++) {
    const x = a.edits[i] as TextEdit;
    const y = b.edits[i] as TextEdit;
    const start = moveOffset(y.start, shift);
    if (start < 0 || x.start !== start || x.end !== moveOffset(y.end, shift) || x.text !== y.text) return false;
  }
  return true;
}

/** The base's finding with its fix's edits moved (the page's side of isMovedFinding). */
export function moveFinding(base: Finding, shift: TextShift): Finding {
  if (base.fix === null) return base;
  const edits = base.fix.edits.map((e) => ({ ...e, start: moveOffset(e.start, shift), end: moveOffset(e.end, shift) }));
  return { ...base, fix: { ...base.fix, edits } };
}
