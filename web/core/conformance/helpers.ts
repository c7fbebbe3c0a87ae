/** Shared helpers for the conformance tests (test-only code). */
import { analyze, toCliJson } from "../analyze";
import type { CliJson } from "../analyze";
import { parseDockerfile } from "../parse/index";
import type { AnalyzeOptions, MountReport, Report } from "../report/types";
import type { Resolution, ResolveExtras } from "../resolve/index";
import { resolve } from "../resolve/index";

export const A = ["linux/amd64"];
export const AR = ["linux/amd64", "linux/arm64"];

/** A snippet without any FROM is preceded by `FROM busybox` (buildkit-semantics.md §8). */
export function df(snippet: string): string {
  return /^\s*FROM\s/im.test(snippet) ? snippet : `FROM busybox\n${snippet}`;
}

/** `…opts` of the spec: `RUN --mount=type=cache,<opts> true`. */
export function cache(opts: string): string {
  return `RUN --mount=type=cache,${opts} true`;
}

export interface Run {
  readonly report: Report;
  readonly json: CliJson;
  readonly res: Resolution;
}

export function run(
  text: string,
  platforms: readonly string[] = A,
  more: Omit<Partial<AnalyzeOptions>, "platforms"> = {},
  extras: ResolveExtras = {},
): Run {
  const options: AnalyzeOptions = { platforms, ...more };
  const report = analyze(text, options, extras);
  return { report, json: toCliJson(report), res: resolve(parseDockerfile(text), text, options, extras) };
}

/** Cache keys per platform, in BuildKit's order. */
export function keys(r: Run): string[][] {
  return r.json.results.map((x) => x.mounts.map((m) => m.cacheKey));
}

export function errors(r: Run): (string | null)[] {
  return r.json.results.map((x) => x.error);
}

/** The only error, when every platform stops with the same one. */
export function error(r: Run): string | null {
  const all = errors(r);
  expectSame(all);
  return all[0] ?? null;
}

function expectSame(values: readonly unknown[]): void {
  if (new Set(values).size > 1) throw new Error(`platforms disagree: ${JSON.stringify(values)}`);
}

/** Do all built cells of this mount share one directory (same effective key)? */
export function shared(m: MountReport | undefined): boolean {
  if (m === undefined) return false;
  const built = m.cells.filter((c) => c.built);
  return built.length > 1 && new Set(built.map((c) => c.effectiveKey)).size === 1;
}

export function lintMessages(r: Run): string[] {
  return r.res.lints.map((l) => `${l.rule}: ${l.message}`);
}
