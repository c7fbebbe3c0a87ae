/**
 * Text cut out of the Dockerfile, remembering where each character came from.
 *
 * BuildKit joins continuation lines, drops quotes and escape tokens before it
 * ever looks at a mount option (df/parser/parser.go, df/parser/split_command.go).
 * Findings and fixes must still point at the bytes the user typed, so every
 * transformation in parse/ carries the source offset of each output character.
 */
export interface MappedText {
  /** The text as BuildKit sees it at this stage. */
  readonly text: string;
  /**
   * `offsets[i]` is the UTF-16 offset in the original Dockerfile of `text[i]`;
   * `offsets[text.length]` is the offset just past the last source character used.
   */
  readonly offsets: readonly number[];
}

/** 1-based line and column (UTF-16 units), end exclusive: what Monaco uses. */
export interface Range {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

/** Half-open span of UTF-16 offsets in the original text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export function mapped(text: string, offsets: readonly number[]): MappedText {
  return { text, offsets };
}

/** The slice `[from, to)` of a mapped text, keeping its offsets. */
export function sliceMapped(m: MappedText, from: number, to: number = m.text.length): MappedText {
  return { text: m.text.slice(from, to), offsets: m.offsets.slice(from, to + 1) };
}

/** Source span covered by the characters `[from, to)` of a mapped text. */
export function spanOf(m: MappedText, from = 0, to: number = m.text.length): Span {
  const start = m.offsets[from] ?? 0;
  if (to <= from) return { start, end: start };
  const last = m.offsets[to - 1] ?? start;
  return { start, end: last + 1 };
}

/** Converts offsets to 1-based line/column ranges. Build once per text. */
export class LineIndex {
  private readonly starts: number[];
  constructor(text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
  }
  /** 1-based line number containing `offset`. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** Offset of the first character of 1-based `line`. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.starts[this.starts.length - 1] ?? 0;
  }
  get lineCount(): number {
    return this.starts.length;
  }
  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - this.lineStart(line) + 1 };
  }
  range(span: Span): Range {
    const a = this.position(span.start);
    const b = this.position(span.end);
    return { startLine: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
  }
}
