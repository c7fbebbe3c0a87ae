/**
 * One cache directory mounted at different target paths by different RUNs:
 * most likely two tools writing into one directory (`id=cache` for both
 * `~/.npm` and `~/.cache/pip`). The fix suffixes the id of every mount whose
 * target differs from the kept one's with its target (the kept one: the first
 * without an explicit id, else the first), so that one keeps its warm cache.
 */
import { cleanPath } from "../catalogue/index";
import { inertLiteral } from "../fix/literal";
import type { FixIntent } from "../fix/types";
import { directories, ONE_MOUNT } from "./collisions";
import { cellsByMount, changeIntents, changedIdText, writtenId, defaultIdText, type IdChange } from "./id-plan";
import { predictId } from "./predict";
import { code, involvedMounts, list, MAX_LISTED_MOUNTS, mountRange, platformsOf, someLines } from "./messages";
import type { CellRef, Rule, RuleContext, RuleDocs, RuleFinding } from "./types";

/** The mount point of a mount when it is the same on every built cell (cleaned: `/c/` is `/c`). */
function constantTarget(ctx: RuleContext, mount: number): string | null {
  let memo = constantTargets.get(ctx);
  if (memo === undefined) constantTargets.set(ctx, (memo = new Array(ctx.resolution.mounts.length).fill(undefined)));
  let target = memo[mount];
  if (target === undefined) memo[mount] = target = computeConstantTarget(ctx, mount);
  return target;
}

/** Per analysis: a mount is in one group per platform, often. */
const constantTargets = new WeakMap<RuleContext, (string | null | undefined)[]>();

function computeConstantTarget(ctx: RuleContext, mount: number): string | null {
  let target: string | null = null;
  for (const c of ctx.resolution.mounts[mount]?.cells ?? []) {
    if (!c.built) continue;
    const t = cleanPath(c.target);
    if (target !== null && t !== target) return null;
    target = t;
  }
  return target;
}

/**
 * True when the group's mounts have two different constant targets. Checked
 * first, without indexing the group: most directories have one mount or one target.
 */
function manyTargets(ctx: RuleContext, group: readonly CellRef[]): boolean {
  let first: string | null = null;
  let lastMount = -1;
  for (const ref of group) {
    if (ref.mount === lastMount) continue;
    lastMount = ref.mount;
    const t = constantTarget(ctx, ref.mount);
    if (t === null) continue;
    if (first === null) first = t;
    else if (t !== first) return true;
  }
  return false;
}

/** Targets tried as the one that keeps its directory (each try predicts every cell of the group). */
const MAX_KEEPS_TRIED = 4;

/**
 * The changes that give every target but `keep` its own id, and whether they
 * work: no two targets left in one directory.
 */
function planKeeping(
  ctx: RuleContext,
  group: readonly CellRef[],
  targets: ReadonlyMap<number, string>,
  keep: string,
): { changes: Map<number, IdChange>; works: boolean } {
  const changes = new Map<number, IdChange>();
  for (const [m, t] of targets) {
    if (t === keep || !ctx.source.mounts[m]) continue;
    const raw = writtenId(ctx, m);
    // A missing or empty id gets the mount point as its id; an explicit one gets it appended.
    changes.set(
      m,
      raw === null || raw === ""
        ? { prefix: "", suffix: "", declare: [] }
        : { prefix: "", suffix: inertLiteral(t), declare: [] },
    );
  }
  const idOf = (ref: CellRef): string | null => {
    const change = changes.get(ref.mount);
    if (change === undefined) return ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex]?.id ?? null;
    if (change.suffix === "") return defaultIdText(ctx, ref.mount);
    return predictId(ctx, ref, change);
  };
  const byId = new Map<string, string>();
  let works = changes.size > 0;
  for (const ref of group) {
    const id = idOf(ref);
    const t = targets.get(ref.mount);
    if (id === null || t === undefined) continue;
    const seen = byId.get(id);
    if (seen !== undefined && seen !== t) works = false;
    byId.set(id, t);
  }
  return { changes, works };
}

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "The cache id alone picks the directory; the target is only where it appears in the container. Two RUNs that mount the same id at different paths (say npm's and pip's caches) therefore write into one directory, mixing two tools' files and invalidating each other's assumptions. Give each tool its own id.",
  bad: {
    dockerfile:
      "FROM python:3.12\nRUN --mount=type=cache,id=deps,target=/root/.cache/pip pip install -r requirements.txt\nRUN --mount=type=cache,id=deps,target=/root/.npm npm ci\n",
    options: { platforms: ["linux/amd64"] },
  },
  good: {
    dockerfile:
      "FROM python:3.12\nRUN --mount=type=cache,id=pip,target=/root/.cache/pip pip install -r requirements.txt\nRUN --mount=type=cache,id=npm,target=/root/.npm npm ci\n",
    options: { platforms: ["linux/amd64"] },
  },
};

