/**
 * The parts of the original text a fix needs to touch, located once per
 * analysis: each stage's FROM and the place where new ARG lines go, and for
 * each cache mount of the Report, the `--mount` flag and its fields.
 */
import type { Command, FromCommand, MountField, MountSpec, ParsedDockerfile, RunCommand } from "../parse/types";
import type { MountReport } from "../report/types";
import { lineIndexOf } from "../parse/line-index-memo";
import { TARGET_KEYS } from "../parse/mount";
import { type LineIndex, spanOf } from "../source";

export interface ArgAnchor {
  /** Offset where the new lines are inserted (the start of the line after the FROM/ARG block). */
  readonly offset: number;
  /** Leading whitespace of the block's last line, so the new lines line up with it. */
  readonly indent: string;
  /** The block ends the file without a line break: the insertion starts with one instead. */
  readonly atEof: boolean;
  /** The line break the block's last line uses (`\r\n` in CRLF files). */
  readonly eol: string;
}

export interface StageSource {
  readonly index: number;
  readonly from: FromCommand;
  /** The stage's commands after its FROM, in source order. */
  readonly commands: readonly Command[];
  readonly argAnchor: ArgAnchor;
}

export interface MountSource {
  readonly stage: number;
  readonly run: RunCommand;
  readonly spec: MountSpec;
}

export interface SourceModel {
  readonly text: string;
  readonly lines: LineIndex;
  readonly escapeToken: "\\" | "`";
  /** Commands before the first FROM (global ARGs). */
  readonly globals: readonly Command[];
  readonly stages: readonly StageSource[];
  /** By MountReport.index; null when the mount cannot be located (e.g. an ONBUILD trigger). */
  readonly mounts: readonly (MountSource | null)[];
}

export function buildSourceModel(text: string, parsed: ParsedDockerfile, mounts: readonly MountReport[]): SourceModel {
  // The same table resolve() used: one per analysis.
  const lines = lineIndexOf(parsed, text);
  const globals: Command[] = [];
  const groups: { from: FromCommand; commands: Command[] }[] = [];
  for (const c of parsed.commands) {
    if (c.kind === "from") groups.push({ from: c, commands: [] });
    else if (groups.length === 0) globals.push(c);
    else groups[groups.length - 1]?.commands.push(c);
  }
  const stages = groups.map((g, index) => ({ index, ...g, argAnchor: argAnchor(text, lines, g.from, g.commands) }));

  // `--mount` flags by where they start: the Report names them by that position (line and
  // column), which is one offset (no key string per mount).
  const byOffset = new Map<number, MountSource>();
  for (const s of stages) {
    for (const c of s.commands) {
      if (c.kind !== "run") continue;
      for (const spec of c.mounts) byOffset.set(spec.flag.span.start, { stage: s.index, run: c, spec });
    }
  }
  const located = mounts.map((m) => {
    const { startLine, startColumn } = m.range;
    const offset = lines.lineStart(startLine) + startColumn - 1;
    const found = byOffset.get(offset);
    // The offset is at that position only when it lies on that line (past a line's end, it would not).
    if (found === undefined || lines.lineOf(offset) !== startLine) return null;
    return found.stage === m.stageIndex ? found : null;
  });
  return { text, lines, escapeToken: parsed.directives.escapeToken, globals, stages, mounts: located };
}

function argAnchor(text: string, lines: LineIndex, from: FromCommand, commands: readonly Command[]): ArgAnchor {
  let last: Command = from;
  for (const c of commands) {
    if (c.kind !== "arg") break;
    last = c;
  }
  // Lines as BuildKit counts them: only \n ends one (a lone \r is part of the line, so a new
  // line must never be ended with it, nor start right after it).
  const firstLineStart = text.lastIndexOf("\n", last.span.start - 1) + 1;
  let i = firstLineStart;
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  const indent = text.slice(firstLineStart, i);
  const nl = text.indexOf("\n", Math.max(last.span.end - 1, 0));
  if (nl < 0) return { offset: text.length, indent, atEof: true, eol: firstEol(text) };
  const eol = nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
  return { offset: nl + 1, indent, atEof: false, eol };
}

const buildkitLines = new WeakMap<SourceModel, number[]>();

/**
 * Offset where 1-based `line` starts, counting lines as BuildKit does (only \n
 * ends one; the parser's line numbers count that way, LineIndex does not).
 * Null past the last line. Built once per model.
 */
export function buildkitLineStart(model: SourceModel, line: number): number | null {
  let starts = buildkitLines.get(model);
  if (starts === undefined) {
    starts = [0];
    for (let at = model.text.indexOf("\n"); at >= 0; at = model.text.indexOf("\n", at + 1)) starts.push(at + 1);
    buildkitLines.set(model, starts);
  }
  return starts[line - 1] ?? null;
}

function firstEol(text: string): string {
  const n = text.indexOf("\n");
  if (n > 0 && text[n - 1] === "\r") return "\r\n";
  return "\n";
}

/**
 * The last field with this key, or with one of its aliases (BuildKit lets later
 * duplicates win). Fixed parameters rather than a rest array: it is asked per
 * mount by several rules and by every planned fix.
 */
export function lastField(spec: MountSpec, key: string, alias1?: string, alias2?: string): MountField | null {
  let found: MountField | null = null;
  for (const f of spec.fields) if (f.key === key || f.key === alias1 || f.key === alias2) found = f;
  return found;
}

/** The mount point as written: the text of the last field that sets it (TARGET_KEYS); later duplicates win. */
export function writtenTargetText(spec: MountSpec): string | undefined {
  let text: string | undefined;
  for (const f of spec.fields) if (TARGET_KEYS.has(f.key)) text = f.value?.text;
  return text;
}

/**
 * Where the field's value starts in the source: right after the `=` that
 * follows the key when the source has it there, so text inserted here lands in
 * front of any quote or escape token that begins the value.
 */
export function valueStart(text: string, field: MountField): number | null {
  if (field.value === null) return null;
  if (text[field.keySpan.end] === "=") return field.keySpan.end + 1;
  return field.value.offsets[0] ?? null;
}

/** Where the field's value ends in the source (just after its last character, before a closing quote). */
export function valueEnd(text: string, field: MountField): number | null {
  if (field.value === null) return null;
  if (field.value.text.length === 0) return valueStart(text, field);
  return spanOf(field.value).end;
}
