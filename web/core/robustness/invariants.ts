/**
 * What must hold for ANY input to analyze(), hostile or not (robustness issue):
 * it returns, its Report is plain structured-cloneable data, every range and
 * edit lies inside the analysed text, the Report's cross references are
 * consistent, and "fix all" is idempotent (fix(fix(x)) == fix(x)) and breaks
 * nothing (no platform that built before the fix fails after it).
 *
 * Used by the property tests next to this file and by scripts/fuzz.ts; pure
 * (the caller passes structuredClone in, the core's lib has no such global).
 */
import { analyze } from "../analyze";
import type { AnalyzeOptions, Report, TextEdit } from "../report/types";
import type { Range } from "../source";

export type AnalyzeFn = (text: string, options: AnalyzeOptions) => Report;

export interface CheckOptions {
  /** The analysis under test (default: analyze). */
  readonly analyze?: AnalyzeFn;
  /** structuredClone from the host, to prove the Report survives postMessage. */
  readonly clone?: (value: unknown) => unknown;
  /** Also re-run analyze on the same input and demand an identical Report (no hidden state, no clock). */
  readonly determinism?: boolean;
  /** Receives the first Report (for statistics), when analyze returned one. */
  readonly onReport?: (report: Report) => void;
}

/** analyze() turns a thrown exception into this platform error (see analyze.ts): for us it is a crash. */
const INTERNAL_ERROR = "internal error in the playground";

/** Longest excerpt of text a problem message quotes. */
const EXCERPT = 160;

/**
 * Every invariant violated by analysing `text` with `options`, as sentences
 * (empty = all good). Never throws.
 */
export function analysisProblems(text: string, options: AnalyzeOptions, check: CheckOptions = {}): string[] {
  const run = check.analyze ?? analyze;
  const first = guarded(run, text, options);
  if (typeof first === "string") return [first];
  check.onReport?.(first);
  const problems = reportProblems(text, first, check.clone);

  if (check.determinism === true) {
    const again = guarded(run, text, options);
    if (typeof again === "string") problems.push(`second run: ${again}`);
    else {
      const diff = firstDifference(first, again, "report");
      if (diff !== null) problems.push(`not deterministic: the second run differs at ${diff}`);
    }
  }

  // fix(fix(x)) == fix(x): re-analyse the fixed text with the same options.
  if (first.fixed !== text) {
    const second = guarded(run, first.fixed, options);
    if (typeof second === "string") problems.push(`on the fixed text: ${second}`);
    else {
      for (const p of reportProblems(first.fixed, second, undefined)) problems.push(`on the fixed text: ${p}`);
      if (second.fixed !== first.fixed) {
        problems.push(
          `fix is not idempotent: fixing the fixed text changes it again (${describeChange(first.fixed, second.fixed)})`,
        );
      }
      first.platforms.forEach((p, i) => {
        const after = second.platforms[i]?.error ?? null;
        if (p.error === null && after !== null) {
          problems.push(
            `the fix breaks the build on ${p.normalized ?? p.requested}: ${after} (${describeChange(text, first.fixed)})`,
          );
        }
      });
    }
  }
  return problems;
}