export const rule: Rule = {
  id: "id-shared-across-targets",
  severity: "warning",
  summary: "One cache directory is mounted at different target paths, usually two tools sharing one directory.",
  fixSafety: "safe",
  check(ctx) {
    // Per mount, over every directory it shares (one per platform, often): one finding.
    const byMount = new Map<
      number,
      { message: string; mounts: Set<number>; platforms: number[]; intents: FixIntent[]; fixText: string | null }
    >();
    const { groups, flags } = directories(ctx.resolution);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      // Most directories belong to one mount, or have one target: rule that out before indexing the group.
      if (group === undefined || ((flags[g] ?? 0) & ONE_MOUNT) !== 0 || !manyTargets(ctx, group)) continue;
      const mounts = [...cellsByMount(group).keys()];
      if (mounts.length < 2) continue;
      const targets = new Map<number, string>();
      for (const m of mounts) {
        const t = constantTarget(ctx, m);
        if (t !== null) targets.set(m, t);
      }
      const distinct = [...new Set(targets.values())];
      if (distinct.length < 2) continue;
      // Keep the directory for a mount without an id (its default is the natural one), else for the
      // first target; when that plan still leaves two targets in one directory (an id another fix
      // changes), the next targets are tried.
      const natural = [...targets].find(([m]) => {
        const raw = writtenId(ctx, m);
        return raw === null || raw === "";
      });
      const keeps = natural === undefined ? distinct : [natural[1], ...distinct.filter((t) => t !== natural[1])];
      let plan = planKeeping(ctx, group, targets, keeps[0] ?? "");
      for (let k = 1; !plan.works && k < Math.min(keeps.length, MAX_KEEPS_TRIED); k++) {
        const next = planKeeping(ctx, group, targets, keeps[k] ?? "");
        if (next.works) plan = next;
      }
      const { changes, works } = plan;
      const first = ctx.resolution.mounts[group[0]?.mount ?? 0];
      const cell = first?.cells[group[0]?.platformIndex ?? 0];
      // Each target with the lines that mount it (a few named; groups can be huge).
      const mountsAt = new Map<string, number[]>();
      for (const [m, t] of targets) {
        let l = mountsAt.get(t);
        if (l === undefined) mountsAt.set(t, (l = []));
        l.push(m);
      }
      const named = distinct.slice(0, 3).map((t) => {
        const lines = someLines(ctx, mountsAt.get(t) ?? [], null);
        return `${code(t)} (line${lines.length > 1 ? "s" : ""} ${list(lines)})`;
      });
      if (distinct.length > 3) named.push(`${distinct.length - 3} other targets`);
      const uses = named;
      const groupPlatforms = [...new Set(group.map((c) => c.platformIndex))];
      for (const m of mounts) {
        const change = changes.get(m);
        let entry = byMount.get(m);
        if (entry === undefined) {
          const newText =
            change === undefined ? null : change.suffix === "" ? defaultIdText(ctx, m) : changedIdText(ctx, m, change);
          const raw = writtenId(ctx, group[0]?.mount ?? 0);
          const on = ctx.platformName(group[0]?.platformIndex ?? 0);
          const subject =
            raw !== null && raw !== cell?.id
              ? `The id ${code(raw)} (key ${code(cell?.cacheKey ?? "")} on ${on})`
              : `The cache ${code(cell?.id ?? "")} (key ${code(cell?.cacheKey ?? "")})`;
          let message = `${subject} is mounted at ${list(uses)}: one directory for what look like different tools, so each sees and overwrites the other's files.`;
          message +=
            newText !== null && works
              ? ` Give this mount its own id: ${code("id=" + newText)}.`
              : change === undefined
                ? ` Give the mounts at other targets their own ids (this one keeps ${code(cell?.id ?? "")}).`
                : " Give each target its own id.";
          entry = { message, mounts: new Set(), platforms: [], intents: [], fixText: works ? newText : null };
          byMount.set(m, entry);
        }
        for (const x of mounts) {
          if (entry.mounts.size > MAX_LISTED_MOUNTS) break;
          entry.mounts.add(x);
        }
        for (const p of groupPlatforms) if (!entry.platforms.includes(p)) entry.platforms.push(p);
        if (works && change !== undefined) {
          if (change.suffix === "")
            entry.intents.push({ kind: "ensure-id", mount: m, defaultId: defaultIdText(ctx, m) ?? "" });
          else entry.intents.push(...changeIntents(ctx, m, change));
        }
      }
    }
    const out: RuleFinding[] = [];
    for (const [m, e] of [...byMount].sort((a, b) => a[0] - b[0])) {
      out.push({
        severity: "warning",
        message: e.message,
        range: mountRange(ctx, m),
        platforms: platformsOf(ctx, e.platforms),
        mounts: involvedMounts(m, e.mounts),
        fix:
          e.intents.length > 0 && e.fixText !== null
            ? {
                description: `Give the mount on line ${ctx.resolution.mounts[m]?.line ?? "?"} its own id: \`id=${e.fixText}\`.`,
                safety: "safe",
                intents: e.intents,
              }
            : null,
      });
    }
    return out;
  },
};
