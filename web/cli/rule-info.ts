/**
 * The rule catalogue (web/core/rules/docs.ts DOCUMENTED_RULES) as SARIF's driver describes it:
 * the summary, then why it matters and the rule's own bad/good examples, so a
 * code-scanning alert explains itself without leaving the page.
 */
import type { SarifRuleInfo } from "../core/report/format-sarif";
import type { AnalyzeOptions } from "../core/report/types";
import type { DocumentedRule, RuleExample } from "../core/rules/index";
import { DOCUMENTED_RULES } from "../core/rules/docs";

export function sarifRules(rules: readonly DocumentedRule[] = DOCUMENTED_RULES): SarifRuleInfo[] {
  return rules.map((r) => ({
    id: r.id,
    severity: r.severity,
    summary: r.summary,
    description: r.docs.why,
    help: helpText(r),
    helpMarkdown: helpMarkdown(r),
  }));
}

function helpText(r: DocumentedRule): string {
  return [
    r.summary,
    r.docs.why,
    `Flagged${flagsNote(r.docs.bad)}:\n${indent(r.docs.bad.dockerfile)}`,
    `Not flagged${flagsNote(r.docs.good)}:\n${indent(r.docs.good.dockerfile)}`,
  ].join("\n\n");
}

function helpMarkdown(r: DocumentedRule): string {
  return [
    `**${r.summary}**`,
    r.docs.why,
    `Flagged${flagsNote(r.docs.bad, true)}:\n\n${fenced(r.docs.bad.dockerfile)}`,
    `Not flagged${flagsNote(r.docs.good, true)}:\n\n${fenced(r.docs.good.dockerfile)}`,
  ].join("\n\n");
}

/** The example's options as the CLI flags that reproduce them. */
export function exampleFlags(o: AnalyzeOptions): string[] {
  const flags: string[] = [];
  if (o.platforms.length > 0) flags.push(`--platform ${o.platforms.join(",")}`);
  if (o.buildPlatform !== undefined) flags.push(`--build-platform ${o.buildPlatform}`);
  for (const [k, v] of Object.entries(o.buildArgs ?? {})) flags.push(`--build-arg ${k}=${v}`);
  if (o.target !== undefined) flags.push(`--target ${o.target}`);
  return flags;
}

function flagsNote(e: RuleExample, markdown = false): string {
  const flags = exampleFlags(e.options).join(" ");
  if (flags === "") return "";
  return markdown ? ` (\`${flags}\`)` : ` (${flags})`;
}

function indent(text: string): string {
  return text
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

/** A fenced block whose fence is longer than any backtick run inside. */
function fenced(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}dockerfile\n${text.replace(/\n$/, "")}\n${fence}`;
}
