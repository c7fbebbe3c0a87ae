/**
 * The one entry point: Dockerfile text + options → Report. Parses once, then
 * resolves every requested platform (resolve/). Never throws: an internal bug
 * becomes an error on every platform, with a message saying so.
 */
import { inputLimitError } from "./limits";
import { parseDockerfile } from "./parse/index";
import type { AnalyzeOptions, Report } from "./report/types";
import { resolve } from "./resolve/index";
import type { ResolveExtras } from "./resolve/index";
import { runRules } from "./rules/index";

export { toCliJson } from "./resolve/cli-json";
export type { CliJson, CliMount, CliResult } from "./resolve/cli-json";

export function analyze(text: string, options: AnalyzeOptions, extras: ResolveExtras = {}): Report {
  const limit = inputLimitError(text);
  if (limit !== null) return errorReport(text, options, limit);
  try {
    const parsed = parseDockerfile(text);
    const r = resolve(parsed, text, options, extras);
    const { collisions, findings, fixed } = runRules({ text, parsed, resolution: r, options });
    return {
      schema: 1,
      buildPlatform: r.buildPlatform,
      platforms: r.platforms,
      stages: r.stages,
      target: r.target,
      mounts: r.mounts,
      collisions,
      findings,
      fixed,
      syntax: r.syntax,
    };
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return errorReport(text, options, `internal error in the playground (not a BuildKit error): ${detail}`);
  }
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
