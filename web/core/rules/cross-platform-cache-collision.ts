/**
 * One cache directory used by RUNs that execute on different platforms.
 * Severity follows the catalogue: unsafe → error, unknown → warning, safe →
 * info with the reason (sharing an arch-neutral cache is the point of it,
 * moby/buildkit#2598). The fix makes the id depend on the execution platform.
 */
import type { Collision, Severity } from "../report/types";
import type { FixIntent } from "../fix/types";
import { planCollisionFixes, type CollisionFix } from "./collision-fix";
import { writtenId } from "./id-plan";
import { because, code, involvedMounts, list, MAX_LISTED_MOUNTS, mountRange } from "./messages";
import type { Rule, RuleContext, RuleFinding } from "./types";
import { isVariantOnly } from "./variant";

/** Largest group whose whole-group fix is offered as a fallback. */
const MAX_GROUP_FIX = 4;
const SEVERITY: Readonly<Record<Collision["verdict"], Severity>> = {
  unsafe: "error",
  unknown: "warning",
  safe: "info",
};
const RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

/** Per collision: each mount's first platform in it, in order (computed once: groups can be large). */
const firstCells = new WeakMap<Collision, Map<number, number>>();

function mountsOf(c: Collision): Map<number, number> {
  let m = firstCells.get(c);
  if (m === undefined) {
    m = new Map();
    for (const x of c.cells) if (!m.has(x.mount)) m.set(x.mount, x.platformIndex);
    firstCells.set(c, m);
  }
  return m;
}

/** Per collision: its first four distinct RUN lines and how many distinct lines it has (computed once). */
const linesMemo = new WeakMap<Collision, { first: number[]; count: number }>();

/** The other RUNs' lines, at most three named ("5, 9, 12 and 40 more"): O(1) per mount, even for huge groups. */
function otherLines(ctx: RuleContext, c: Collision, mount: number): string[] {
  let memo = linesMemo.get(c);
  if (memo === undefined) {
    const all = new Set<number>();
    const first: number[] = [];
    for (const m of mountsOf(c).keys()) {
      const line = ctx.resolution.mounts[m]?.line ?? 0;
      if (all.has(line)) continue;
      all.add(line);
      if (first.length < 4) first.push(line);
    }
    linesMemo.set(c, (memo = { first, count: all.size }));
  }
  // Mounts on this mount's own line are the same RUN: only the other lines are named.
  const own = ctx.resolution.mounts[mount]?.line ?? 0;
  const shown = memo.first.filter((l) => l !== own).slice(0, 3);
  const more = memo.count - 1 - shown.length;
  const out = shown.map(String);
  if (more > 0) out.push(`${more} more`);
  return out;
}

function describe(ctx: RuleContext, mount: number, c: Collision): string {
  const mounts = mountsOf(c);
  const m = ctx.resolution.mounts[mount];
  const cell = m?.cells[mounts.get(mount) ?? 0];
  const id = cell?.id ?? c.cacheKey;
  let s = `RUNs executing on ${list(c.execPlatforms)} share the cache ${code(id)} (key ${code(c.cacheKey)})`;
  const raw = writtenId(ctx, mount);
  if (raw === null || raw === "") {
    s += ": without an `id`, the id is the target path, and the platform is never part of the key";
  } else if (m?.cells.some((x) => x.variables.some((v) => v.option === "id"))) {
    s += `: ${code("id=" + raw)} resolves to ${code(id)} on each of them`;
  } else {
    s += `: ${code("id=" + raw)} is the same on every platform`;
  }
  // A RUN that executes on one platform for every target (FROM --platform=…) deserves a word.
  const built = m?.cells.filter((x) => x.built) ?? [];
  const execs = new Set(built.map((x) => x.execPlatform));
  if (built.length > 1 && execs.size === 1) s += `; this RUN executes on ${[...execs][0]} for every target`;
  if (mounts.size > 1) {
    const shown = otherLines(ctx, c, mount);
    if (shown.length > 0) {
      const many = shown.length > 1;
      s += `; the RUN${many ? "s" : ""} on line${many ? "s" : ""} ${list(shown)} use${many ? "" : "s"} it too`;
    }
  }
  s += ". ";
  const match = c.catalogue;
  const evidence = match ? ` Evidence: ${match.matchedBy}.` : "";
  if (c.verdict === "safe" && match) return s + because(`That is fine for ${match.tool}`, match.reason) + evidence;
  if (c.verdict === "unsafe" && match) return s + because(`That breaks ${match.tool}`, match.reason) + evidence;
  if (match) {
    return (
      s +
      because(`Whether ${match.tool} copes is unknown`, match.reason) +
      evidence +
      " Isolate it unless you know the tool keys its files by architecture."
    );
  }
  return (
    s +
    `Nothing tells what ${code(cell?.target ?? "")} holds, so each platform may read files the other built. Isolate it unless you know the tool keys its files by architecture.`
  );
}

