/**
 * What the CLI formatters share: the analysed-file record they all take, the
 * severity order, and the order findings are printed in.
 */
import type { Finding, Report, Severity } from "./types";

/** One analysed Dockerfile, as the formatters see it. */
export interface FileReport {
  /** The path as the user named it, or null for standard input. */
  readonly path: string | null;
  /** The text that was analysed (offsets in fixes point into it). */
  readonly text: string;
  readonly report: Report;
}

/** Higher is more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** The name printed for standard input. */
export const STDIN_NAME = "<stdin>";

export function displayName(file: FileReport): string {
  return file.path ?? STDIN_NAME;
}

/** Findings in source order (line, column), most severe first on ties; stable otherwise. */
export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        a.f.range.startLine - b.f.range.startLine ||
        a.f.range.startColumn - b.f.range.startColumn ||
        SEVERITY_RANK[b.f.severity] - SEVERITY_RANK[a.f.severity] ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

/** Counts per severity over several files. */
export function countSeverities(files: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of files) for (const f of file.report.findings) counts[f.severity]++;
  return counts;
}

/** Path with platform separators turned into `/` and a leading `./` dropped, as CI tools expect. */
export function repoPath(path: string): string {
  let p = path.replace(/\\/g, "/");
  while (p.startsWith("./")) p = p.slice(2);
  return p;
}

/**
 * Makes user text safe to print on a terminal or in a CI log: control characters
 * (C0 except tab and newline, DEL, C1) become visible `\xNN` escapes, so a
 * Dockerfile cannot move the cursor, clear the screen or forge log lines.
 */
export function printable(s: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);
    if (!control) continue;
    out += s.slice(from, i) + "\\x" + c.toString(16).padStart(2, "0");
    from = i + 1;
  }
  return from === 0 ? s : out + s.slice(from);
}
