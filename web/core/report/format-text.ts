/**
 * The CLI's default output: one compiler-style line per finding
 * (`file:line:col: severity rule-id: message`, which editors and CI logs turn
 * into links), grouped by file in source order, then a one-line summary.
 * `verbose` adds, per file, the platforms and the per-platform table of every
 * cache mount with its key, so a CI log shows what BuildKit will do.
 */
import type { FileReport } from "./format-common";
import { countSeverities, displayName, printable, sortedFindings } from "./format-common";
import type { Finding, MountCell, Report, Severity } from "./types";

export interface TextFormatOptions {
  /** ANSI colours; the caller decides (a TTY without NO_COLOR). */
  readonly color: boolean;
  /** Add the platforms, the per-platform mount table and the collisions. */
  readonly verbose: boolean;
}

const ANSI = {
  reset: "\x1b[0m",
  bold: "\x1b[1m",
  dim: "\x1b[2m",
  red: "\x1b[31m",
  yellow: "\x1b[33m",
  cyan: "\x1b[36m",
};
const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };

type Paint = (style: string, s: string) => string;

export function formatText(files: readonly FileReport[], options: TextFormatOptions): string {
  const paint: Paint = options.color ? (style, s) => `${style}${s}${ANSI.reset}` : (_style, s) => s;
  const out: string[] = [];
  for (const file of files) {
    const name = displayName(file);
    for (const f of sortedFindings(file.report.findings)) out.push(...findingLines(name, f, paint, options.verbose));
    if (options.verbose) out.push(...verboseBlock(name, file.report, paint));
  }
  out.push(summary(files));
  return out.join("\n") + "\n";
}

function findingLines(name: string, f: Finding, paint: Paint, verbose: boolean): string[] {
  const where = paint(ANSI.bold, `${name}:${f.range.startLine}:${f.range.startColumn}:`);
  const severity = paint(SEVERITY_COLOR[f.severity] + ANSI.bold, f.severity);
  // Continuation lines are indented so every line of the log that starts at column 0 is a finding.
  const message = printable(f.message).replace(/\r?\n/g, "\n    ");
  const lines = [`${where} ${severity} ${paint(ANSI.dim, f.ruleId)}: ${message}`];
  if (verbose) {
    if (f.platforms.length > 0) lines.push(`    platforms: ${f.platforms.join(", ")}`);
    if (f.fix !== null) lines.push(`    fix (${f.fix.safety}): ${printable(f.fix.description)}`);
  }
  return lines;
}

function verboseBlock(name: string, report: Report, paint: Paint): string[] {
  const lines: string[] = [""];
  lines.push(paint(ANSI.bold, `${name}: build platform ${report.buildPlatform}, ${targetLabel(report)}`));
  for (const p of report.platforms) {
    const shown = p.normalized ?? p.requested;
    const requested = p.normalized !== null && p.normalized !== p.requested ? ` (requested ${p.requested})` : "";
    const error = p.error === null ? "" : `: ${paint(ANSI.red, "error")}: ${printable(p.error)}`;
    lines.push(`  platform ${shown}${requested}${error}`);
  }
  if (report.mounts.length === 0) {
    lines.push("  no cache mounts");
    lines.push("");
    return lines;
  }

  // Collision groups get short labels (C1, C2…) so the table can point at them.
  const label = new Map<string, string>();
  report.collisions.forEach((c, i) => {
    for (const cell of c.cells) label.set(`${cell.mount}/${cell.platformIndex}`, `C${i + 1}`);
  });

  const rows: string[][] = [["LINE", "STAGE", "TARGET", "PLATFORM", "CACHE KEY", "SHARING", "RUNS ON", "SAME DIR"]];
  for (const m of report.mounts) {
    m.cells.forEach((cell, i) => {
      const platform = report.platforms[cell.platformIndex];
      const first = i === 0;
      rows.push([
        first ? String(m.line) : "",
        // Unnamed stages as BuildKit's progress output names them.
        first ? (m.stage ?? `stage-${m.stageIndex}`) : "",
        first ? m.writtenTarget : "",
        platform === undefined ? "?" : (platform.normalized ?? platform.requested),
        ...cellColumns(cell),
        label.get(`${m.index}/${cell.platformIndex}`) ?? "",
      ]);
    });
  }
  lines.push(...table(rows).map((row, i) => (i === 0 ? paint(ANSI.dim, `  ${row}`) : `  ${row}`)));

  report.collisions.forEach((c, i) => {
    const tool = c.catalogue === null ? "" : `, ${c.catalogue.tool}: ${c.catalogue.reason}`;
    lines.push(
      `  C${i + 1}: ${printable(c.cacheKey)} is one directory for ${c.execPlatforms.join(", ")} (${c.verdict}${tool})`,
    );
  });
  lines.push("");
  return lines;
}

/** The stage built: its name, or which unnamed stage it is. */
function targetLabel(report: Report): string {
  if (report.target !== null) return `target stage ${report.target}`;
  const last = report.stages[report.stages.length - 1];
  return last === undefined ? "no stage to build" : `target the last stage (unnamed, line ${last.line})`;
}

function cellColumns(cell: MountCell): string[] {
  if (!cell.built) return ["(not built)", "", ""];
  return [cell.hasBase ? `${cell.cacheKey} (+base)` : cell.cacheKey, cell.sharing, cell.execPlatform];
}

/** Left-aligned columns two spaces apart, trailing blanks trimmed. */
function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  rows = rows.map((row) => row.map(printable));
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}

function summary(files: readonly FileReport[]): string {
  const counts = countSeverities(files);
  const total = counts.error + counts.warning + counts.info;
  const where = files.length === 1 ? "1 file" : `${files.length} files`;
  if (total === 0) return `No findings in ${where}.`;
  const parts = [plural(counts.error, "error"), plural(counts.warning, "warning"), `${counts.info} info`];
  let fixable = 0;
  for (const file of files) for (const f of file.report.findings) if (f.fix?.safety === "safe") fixable++;
  const fix =
    fixable === 0 ? "" : ` ${fixable} can be fixed automatically (--fix prints the result, --write applies it).`;
  return `Found ${parts.join(", ")} in ${where}.${fix}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