/** Runs the analysis, turning a throw or a caught internal error into a sentence. */
function guarded(run: AnalyzeFn, text: string, options: AnalyzeOptions): Report | string {
  let report: Report;
  try {
    report = run(text, options);
  } catch (e) {
    return `analyze threw: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  }
  if (report === null || typeof report !== "object") return `analyze returned ${String(report)}`;
  const internal = Array.isArray(report.platforms)
    ? report.platforms.find((p) => typeof p?.error === "string" && p.error.includes(INTERNAL_ERROR))
    : undefined;
  if (internal !== undefined) return `analyze crashed (caught by its safety net): ${internal.error ?? ""}`;
  return report;
}

/** The invariants of one Report against the text it was computed from. */
export function reportProblems(text: string, report: Report, clone?: (value: unknown) => unknown): string[] {
  const problems: string[] = [];
  const plain = plainDataProblem(report, "report");
  if (plain !== null) problems.push(`not plain data: ${plain}`);
  if (clone !== undefined) {
    try {
      const diff = firstDifference(report, clone(report), "report");
      if (diff !== null) problems.push(`structuredClone changes the report at ${diff}`);
    } catch (e) {
      problems.push(`structuredClone throws: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  // Shape problems make the rest meaningless (and could throw below).
  if (plain !== null) return problems;

  const lines = new LineLengths(text);
  const checkRange = (where: string, r: Range | null) => {
    if (r === null) return;
    const bad = lines.rangeProblem(r);
    if (bad !== null) problems.push(`${where}: range ${formatRange(r)} ${bad}`);
  };
  const nPlatforms = report.platforms.length;
  const nMounts = report.mounts.length;
  const nStages = report.stages.length;

  if (report.schema !== 1) problems.push(`schema is ${String(report.schema)}, not 1`);
  if (typeof report.fixed !== "string") problems.push("fixed is not a string");
  if (nPlatforms === 0) problems.push("no platform in the report (one is always analysed)");
  report.platforms.forEach((p, i) => checkRange(`platforms[${i}].errorRange`, p.errorRange));
  report.stages.forEach((s, i) => {
    if (s.index !== i) problems.push(`stages[${i}].index is ${s.index}`);
    if (!lines.hasLine(s.line)) problems.push(`stages[${i}].line ${s.line} is not a line of the text`);
  });
  report.mounts.forEach((m, i) => {
    const where = `mounts[${i}]`;
    if (m.index !== i) problems.push(`${where}.index is ${m.index}`);
    if (!lines.hasLine(m.line)) problems.push(`${where}.line ${m.line} is not a line of the text`);
    if (m.stageIndex < 0 || m.stageIndex >= nStages)
      problems.push(`${where}.stageIndex ${m.stageIndex} names no stage`);
    checkRange(`${where}.range`, m.range);
    if (m.cells.length !== nPlatforms)
      problems.push(`${where} has ${m.cells.length} cells for ${nPlatforms} platforms`);
    m.cells.forEach((c, j) => {
      if (c.platformIndex !== j) problems.push(`${where}.cells[${j}].platformIndex is ${c.platformIndex}`);
    });
  });
  report.collisions.forEach((c, i) => {
    for (const cell of c.cells) {
      if (cell.mount < 0 || cell.mount >= nMounts || cell.platformIndex < 0 || cell.platformIndex >= nPlatforms) {
        problems.push(`collisions[${i}] names a cell that does not exist: ${JSON.stringify(cell)}`);
      }
    }
  });
  report.findings.forEach((f, i) => {
    const where = `findings[${i}] (${f.ruleId})`;
    checkRange(where, f.range);
    if (f.message.trim() === "") problems.push(`${where} has an empty message`);
    for (const m of f.mounts)
      if (m < 0 || m >= nMounts) problems.push(`${where} names mount ${m}, which does not exist`);
    if (f.fix !== null) {
      const bad = editsProblem(text.length, f.fix.edits);
      if (bad !== null) problems.push(`${where}.fix: ${bad}`);
    }
  });
  return problems;
}

/** Edits must be integer offsets inside the text and must not overlap (insertions at one point may stack). */
export function editsProblem(length: number, edits: readonly TextEdit[]): string | null {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let end = 0;
  for (const e of sorted) {
    if (!Number.isInteger(e.start) || !Number.isInteger(e.end) || e.start < 0 || e.end < e.start || e.end > length) {
      return `edit [${e.start}, ${e.end}) is outside the text (length ${length})`;
    }
    if (e.start < end) return `edit [${e.start}, ${e.end}) overlaps an earlier edit ending at ${end}`;
    end = e.end;
  }
  return null;
}

/**
 * Line lengths with the line breaks LineIndex and Monaco use: `\r\n`, `\n`,
 * and a lone `\r`. A position is inside the text when its column is at most
 * one past the line's last character (ranges are end-exclusive).
 */
export class LineLengths {
  private readonly lengths: number[] = [];
  constructor(text: string) {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.lengths.push(i - start);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    this.lengths.push(text.length - start);
  }
  hasLine(line: number): boolean {
    return Number.isInteger(line) && line >= 1 && line <= this.lengths.length;
  }
  positionProblem(line: number, column: number): string | null {
    if (!this.hasLine(line)) return `line ${line} is not in 1..${this.lengths.length}`;
    const max = (this.lengths[line - 1] ?? 0) + 1;
    if (!Number.isInteger(column) || column < 1 || column > max)
      return `column ${column} is not in 1..${max} on line ${line}`;
    return null;
  }
  rangeProblem(r: Range): string | null {
    const bad = this.positionProblem(r.startLine, r.startColumn) ?? this.positionProblem(r.endLine, r.endColumn);
    if (bad !== null) return bad;
    if (r.endLine < r.startLine || (r.endLine === r.startLine && r.endColumn < r.startColumn))
      return "ends before it starts";
    return null;
  }
}

function formatRange(r: Range): string {
  return `${r.startLine}:${r.startColumn}-${r.endLine}:${r.endColumn}`;
}

/**
 * The first part of `value` that is not plain, JSON-like data: plain objects
 * and dense arrays of strings, finite numbers, booleans and null. Such data
 * survives postMessage and JSON (the CLI's output) unchanged.
 */
export function plainDataProblem(value: unknown, path: string, ancestors: unknown[] = []): string | null {
  switch (typeof value) {
    case "string":
    case "boolean":
      return null;
    case "number":
      return Number.isFinite(value) ? null : `${path} is ${String(value)}`;
    case "object":
      break;
    default:
      return `${path} is ${typeof value}`;
  }
  if (value === null) return null;
  if (ancestors.includes(value)) return `${path} refers back to one of its parents (a cycle)`;
  ancestors.push(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return `${path}[${i}] is a hole`;
        const bad = plainDataProblem(value[i], `${path}[${i}]`, ancestors);
        if (bad !== null) return bad;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${path} is not a plain object`;
    for (const key of Object.keys(value)) {
      const bad = plainDataProblem((value as Record<string, unknown>)[key], `${path}.${key}`, ancestors);
      if (bad !== null) return bad;
    }
    return null;
  } finally {
    ancestors.pop();
  }
}

/** Path of the first difference between two plain values, or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return path;
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return `${path} (keys ${keys.join(",")} vs ${Object.keys(rb).join(",")})`;
  for (const k of keys) {
    if (!Object.hasOwn(rb, k)) return `${path}.${k}`;
    const d = firstDifference(ra[k], rb[k], `${path}.${k}`);
    if (d !== null) return d;
  }
  return null;
}

/** Where two texts start to differ, quoted briefly. */
function describeChange(before: string, after: string): string {
  let i = 0;
  while (i < before.length && i < after.length && before.charCodeAt(i) === after.charCodeAt(i)) i++;
  const cut = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 20), i + EXCERPT));
  return `first difference at offset ${i}: ${cut(before)} became ${cut(after)}`;
}
