/**
 * Builds a MappedText piece by piece: text chunks are joined once at the end and
 * offsets are plain numbers, so joining continuation lines or unquoting a flag
 * costs no per-character string concatenation.
 */
import type { MappedText } from "../source";

export class MappedBuilder {
  private readonly chunks: string[] = [];
  private readonly offsets: number[] = [];
  private end = 0;

  /** Appends `source[from, to)`, each character mapped to its own offset. */
  appendSource(source: string, from: number, to: number): void {
    if (to <= from) return;
    this.chunks.push(source.slice(from, to));
    for (let i = from; i < to; i++) this.offsets.push(i);
    this.end = to;
  }

  /** Appends `m.text[from, to)` with its offsets. */
  appendMapped(m: MappedText, from = 0, to: number = m.text.length): void {
    if (to <= from) return;
    this.chunks.push(m.text.slice(from, to));
    for (let i = from; i < to; i++) this.offsets.push(m.offsets[i] ?? 0);
    this.end = m.offsets[to] ?? (m.offsets[to - 1] ?? 0) + 1;
  }

  /** Appends one character standing for the source character at `offset`. */
  appendChar(ch: string, offset: number): void {
    this.chunks.push(ch);
    for (let i = 0; i < ch.length; i++) this.offsets.push(offset);
    this.end = offset + 1;
  }

  /** Finishes the text; `emptyEnd` is the end offset when nothing was appended. Use once. */
  build(emptyEnd: number): MappedText {
    this.offsets.push(this.offsets.length > 0 ? this.end : emptyEnd);
    return { text: this.chunks.join(""), offsets: this.offsets };
  }
}

/**
 * The source pieces `[from, to)` (flat pairs in `pieces`) joined, each character
 * mapped to its own offset: the logical line of an instruction. The offsets array
 * is allocated once at its final size instead of growing character by character.
 */
export function mappedFromPieces(source: string, pieces: readonly number[], emptyEnd: number): MappedText {
  let length = 0;
  for (let p = 0; p + 1 < pieces.length; p += 2) length += Math.max(0, pieces[p + 1]! - pieces[p]!);
  if (length === 0) return { text: "", offsets: [emptyEnd] };
  const offsets = new Array<number>(length + 1);
  let k = 0;
  let end = emptyEnd;
  const chunks: string[] = [];
  for (let p = 0; p + 1 < pieces.length; p += 2) {
    const from = pieces[p]!;
    const to = pieces[p + 1]!;
    if (to <= from) continue;
    chunks.push(source.slice(from, to));
    for (let i = from; i < to; i++) offsets[k++] = i;
    end = to;
  }
  offsets[k] = end;
  return { text: chunks.length === 1 ? chunks[0]! : chunks.join(""), offsets };
}

/** A mapped text built from character codes (one code unit each) and their offsets. */
export function mappedFromCodes(codes: readonly number[], offsets: readonly number[], endOffset: number): MappedText {
  let text = "";
  const CHUNK = 4096;
  for (let i = 0; i < codes.length; i += CHUNK) {
    text += String.fromCharCode(...codes.slice(i, i + CHUNK));
  }
  const all = offsets.slice(0, codes.length);
  all.push(endOffset);
  return { text, offsets: all };
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
