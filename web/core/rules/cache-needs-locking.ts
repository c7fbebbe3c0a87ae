/**
 * A tool that needs exclusive access (cache-targets.md: apt, yarn v1, the
 * cargo registry) mounted `shared` or `private`. BuildKit builds the requested
 * platforms in parallel, so `shared` means concurrent writers and `private`
 * silently hands the second build an empty directory.
 */
import { because, code, list, mountRange, platformsOf } from "./messages";
import type { Rule, RuleFinding } from "./types";

export const rule: Rule = {
  id: "cache-needs-locking",
  severity: "warning",
  summary: "A cache whose tool needs exclusive access is mounted without `sharing=locked`.",
  docs: {
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
  },
  fixSafety: "safe",
  check(ctx) {
    const out: RuleFinding[] = [];
    // Mounts that use each directory without the lock.
    const unlockedByKey = new Map<string, number[]>();
    for (const m of ctx.resolution.mounts) {
      for (const c of m.cells) {
        if (!c.built || c.sharing === "locked") continue;
        let list = unlockedByKey.get(c.effectiveKey);
        if (list === undefined) unlockedByKey.set(c.effectiveKey, (list = []));
        if (list[list.length - 1] !== m.index) list.push(m.index);
      }
    }
    for (const m of ctx.resolution.mounts) {
      const hits: number[] = [];
      let match = null;
      let mode = "shared";
      for (const cell of m.cells) {
        if (!cell.built || cell.sharing === "locked") continue;
        const found = ctx.catalogue({ mount: m.index, platformIndex: cell.platformIndex });
        if (!found?.needsLocked) continue;
        match ??= found;
        mode = cell.sharing;
        hits.push(cell.platformIndex);
      }
      if (match === null) continue;
      // Every other mount of the same directory takes the lock too, or the modes would differ
      // (sharing-mode-conflict): a lock only helps when everyone takes it.
      const partners: number[] = [];
      for (const c of m.cells) {
        if (!c.built) continue;
        for (const other of unlockedByKey.get(c.effectiveKey) ?? []) {
          if (other !== m.index && !partners.includes(other) && ctx.source.mounts[other]) partners.push(other);
        }
      }
      partners.sort((a, b) => a - b);
      const partnerLines = [...new Set(partners.map((p) => String(ctx.resolution.mounts[p]?.line ?? "?")))];
      const consequence =
        mode === "private"
          ? "with `sharing=private`, a build that finds the cache busy silently gets a fresh empty directory"
          : "with `sharing=shared` (the default), parallel builds, including the platforms of one build, write it at the same time";
      out.push({
        severity: "warning",
        message: `${because(`${match.tool} needs exclusive access to its cache`, match.reason)} Here ${consequence}. Use ${code("sharing=locked")}. Evidence: ${match.matchedBy}.`,
        range: mountRange(ctx, m.index),
        platforms: platformsOf(ctx, hits),
        mounts: [m.index],
        fix: ctx.source.mounts[m.index]
          ? {
              description:
                partners.length > 0
                  ? `Use \`sharing=locked\` here and on line${partnerLines.length > 1 ? "s" : ""} ${list(partnerLines)}, which use${partnerLines.length > 1 ? "" : "s"} the same cache.`
                  : "Use `sharing=locked`.",
              safety: "safe",
              intents: [m.index, ...partners].map((mount) => ({ kind: "sharing", mount, value: "locked" }) as const),
            }
          : null,
      });
    }
    return out;
  },
};
