/**
 * One cache directory used by RUNs that execute on different platforms.
 * Severity follows the catalogue: unsafe → error, unknown → warning, safe →
 * info with the reason (sharing an arch-neutral cache is the point of it,
 * moby/buildkit#2598). The fix makes the id depend on the execution platform.
 */
import type { Collision, MountCell, Severity } from "../report/types";
import type { FixIntent } from "../fix/types";
import { planCollisionFixes, type CollisionFix } from "./collision-fix";
import { changedIdText, writtenId } from "./id-plan";
import { because, code, involvedMounts, list, MAX_LISTED_MOUNTS, mountRange } from "./messages";
import type { Rule, RuleContext, RuleDocs, RuleFinding } from "./types";
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

/** Per collision of at most MAX_LISTED_MOUNTS mounts: all of them, in order (what involvedMounts gives each). */
const listedMemo = new WeakMap<Collision, readonly number[]>();

function listedMounts(c: Collision): readonly number[] {
  let listed = listedMemo.get(c);
  if (listed === undefined) listedMemo.set(c, (listed = [...mountsOf(c).keys()].sort((a, b) => a - b)));
  return listed;
}

/**
 * Per collision: its first four distinct RUN lines, how many distinct lines it has, and the
 * clause naming the other lines, by own line (-1 for every line outside the first four, which
 * all get the same clause): computed once per collision, not per mount.
 */
const linesMemo = new WeakMap<Collision, { first: number[]; count: number; clauses: Map<number, string> }>();

/**
 * "; the RUNs on lines 5, 9, 12 and 40 more use it too" (at most three named), or "" when
 * no other line shares it: O(1) per mount, even for huge groups.
 */
function otherLinesClause(ctx: RuleContext, c: Collision, mount: number): string {
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
    memo = { first, count: all.size, clauses: new Map() };
    linesMemo.set(c, memo);
  }
  // Mounts on this mount's own line are the same RUN: only the other lines are named.
  const own = ctx.resolution.mounts[mount]?.line ?? 0;
  const key = memo.first.includes(own) ? own : -1;
  let clause = memo.clauses.get(key);
  if (clause === undefined) {
    const shown = memo.first.filter((l) => l !== own).slice(0, 3);
    const more = memo.count - 1 - shown.length;
    const out = shown.map(String);
    if (more > 0) out.push(`${more} more`);
    const many = out.length > 1;
    clause =
      out.length === 0
        ? ""
        : `; the RUN${many ? "s" : ""} on line${many ? "s" : ""} ${list(out)} use${many ? "" : "s"} it too`;
    memo.clauses.set(key, clause);
  }
  return clause;
}

/** The one platform every built cell executes on, when there are two built cells or more; else null. */
function soleExecPlatform(cells: readonly MountCell[]): string | null {
  let exec: string | null = null;
  let built = 0;
  for (const c of cells) {
    if (!c.built) continue;
    built++;
    if (exec === null) exec = c.execPlatform;
    else if (c.execPlatform !== exec) return null;
  }
  return built > 1 ? exec : null;
}

function describe(ctx: RuleContext, mount: number, c: Collision): string {
  const mounts = mountsOf(c);
  const m = ctx.resolution.mounts[mount];
  const cell = m?.cells[mounts.get(mount) ?? 0];
  const id = cell?.id ?? c.cacheKey;
  const texts = collisionTexts(c);
  const raw = writtenId(ctx, mount);
  // The opening clause: the same for most mounts of a group (same id, same written id).
  const usesVariables = raw !== null && raw !== "" && m?.cells.some((x) => x.variables.some((v) => v.option === "id"));
  const key = `${usesVariables === true ? "v" : "-"}${id.length}:${id}${raw === null ? "!" : ":" + raw}`;
  let s = texts.openings.get(key);
  if (s === undefined) {
    s = `${texts.lead}${code(id)} (key ${texts.key})`;
    if (raw === null || raw === "") {
      s += ": without an `id`, the id is the target path, and the platform is never part of the key";
    } else if (usesVariables === true) {
      s += `: ${code("id=" + raw)} resolves to ${code(id)} on each of them`;
    } else {
      s += `: ${code("id=" + raw)} is the same on every platform`;
    }
    texts.openings.set(key, s);
  }
  // A RUN that executes on one platform for every target (FROM --platform=…) deserves a word.
  const exec = soleExecPlatform(m?.cells ?? []);
  if (exec !== null) s += `; this RUN executes on ${exec} for every target`;
  if (mounts.size > 1) s += otherLinesClause(ctx, c, mount);
  s += ". ";
  if (texts.verdict !== null) return s + texts.verdict;
  return (
    s +
    `Nothing tells what ${code(cell?.target ?? "")} holds, so each platform may read files the other built. Isolate it unless you know the tool keys its files by architecture.`
  );
}