export const rule: Rule = {
  id: "cross-platform-cache-collision",
  severity: "error",
  summary: "One cache directory is used by RUNs that execute on different platforms.",
  docs: {
    why: "BuildKit never puts the platform into a cache key: without an `id` the key is the target path, and an explicit id is the same on every platform unless it uses a platform ARG. Platforms are built in parallel, so amd64 and arm64 then write one directory. That is harmless for caches keyed by architecture inside (pip, Go), and breaks builds for the rest (apk indexes, node_modules, cargo's target dir). Only the platform a RUN executes on matters: a `FROM --platform=$BUILDPLATFORM` stage runs on the build platform for every target and shares on purpose.",
    bad: {
      dockerfile: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk \\\n    apk add git\n",
      options: { platforms: ["linux/amd64", "linux/arm64"] },
    },
    good: {
      dockerfile:
        "FROM alpine:3.20\nARG TARGETPLATFORM\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk \\\n    apk add git\n",
      options: { platforms: ["linux/amd64", "linux/arm64"] },
    },
  },
  fixSafety: "safe",
  check(ctx) {
    const byMount = new Map<number, Collision[]>();
    for (const c of ctx.collisions) {
      if (isVariantOnly(ctx, c)) continue;
      for (const m of mountsOf(c).keys()) {
        let list = byMount.get(m);
        if (list === undefined) byMount.set(m, (list = []));
        list.push(c);
      }
    }
    // A finding's own fix takes its mount out of the collision (each mount of a group has its
    // finding, so "fix all" still fixes them all); changing the whole group is the fallback,
    // offered for small groups only (it names every mount). Each way costs predictions, so the
    // alternatives are only worked out when "fix all" needs them.
    const waysOf = (c: Collision, mount: number, limit: number): CollisionFix[] => {
      const n = mountsOf(c).size;
      if (n === 1) return planCollisionFixes(ctx, c, null, limit);
      const own = planCollisionFixes(ctx, c, mount, limit);
      if (own.length >= limit || n > MAX_GROUP_FIX) return own;
      return [...own, ...planCollisionFixes(ctx, c, null, limit - own.length)];
    };
    /** The ways to fix every harmful collision of a mount at once: the k-th way of each. */
    const combine = (harmful: readonly CollisionFix[][]): { description: string; intents: FixIntent[] }[] => {
      const ways: { description: string; intents: FixIntent[] }[] = [];
      if (harmful.length === 0 || harmful.some((p) => p.length === 0)) return ways;
      const n = Math.max(...harmful.map((p) => p.length));
      for (let k = 0; k < n; k++) {
        const picked = harmful.map((p) => p[Math.min(k, p.length - 1)]).filter((p) => p !== undefined);
        const description = [...new Set(picked.map((p) => p.description))].join(" ");
        if (!ways.some((w) => w.description === description))
          ways.push({ description, intents: picked.flatMap((p) => [...p.intents]) });
      }
      return ways;
    };
    const out: RuleFinding[] = [];
    for (const [mount, collisions] of [...byMount].sort((a, b) => a[0] - b[0])) {
      let severity: Severity = "info";
      const platforms: string[] = [];
      const mounts = new Set<number>();
      for (const c of collisions) {
        const s = SEVERITY[c.verdict];
        if (RANK[s] < RANK[severity]) severity = s;
        for (const p of c.execPlatforms) if (!platforms.includes(p)) platforms.push(p);
        for (const m of mountsOf(c).keys()) {
          if (mounts.size > MAX_LISTED_MOUNTS) break;
          mounts.add(m);
        }
      }
      const harmfulCollisions = collisions.filter((c) => c.verdict !== "safe");
      const firstWays = harmfulCollisions.map((c) => waysOf(c, mount, 1));
      const [first] = combine(firstWays);
      const alternatives = () => combine(harmfulCollisions.map((c) => waysOf(c, mount, Infinity))).slice(1);
      let message = collisions.map((c) => describe(ctx, mount, c)).join(" ");
      const example = firstWays[0]?.[0]?.newIds.get(mount);
      if (severity !== "info") {
        message +=
          example !== undefined
            ? ` Make the id depend on the platform the RUN executes on, e.g. ${code("id=" + example)}.`
            : " Make the id depend on the platform the RUN executes on (e.g. `${TARGETPLATFORM}`, declared with `ARG TARGETPLATFORM`).";
      }
      out.push({
        severity,
        message,
        range: mountRange(ctx, mount),
        platforms,
        mounts: involvedMounts(mount, mounts),
        fix:
          severity === "info" || first === undefined
            ? null
            : { description: first.description, safety: "safe", intents: first.intents, alternatives },
      });
    }
    return out;
  },
};
