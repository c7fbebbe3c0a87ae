/**
 * `--format sarif`: SARIF 2.1.0, what GitHub code scanning (upload-sarif) and
 * most other CI dashboards read. One run; the driver lists every rule with
 * its help text and a link to the rule's page; each finding is a result with
 * its region and, when the rule can fix it, the fix as artifact changes.
 *
 * Regions are 1-based with an exclusive end column counted in UTF-16 code
 * units: exactly the Report's Range, so `columnKind` says so.
 */
import { LineIndex } from "../source";
import type { FileReport } from "./format-common";
import { repoPath, sortedFindings } from "./format-common";
import type { Range } from "../source";
import type { Finding, Severity } from "./types";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

/** What the driver says about a rule. */
export interface SarifRuleInfo {
  readonly id: string;
  /** Default severity. */
  readonly severity: Severity;
  /** One sentence. */
  readonly summary: string;
  /** Why it matters, a few sentences (plain text). */
  readonly description: string;
  /** Plain-text help (why it matters, what to do); shown by code-scanning UIs. */
  readonly help: string;
  /** The same help as GitHub-flavoured Markdown (GitHub code scanning renders it). */
  readonly helpMarkdown: string;
}

export interface SarifOptions {
  readonly toolName: string;
  readonly toolVersion: string;
  /** The playground's address. */
  readonly informationUri: string;
  /** Every rule the tool has, in a stable order (findings of unknown ids are appended). */
  readonly rules: readonly SarifRuleInfo[];
  /** The page that documents a rule. */
  readonly rulePageUrl: (ruleId: string) => string;
}

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  error: "error",
  warning: "warning",
  info: "note",
};

export function formatSarif(files: readonly FileReport[], options: SarifOptions): string {
  return JSON.stringify(sarifLog(files, options), null, 2) + "\n";
}

/** The SARIF log as plain data (exported for tests). */
export function sarifLog(files: readonly FileReport[], options: SarifOptions): object {
  const rules = ruleList(files, options.rules);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: object[] = [];
  for (const file of files) {
    const uri = artifactUri(file.path);
    const lines = new LineIndex(file.text);
    for (const f of sortedFindings(file.report.findings)) results.push(result(f, uri, index.get(f.ruleId) ?? 0, lines));
  }
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: options.toolName,
            version: options.toolVersion,
            semanticVersion: options.toolVersion,
            informationUri: options.informationUri,
            rules: rules.map((r) => descriptor(r, options.rulePageUrl(r.id))),
          },
        },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
}

/** The known rules, then any rule id a finding uses that the list lacks (sorted, so output is stable). */
function ruleList(files: readonly FileReport[], known: readonly SarifRuleInfo[]): SarifRuleInfo[] {
  const rules = [...known];
  const ids = new Set(known.map((r) => r.id));
  const extra = new Map<string, Severity>();
  for (const file of files) {
    for (const f of file.report.findings)
      if (!ids.has(f.ruleId) && !extra.has(f.ruleId)) extra.set(f.ruleId, f.severity);
  }
  for (const id of [...extra.keys()].sort()) {
    rules.push({ id, severity: extra.get(id) ?? "warning", summary: id, description: id, help: id, helpMarkdown: id });
  }
  return rules;
}

function descriptor(rule: SarifRuleInfo, helpUri: string): object {
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.description },
    help: { text: `${rule.help}\n\n${helpUri}`, markdown: `${rule.helpMarkdown}\n\n[Rule page](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ["dockerfile", "buildkit", "cache-mount"] },
  };
}

function result(f: Finding, uri: string, ruleIndex: number, lines: LineIndex): object {
  const r: Record<string, unknown> = {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(f.range) } }],
  };
  if (f.platforms.length > 0) r.properties = { platforms: [...f.platforms] };
  if (f.fix !== null && f.fix.edits.length > 0) {
    r.fixes = [
      {
        description: { text: f.fix.safety === "safe" ? f.fix.description : `${f.fix.description} (suggested)` },
        artifactChanges: [
          {
            artifactLocation: { uri },
            replacements: f.fix.edits.map((e) => ({
              deletedRegion: region(lines.range({ start: e.start, end: e.end })),
              insertedContent: { text: e.text },
            })),
          },
        ],
      },
    ];
  }
  return r;
}

function region(range: Range): object {
  return {
    startLine: range.startLine,
    startColumn: range.startColumn,
    endLine: range.endLine,
    endColumn: range.endColumn,
  };
}

/**
 * A relative URI reference for a path as typed (code scanning resolves it
 * against the repository root); absolute paths become file: URIs.
 */
export function artifactUri(path: string | null): string {
  if (path === null) return "stdin";
  const p = repoPath(path);
  const encoded = p
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
  if (/^[A-Za-z]:\//.test(p)) return `file:///${encoded.replace("%3A", ":")}`;
  return p.startsWith("/") ? `file://${encoded}` : encoded;
}

function pascalCase(id: string): string {
  return id
    .split("-")
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}
