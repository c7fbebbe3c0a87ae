/**
 * `--format github`: GitHub Actions workflow commands, which the runner turns
 * into annotations on the pull request's diff:
 *   ::error file=Dockerfile,line=3,col=5,endLine=3,endColumn=40,title=rule-id::message
 * `info` findings become `::notice`. Escaping follows @actions/core
 * (toolkit packages/core/src/command.ts): data escapes % CR LF, property
 * values also escape `:` and `,`.
 */
import type { FileReport } from "./format-common";
import { printable, repoPath, sortedFindings } from "./format-common";
import type { Severity } from "./types";

const COMMAND: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "notice" };

export function formatGithub(files: readonly FileReport[]): string {
  const out: string[] = [];
  for (const file of files) {
    for (const f of sortedFindings(file.report.findings)) {
      const props: [string, string][] = [];
      // Standard input has no file to annotate: the annotation goes on the run.
      if (file.path !== null) props.push(["file", repoPath(file.path)]);
      props.push(
        ["line", String(f.range.startLine)],
        ["col", String(f.range.startColumn)],
        ["endLine", String(f.range.endLine)],
        ["endColumn", String(f.range.endColumn)],
        ["title", f.ruleId],
      );
      const properties = props.map(([k, v]) => `${k}=${escapeProperty(v)}`).join(",");
      out.push(`::${COMMAND[f.severity]} ${properties}::${escapeData(f.message)}`);
    }
  }
  return out.length === 0 ? "" : out.join("\n") + "\n";
}

export function escapeData(s: string): string {
  return printable(s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
