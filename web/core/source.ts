/**
 * Text cut out of the Dockerfile, remembering where each character came from.
 *
 * BuildKit joins continuation lines, drops quotes and escape tokens before it
 * ever looks at a mount option (df/parser/parser.go, df/parser/split_command.go).
 * Findings and fixes must still point at the bytes the user typed, so every
 * transformation in parse/ carries the source offset of each output character.
 * parse/ makes RunMappedTexts (below), which keep offsets as runs and build the
 * `offsets` array only when it is read: prefer offsetAt / spanOf / sliceMapped.
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

/**
 * `offsets` arrays built for RunMappedTexts that were asked for one: a side
 * table, so the texts themselves stay small (they are per-call objects, so
 * nothing here outlives an analysis).
 */
const builtOffsets = new WeakMap<RunMappedText, readonly number[]>();

/**
 * The MappedText parse/ makes. Its offsets are not one number per character but
 * runs: `runs` holds flat pairs (index, offset) in ascending index order, and
 * from each index on the characters come from consecutive source offsets, up to
 * the next pair; null means a single run, `text[i]` coming from `start + i`. A
 * logical line is one run per physical line read, and every text cut out of it
 * (the arguments, a flag value, a mount field) shares the line's runs and only
 * records where it starts in them: slicing allocates nothing per character.
 * Copying an offsets array on every cut used to be most of what parsing
 * allocated. `offsets` is built on first read, for code that indexes it.
 */
export class RunMappedText implements MappedText {
  constructor(
    readonly text: string,
    private readonly runs: readonly number[] | null,
    /** Where `text[0]` is in the runs' index space; with no runs, its source offset. */
    private readonly start: number,
    /** `offsets[text.length]`. */
    private readonly end: number,
  ) {}

  /** The text `source[from, to)`, each character mapped to its own offset. */
  static ofSource(source: string, from: number, to: number): RunMappedText {
    return new RunMappedText(source.slice(from, to), null, from, to);
  }

  /** `offsets[i]` without building the array (`i` from 0 to `text.length`). */
  offsetAt(i: number): number {
    if (i >= this.text.length) return this.end;
    const runs = this.runs;
    const k = this.start + i;
    if (runs === null) return k;
    // The last pair whose index is at most k (binary search: a long RUN has a run per line).
    let lo = 0;
    let hi = (runs.length >> 1) - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (runs[2 * mid]! <= k) lo = mid;
      else hi = mid - 1;
    }
    return runs[2 * lo + 1]! + (k - runs[2 * lo]!);
  }

  /** `[from, to)`, sharing the runs; `end` overrides the offset just past the slice. */
  slice(from: number, to: number, end: number = this.offsetAt(to)): RunMappedText {
    return new RunMappedText(this.text.slice(from, to), this.runs, this.start + from, end);
  }

  get offsets(): readonly number[] {
    let out = builtOffsets.get(this);
    if (out === undefined) {
      const n = this.text.length;
      const built = new Array<number>(n + 1);
      for (let i = 0; i <= n; i++) built[i] = this.offsetAt(i);
      builtOffsets.set(this, built);
      out = built;
    }
    return out;
  }

  /** Serialises as the plain MappedText it stands for. */
  toJSON(): MappedText {
    return { text: this.text, offsets: this.offsets };
  }
}

/** `m.offsets[i]`, without making a RunMappedText build its array. */
export function offsetAt(m: MappedText, i: number): number {
  return m instanceof RunMappedText ? m.offsetAt(i) : (m.offsets[i] ?? 0);
}

/**
 * The slice `[from, to)` of a mapped text, keeping its offsets; `end` overrides
 * the offset just past the slice (by default the one of `m.text[to]`).
 */
export function sliceMapped(m: MappedText, from: number, to: number = m.text.length, end?: number): MappedText {
  if (m instanceof RunMappedText) return m.slice(from, to, end);
  const offsets = m.offsets.slice(from, to + 1);
  if (end !== undefined) offsets[to - from] = end;
  return { text: m.text.slice(from, to), offsets };
}

/** Source span covered by the characters `[from, to)` of a mapped text. */
export function spanOf(m: MappedText, from = 0, to: number = m.text.length): Span {
  if (m instanceof RunMappedText) {
    const start = m.offsetAt(from);
    return { start, end: to <= from ? start : m.offsetAt(to - 1) + 1 };
  }
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
