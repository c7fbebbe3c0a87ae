/**
 * Builds a MappedText piece by piece, for the texts that are not plain cuts of a
 * line (unquoted flag words, quoted CSV fields, re-encoded bytes): text chunks
 * are joined once at the end and offsets are recorded as runs (see
 * RunMappedText), so a character that continues the previous one's run costs
 * nothing but a counter.
 */
import type { MappedText } from "../source";
import { offsetAt, RunMappedText } from "../source";

export class MappedBuilder {
  private readonly chunks: string[] = [];
  private readonly runs: number[] = [];
  private length = 0;
  /** Offset of the last character appended (-2: none, so the first always opens a run). */
  private last = -2;
  private end = 0;

  /** One more character, from source offset `offset`. */
  private map(offset: number): void {
    if (offset !== this.last + 1) this.runs.push(this.length, offset);
    this.last = offset;
    this.length++;
  }

  /** Appends `m.text[from, to)` with its offsets. */
  appendMapped(m: MappedText, from = 0, to: number = m.text.length): void {
    if (to <= from) return;
    this.chunks.push(m.text.slice(from, to));
    for (let i = from; i < to; i++) this.map(offsetAt(m, i));
    this.end = offsetAt(m, to);
  }

  /** Appends one character standing for the source character at `offset`. */
  appendChar(ch: string, offset: number): void {
    this.chunks.push(ch);
    for (let i = 0; i < ch.length; i++) this.map(offset);
    this.end = offset + 1;
  }

  /** Finishes the text; `emptyEnd` is the end offset when nothing was appended. Use once. */
  build(emptyEnd: number): MappedText {
    const text = this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join("");
    return mappedFromRuns(text, this.runs, this.length > 0 ? this.end : emptyEnd);
  }
}

/** A RunMappedText over `runs` (index 0 first), with no table when there is a single run. */
export function mappedFromRuns(text: string, runs: readonly number[], end: number): RunMappedText {
  if (runs.length === 0) return new RunMappedText(text, null, end, end);
  if (runs.length === 2) return new RunMappedText(text, null, runs[1]!, end);
  return new RunMappedText(text, runs, 0, end);
}

/** Runs (see RunMappedText) of the offsets `offsets[from, to)`: one pair wherever they stop being consecutive. */
export function runsOf(offsets: readonly number[], from = 0, to: number = offsets.length): number[] {
  const runs: number[] = [];
  let last = -2;
  for (let i = from; i < to; i++) {
    const o = offsets[i]!;
    if (o !== last + 1) runs.push(i - from, o);
    last = o;
  }
  return runs;
}

/** The string of `codes` (code units), without spreading a huge array into one call. */
export function textFromCodes(codes: readonly number[], from = 0, to: number = codes.length): string {
  let text = "";
  const CHUNK = 4096;
  for (let i = from; i < to; i += CHUNK) {
    text += String.fromCharCode(...codes.slice(i, Math.min(to, i + CHUNK)));
  }
  return text;
}

/** `[start, end)` of `text[from, to)` with `isSpace` characters trimmed from both ends (strings.TrimSpace). */
export function trimRange(
  text: string,
  isSpace: (c: number) => boolean,
  from = 0,
  to: number = text.length,
): [number, number] {
  let a = from;
  let b = to;
  while (a < b && isSpace(text.charCodeAt(a))) a++;
  while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
  return [a, b];
}
