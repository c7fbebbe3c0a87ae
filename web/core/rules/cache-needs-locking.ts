/**
 * A tool that needs exclusive access (cache-targets.md: apt, yarn v1, the
 * cargo registry) mounted `shared` or `private`. BuildKit builds the requested
 * platforms in parallel, so `shared` means concurrent writers and `private`
 * silently hands the second build an empty directory.
 */
import type { CatalogueMatch, Sharing } from "../report/types";
import { because, code, list, mountRange, platformsOf, someLines } from "./messages";
import type { Rule, RuleDocs, RuleFinding } from "./types";

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "Some tools cannot share their cache with a concurrent writer: apt and dpkg take exclusive locks (“Could not get lock”, moby/buildkit#1662), yarn v1 corrupts its cache, cargo its registry index. BuildKit builds all requested platforms, and parallel builds, at the same time; with `sharing=shared` (the default) they all write one directory, and with `private` a busy cache is replaced by a fresh empty one. `sharing=locked` makes them take turns.",
  bad: {
    dockerfile:
      "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install -y git\n",
    options: { platforms: ["linux/amd64", "linux/arm64"] },
  },
  good: {
    dockerfile:
      "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    --mount=type=cache,target=/var/lib/apt,sharing=locked \\\n    apt-get update && apt-get install -y git\n",
    options: { platforms: ["linux/amd64", "linux/arm64"] },
  },
};

export const rule: Rule = {
  id: "cache-needs-locking",
  severity: "warning",
  summary: "A cache whose tool needs exclusive access is mounted without `sharing=locked`.",
  fixSafety: "safe",
  check(ctx) {
    // First the mounts this rule flags (each gets its own finding and fix)…
    const flagged = new Map<number, { match: CatalogueMatch; mode: Sharing; hits: number[] }>();
    // Every cell of the file: indexed loops, as this runs once per analysis and often before the
    // engine optimises it (array iterators then cost an object per step).
    const { mounts } = ctx.resolution;
    for (let i = 0; i < mounts.length; i++) {
      const m = mounts[i];
      if (m === undefined) continue;
      for (let j = 0; j < m.cells.length; j++) {
        const cell = m.cells[j];
        if (cell === undefined || !cell.built || cell.sharing === "locked") continue;
        const found = ctx.catalogue(m.index, cell.platformIndex);
        if (!found?.needsLocked) continue;
        let f = flagged.get(m.index);
        if (f === undefined) flagged.set(m.index, (f = { match: found, mode: cell.sharing, hits: [] }));
        f.mode = cell.sharing;
        f.hits.push(cell.platformIndex);
      }
    }
    if (flagged.size === 0) return [];
    // …then, per directory of a flagged mount, the unlocked mounts nobody flags (another target on
    // the same id): they take the lock with the flagged ones, or the modes would differ
    // (sharing-mode-conflict). Only those directories get a list: most hold no flagged mount.
    const bystandersByKey = new Map<string, number[]>();
    for (const mount of flagged.keys()) {
      for (const c of ctx.resolution.mounts[mount]?.cells ?? []) if (c.built) bystandersByKey.set(c.effectiveKey, []);
    }
    for (let i = 0; i < mounts.length; i++) {
      const m = mounts[i];
      if (m === undefined || flagged.has(m.index) || !ctx.source.mounts[m.index]) continue;
      for (let j = 0; j < m.cells.length; j++) {
        const c = m.cells[j];
        if (c === undefined || !c.built || c.sharing === "locked") continue;
        const list = bystandersByKey.get(c.effectiveKey);
        if (list !== undefined && list[list.length - 1] !== m.index) list.push(m.index);
      }
    }
    const out: RuleFinding[] = [];
    for (const [mount, { match, mode, hits }] of flagged) {
      const partnerSet = new Set<number>();
      for (const c of ctx.resolution.mounts[mount]?.cells ?? []) {
        if (c.built) for (const other of bystandersByKey.get(c.effectiveKey) ?? []) partnerSet.add(other);
      }
      const partners = [...partnerSet].sort((a, b) => a - b);
      const partnerLines = someLines(ctx, partners, null);
      const consequence =
        mode === "private"
          ? "with `sharing=private`, a build that finds the cache busy silently gets a fresh empty directory"
          : "with `sharing=shared` (the default), parallel builds, including the platforms of one build, write it at the same time";
      out.push({
        severity: "warning",
        message: `${because(`${match.tool} needs exclusive access to its cache`, match.reason)} Here ${consequence}. Use ${code("sharing=locked")}. Evidence: ${match.matchedBy}.`,
        range: mountRange(ctx, mount),
        platforms: platformsOf(ctx, hits),
        mounts: [mount],
        fix: ctx.source.mounts[mount]
          ? {
              description:
                partners.length > 0
                  ? `Use \`sharing=locked\` here and on line${partnerLines.length > 1 ? "s" : ""} ${list(partnerLines)}, which use${partnerLines.length > 1 ? "" : "s"} the same cache.`
                  : "Use `sharing=locked`.",
              safety: "safe",
              intents: [mount, ...partners].map((m) => ({ kind: "sharing", mount: m, value: "locked" }) as const),
            }
          : null,
      });
    }
    return out;
  },
};
