/**
 * The CLI's JSON (schema 1, design.md "The CLI's JSON"): one result per
 * requested platform in order, with the cache mounts built on it in source
 * order; no mounts when the platform errored. `results` is what the corpus's
 * expected.json holds (BuildKit's own answers).
 */
import type { Report } from "../report/types";

export interface CliMount {
  readonly line: number;
  readonly target: string;
  readonly id: string;
  readonly cacheKey: string;
  readonly sharing: string;
  readonly execPlatform: string;
  readonly hasBase: boolean;
  readonly stage: string | null;
}

export interface CliResult {
  /** Normalized, or as requested when it does not parse. */
  readonly platform: string;
  readonly requested: string;
  readonly error: string | null;
  readonly mounts: readonly CliMount[];
}

export interface CliJson {
  readonly schema: 1;
  readonly buildPlatform: string;
  readonly results: readonly CliResult[];
  readonly collisions: Report["collisions"];
  readonly findings: Report["findings"];
  readonly fixed: string;
}

export function toCliJson(report: Report): CliJson {
  const results: CliResult[] = report.platforms.map((p, i) => {
    const mounts: CliMount[] = [];
    const groups: string[] = [];
    if (p.error === null) {
      for (const m of report.mounts) {
        const c = m.cells[i];
        if (c === undefined || !c.built) continue;
        groups.push(`${m.stageIndex}:${m.line}:${m.command}`);
        mounts.push({
          line: m.line,
          target: c.target,
          id: c.id,
          cacheKey: c.cacheKey,
          sharing: c.sharing,
          execPlatform: c.execPlatform,
          hasBase: c.hasBase,
          stage: m.stage,
        });
      }
    }
    return {
      platform: p.normalized ?? p.requested,
      requested: p.requested,
      error: p.error,
      mounts: sortWithinRuns(mounts, groups),
    };
  });
  return {
    schema: 1,
    buildPlatform: report.buildPlatform,
    results,
    collisions: report.collisions,
    findings: report.findings,
    fixed: report.fixed,
  };
}

/**
 * Within one RUN, BuildKit's ExecOp lists its mounts sorted by mount point
 * (client/llb/exec.go Marshal, strings.Compare), which is the order its build
 * graph, and so the corpus, shows them in. RUNs stay in source order.
 */
function sortWithinRuns(mounts: CliMount[], groups: readonly string[]): CliMount[] {
  const out: CliMount[] = [];
  let start = 0;
  while (start < mounts.length) {
    let end = start + 1;
    while (end < mounts.length && groups[end] === groups[start]) end++;
    const run = mounts.slice(start, end);
    // Array.prototype.sort is stable: equal mount points keep source order.
    run.sort((a, b) => compareBytes(a.target, b.target));
    out.push(...run);
    start = end;
  }
  return out;
}

/** Go strings.Compare: UTF-8 byte order, which is code point order. */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