/** The parts of a collision's description that are the same for each of its mounts (computed once). */
interface CollisionTexts {
  /** "RUNs executing on … share the cache ". */
  readonly lead: string;
  /** The cache key as code. */
  readonly key: string;
  /** What the catalogue says, or null when it has no match. */
  readonly verdict: string | null;
  /** Opening clauses already written, by id and written id. */
  readonly openings: Map<string, string>;
}

const textsMemo = new WeakMap<Collision, CollisionTexts>();

function collisionTexts(c: Collision): CollisionTexts {
  let texts = textsMemo.get(c);
  if (texts === undefined) {
    texts = {
      lead: `RUNs executing on ${list(c.execPlatforms)} share the cache `,
      key: code(c.cacheKey),
      verdict: verdictText(c),
      openings: new Map(),
    };
    textsMemo.set(c, texts);
  }
  return texts;
}

function verdictText(c: Collision): string | null {
  const match = c.catalogue;
  if (!match) return null;
  const evidence = ` Evidence: ${match.matchedBy}.`;
  if (c.verdict === "safe") return because(`That is fine for ${match.tool}`, match.reason) + evidence;
  if (c.verdict === "unsafe") return because(`That breaks ${match.tool}`, match.reason) + evidence;
  return (
    because(`Whether ${match.tool} copes is unknown`, match.reason) +
    evidence +
    " Isolate it unless you know the tool keys its files by architecture."
  );
}

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
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
};

export const rule: Rule = {
  id: "cross-platform-cache-collision",
  severity: "error",
  summary: "One cache directory is used by RUNs that execute on different platforms.",
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
    const combine = (harmful: readonly CollisionFix[][]): { description: string; intents: readonly FixIntent[] }[] => {
      const ways: { description: string; intents: readonly FixIntent[] }[] = [];
      if (harmful.length === 0 || harmful.some((p) => p.length === 0)) return ways;
      let n = 0;
      for (const p of harmful) n = Math.max(n, p.length);
      for (let k = 0; k < n; k++) {
        const descriptions: string[] = [];
        // One collision (the usual case): its way's intents as they are.
        let intents: readonly FixIntent[] = [];
        for (const p of harmful) {
          const picked = p[Math.min(k, p.length - 1)];
          if (picked === undefined) continue;
          if (!descriptions.includes(picked.description)) descriptions.push(picked.description);
          intents = harmful.length === 1 ? picked.intents : [...intents, ...picked.intents];
        }
        const description = descriptions.join(" ");
        if (!ways.some((w) => w.description === description)) ways.push({ description, intents });
      }
      return ways;
    };
    const out: RuleFinding[] = [];
    for (const [mount, collisions] of [...byMount].sort((a, b) => a[0] - b[0])) {
      let severity: Severity = "info";
      const platforms: string[] = [];
      // A group too large to list makes the finding name its own mount only (involvedMounts):
      // then there is no need to collect the others, which costs a Set per mount of a huge group.
      let listed: number[] | null = null;
      for (const c of collisions) {
        const s = SEVERITY[c.verdict];
        if (RANK[s] < RANK[severity]) severity = s;
        for (const p of c.execPlatforms) if (!platforms.includes(p)) platforms.push(p);
        if (mountsOf(c).size > MAX_LISTED_MOUNTS) listed = [mount];
      }
      const [only] = collisions;
      if (listed === null && collisions.length === 1 && only !== undefined) {
        // One collision (the usual case): every mount of it lists the same mounts.
        listed = [...listedMounts(only)];
      } else if (listed === null) {
        const mounts = new Set<number>();
        for (const c of collisions) {
          for (const m of mountsOf(c).keys()) {
            if (mounts.size > MAX_LISTED_MOUNTS) break;
            mounts.add(m);
          }
        }
        listed = involvedMounts(mount, mounts);
      }
      const harmfulCollisions = collisions.filter((c) => c.verdict !== "safe");
      const firstWays = harmfulCollisions.map((c) => waysOf(c, mount, 1));
      const [first] = combine(firstWays);
      const alternatives = () => combine(harmfulCollisions.map((c) => waysOf(c, mount, Infinity))).slice(1);
      let message =
        collisions.length === 1 && collisions[0] !== undefined
          ? describe(ctx, mount, collisions[0])
          : collisions.map((c) => describe(ctx, mount, c)).join(" ");
      const firstChange = firstWays[0]?.[0]?.changes.find((c) => c.mount === mount)?.change;
      const example = firstChange === undefined ? null : changedIdText(ctx, mount, firstChange);
      if (severity !== "info") {
        message +=
          example !== null
            ? ` Make the id depend on the platform the RUN executes on, e.g. ${code("id=" + example)}.`
            : " Make the id depend on the platform the RUN executes on (e.g. `${TARGETPLATFORM}`, declared with `ARG TARGETPLATFORM`).";
      }
      out.push({
        severity,
        message,
        range: mountRange(ctx, mount),
        platforms,
        mounts: listed,
        fix:
          severity === "info" || first === undefined
            ? null
            : { description: first.description, safety: "safe", intents: first.intents, alternatives },
      });
    }
    return out;
  },
};
