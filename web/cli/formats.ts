/**
 * --format → text on stdout. The formatters themselves are pure (web/core/report,
 * web/share); this module gives them what only the CLI knows: the base URL,
 * colour, the tool's identity and the options to put in a share link.
 */
import { formatGithub } from "../core/report/format-github";
import type { FileReport } from "../core/report/format-common";
import { formatJson } from "../core/report/format-json";
import { codeSpan, formatMarkdown } from "../core/report/format-markdown";
import { formatSarif } from "../core/report/format-sarif";
import { formatText } from "../core/report/format-text";
import type { AnalyzeOptions } from "../core/report/types";
import { ruleLink, tryEncodeState } from "../share/url-codec";
import { V1_DEFAULTS } from "../share/share-state";
import type { OutputFormat } from "./args";
import { sarifRules } from "./rule-info";
import { COMMAND_NAME, TOOL_VERSION } from "./version";

export interface FormatContext {
  readonly baseUrl: string;
  readonly color: boolean;
  readonly analyzeOptions: AnalyzeOptions;
}

export type Formatted = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export function formatReport(
  files: readonly FileReport[],
  options: { readonly format: OutputFormat; readonly verbose: boolean },
  ctx: FormatContext,
): Formatted {
  const rulePageUrl = (id: string) => ruleLink(ctx.baseUrl, id);
  switch (options.format) {
    case "text":
      return ok(formatText(files, { color: ctx.color, verbose: options.verbose }));
    case "json":
      return ok(formatJson(files));
    case "sarif":
      return ok(
        formatSarif(files, {
          toolName: COMMAND_NAME,
          toolVersion: TOOL_VERSION,
          informationUri: ctx.baseUrl,
          rules: sarifRules(),
          rulePageUrl,
        }),
      );
    case "github":
      return ok(formatGithub(files));
    case "markdown":
      return ok(markdown(files, ctx, rulePageUrl));
    case "link":
      return links(files, ctx);
  }
}

/** One playground link per file, each opening that Dockerfile with these options. */
function links(files: readonly FileReport[], ctx: FormatContext): Formatted {
  const lines: string[] = [];
  for (const f of files) {
    const link = linkFor(f, ctx);
    if (!link.ok) return link;
    lines.push(link.text);
  }
  return ok(lines.map((l) => l + "\n").join(""));
}

function linkFor(file: FileReport, ctx: FormatContext): Formatted {
  const o = ctx.analyzeOptions;
  const encoded = tryEncodeState({
    text: file.text,
    platforms: o.platforms,
    buildPlatform: o.buildPlatform ?? V1_DEFAULTS.buildPlatform,
    buildArgs: o.buildArgs ?? {},
    target: o.target ?? "",
    fixStyle: o.fixStyle ?? V1_DEFAULTS.fixStyle,
    view: V1_DEFAULTS.view,
  });
  if (!encoded.ok) return { ok: false, message: `${file.path ?? "standard input"}: ${encoded.reason}` };
  return ok(stripHash(ctx.baseUrl) + encoded.hash);
}

/**
 * The issue-thread report of web/core/report/format-markdown.ts. One file: that
 * report as is; several: each under a `### path` heading, in the order given.
 */
function markdown(files: readonly FileReport[], ctx: FormatContext, rulePageUrl: (id: string) => string): string {
  const one = (f: FileReport) => {
    const link = linkFor(f, ctx);
    return formatMarkdown(f.report, { text: f.text, link: link.ok ? link.text : null, rulePageUrl });
  };
  if (files.length === 1 && files[0] !== undefined) return one(files[0]);
  return files.map((f) => `### ${codeSpan(f.path ?? "standard input")}\n\n${one(f)}`).join("\n");
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}

function ok(text: string): Formatted {
  return { ok: true, text };
}
