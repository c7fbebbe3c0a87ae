/**
 * The one entry point: Dockerfile text + options → Report. Parses once, then
 * resolves every requested platform (resolve/), then runs the rules. Never
 * throws: an internal bug becomes an error on every platform, with a message
 * saying so. analyzeInSteps gives the table before the rules' checks run.
 */
import { inputLimitError } from "./limits";
import { parseDockerfile } from "./parse/index";
import type { AnalyzeOptions, Report, ReportTable } from "./report/types";
import { resolve } from "./resolve/index";
import type { ResolveExtras } from "./resolve/index";
import { prepareRules } from "./rules/index";

export { toCliJson } from "./resolve/cli-json";
export type { CliJson, CliMount, CliResult } from "./resolve/cli-json";

export function analyze(text: string, options: AnalyzeOptions, extras: ResolveExtras = {}): Report {
  return analyzeInSteps(text, options, extras).finish();
}

/** An analysis whose table is known and whose findings and fix are still to come. */
export interface AnalysisInSteps {
  /** Everything the table shows: parse, resolve and the collisions' verdicts. */
  readonly table: ReportTable;
  /** The whole report (runs the rules' checks and fixes once; never throws). */
  readonly finish: () => Report;
}

/**
 * analyze() in two steps, for the playground: the cache-key table is ready
 * before the rules' checks and fixes run, which take about half the time. The
 * report `finish` gives is the one analyze() gives, and its table fields are
 * the very objects `table` holds. An internal error in the second step makes
 * the whole report an error report, like analyze().
 */
export function analyzeInSteps(text: string, options: AnalyzeOptions, extras: ResolveExtras = {}): AnalysisInSteps {
  const limit = inputLimitError(text);
  if (limit !== null) return done(errorReport(text, options, limit));
  try {
    const parsed = parseDockerfile(text);
    const r = resolve(parsed, text, options, extras);
    const rules = prepareRules({ text, parsed, resolution: r, options });
    const table: ReportTable = {
      schema: 1,
      buildPlatform: r.buildPlatform,
      platforms: r.platforms,
      stages: r.stages,
      target: r.target,
      mounts: r.mounts,
      collisions: rules.collisions,
      syntax: r.syntax,
    };
    let report: Report | null = null;
    const finish = (): Report => {
      if (report !== null) return report;
      try {
        const { findings, fixed } = rules.finish();
        report = { ...table, findings, fixed };
      } catch (e) {
        report = internalError(text, options, e);
      }
      return report;
    };
    return { table, finish };
  } catch (e) {
    return done(internalError(text, options, e));
  }
}

function done(report: Report): AnalysisInSteps {
  return { table: report, finish: () => report };
}

function internalError(text: string, options: AnalyzeOptions, e: unknown): Report {
  const detail = e instanceof Error ? e.message : String(e);
  return errorReport(text, options, `internal error in the playground (not a BuildKit error): ${detail}`);
}

/** A Report that stops before BuildKit's semantics: `message` on every requested platform. */
function errorReport(text: string, options: AnalyzeOptions, message: string): Report {
  const requested = options.platforms.length > 0 ? options.platforms : [options.buildPlatform ?? "linux/amd64"];
  return {
    schema: 1,
    buildPlatform: options.buildPlatform ?? "linux/amd64",
    platforms: requested.map((p) => ({ requested: p, normalized: null, error: message, errorRange: null })),
    stages: [],
    target: null,
    mounts: [],
    collisions: [],
    findings: [],
    fixed: text,
    syntax: null,
  };
}
