/**
 * The fix for a collision (design.md "Fix strategy for collisions"): make the
 * id depend on the platform the RUN executes on. Tried in order, the first
 * that provably separates every execution platform of the group wins:
 * 1. declare the automatic ARGs the id already uses but the stage forgot;
 * 2. append the variant where the id uses `TARGETARCH` (or `BUILDARCH`) alone;
 * 3. prefix the id with the stage's execution platform: `${TARGETPLATFORM}`
 *    by default, the stage's own `--platform` expression where it has one,
 *    in the user's style, upgraded to a finer style when the chosen one would
 *    still merge two platforms (TARGETARCH on arm/v6 + arm/v7).
 */
import type { Collision, FixStyle } from "../report/types";
import { isInertTemplate } from "../fix/literal";
import type { FixIntent } from "../fix/types";
import { AUTOMATIC_ARGS } from "./platform-values";
import type { ExecExpr } from "./scope";
import {
  cellsByMount,
  changedIdText,
  changeIntents,
  defaultIdText,
  separatesExecPlatforms,
  undeclaredAt,
  writtenId,
  type IdChange,
} from "./id-plan";
import { code, list, stageLabel } from "./messages";
import type { RuleContext } from "./types";

export interface CollisionFix {
  readonly description: string;
  readonly intents: readonly FixIntent[];
  /** Mount → the id it gets, for messages. */
  readonly newIds: ReadonlyMap<number, string>;
}

const STYLES: readonly FixStyle[] = ["TARGETARCH", "TARGETARCH+TARGETVARIANT", "TARGETPLATFORM"];

/** Platform references for a style, on the target or the build side. */
export function styleText(style: FixStyle, side: "TARGET" | "BUILD"): string {
  switch (style) {
    case "TARGETPLATFORM":
      return `\${${side}PLATFORM}`;
    case "TARGETARCH+TARGETVARIANT":
      return `\${${side}ARCH}\${${side}VARIANT}`;
    case "TARGETARCH":
      return `\${${side}ARCH}`;
  }
}

/**
 * Where the mount's RUN executes, checked against the resolver's cells: the
 * stage chain's `--platform` must explain every built cell's execution
 * platform, else the cells themselves decide (all on the target, or all on
 * the build platform); null when neither holds.
 */
export function execExprOf(ctx: RuleContext, mount: number): ExecExpr | null {
  let memo = execMemo.get(ctx);
  if (memo === undefined) execMemo.set(ctx, (memo = new Map()));
  let expr = memo.get(mount);
  if (expr === undefined) memo.set(mount, (expr = computeExecExpr(ctx, mount)));
  return expr;
}

const execMemo = new WeakMap<RuleContext, Map<number, ExecExpr | null>>();

function computeExecExpr(ctx: RuleContext, mount: number): ExecExpr | null {
  const src = ctx.source.mounts[mount];
  const m = ctx.resolution.mounts[mount];
  if (!src || !m) return null;
  const built = m.cells.filter((c) => c.built);
  const onTarget = built.every((c) => c.execPlatform === ctx.platformName(c.platformIndex));
  const onBuild = built.every((c) => c.execPlatform === ctx.resolution.buildPlatform);
  const expr = ctx.scope.execExpr(src.stage);
  if (expr.kind === "target" && onTarget) return expr;
  if (expr.kind === "build" && onBuild) return expr;
  if (expr.kind === "expr") return isInertTemplate(expr.text) ? expr : null;
  if (onTarget) return { kind: "target" };
  if (onBuild) return { kind: "build" };
  return null;
}

/** Per analysis and mount (asked by every plan of every group the mount is in). */
interface MountFacts {
  forgotten?: string[];
  variant?: string | null;
  prefixes?: Map<FixStyle, string | null>;
}
const factsMemo = new WeakMap<RuleContext, Map<number, MountFacts>>();

function factsOf(ctx: RuleContext, mount: number): MountFacts {
  let memo = factsMemo.get(ctx);
  if (memo === undefined) factsMemo.set(ctx, (memo = new Map()));
  let facts = memo.get(mount);
  if (facts === undefined) memo.set(mount, (facts = {}));
  return facts;
}

function forgottenArgs(ctx: RuleContext, mount: number): string[] {
  const facts = factsOf(ctx, mount);
  return (facts.forgotten ??= computeForgottenArgs(ctx, mount));
}

function computeForgottenArgs(ctx: RuleContext, mount: number): string[] {
  const names: string[] = [];
  for (const cell of ctx.resolution.mounts[mount]?.cells ?? []) {
    if (!cell.built) continue;
    for (const v of cell.variables)
      if (!v.defined && AUTOMATIC_ARGS.has(v.name) && !names.includes(v.name)) names.push(v.name);
  }
  return undeclaredAt(ctx, mount, names);
}

/** Names the mount's id option looks up (on any built cell). */
export function idVariables(ctx: RuleContext, mount: number): Set<string> {
  const names = new Set<string>();
  for (const cell of ctx.resolution.mounts[mount]?.cells ?? []) {
    if (!cell.built) continue;
    for (const v of cell.variables) if (v.option === "id") names.add(v.name);
  }
  return names;
}

/** `${TARGETVARIANT}` (or BUILD's) when the id uses the arch without the variant or the platform. */
export function variantSuffix(ctx: RuleContext, mount: number): string | null {
  const facts = factsOf(ctx, mount);
  if (facts.variant === undefined) facts.variant = computeVariantSuffix(ctx, mount);
  return facts.variant;
}

function computeVariantSuffix(ctx: RuleContext, mount: number): string | null {
  const used = idVariables(ctx, mount);
  for (const side of ["TARGET", "BUILD"] as const) {
    if (used.has(`${side}ARCH`) && !used.has(`${side}VARIANT`) && !used.has(`${side}PLATFORM`)) {
      return `\${${side}VARIANT}`;
    }
  }
  return null;
}

function prefixFor(ctx: RuleContext, mount: number, style: FixStyle): string | null {
  const facts = factsOf(ctx, mount);
  const memo = (facts.prefixes ??= new Map());
  let prefix = memo.get(style);
  if (prefix === undefined) memo.set(style, (prefix = computePrefix(ctx, mount, style)));
  return prefix;
}

function computePrefix(ctx: RuleContext, mount: number, style: FixStyle): string | null {
  const expr = execExprOf(ctx, mount);
  if (expr === null) return null;
  const head = expr.kind === "expr" ? expr.text : styleText(style, expr.kind === "build" ? "BUILD" : "TARGET");
  const raw = writtenId(ctx, mount);
  // `id=` (empty) defaults to the target: keep that visible after the prefix.
  if (raw === "") {
    const d = defaultIdText(ctx, mount);
    return d === null ? null : head + d;
  }
  // A missing id is replaced by the old default, which starts with `/`.
  return raw === null || raw.startsWith("/") ? head : head + "/";
}

/**
 * Every way to separate the collision's execution platforms, in order of
 * preference (may be empty). With `only`, the ways that change that mount
 * alone and take it out of the collision (the others may still share). With
 * `limit`, stops after that many (each costs a prediction per cell).
 */
export function planCollisionFixes(
  ctx: RuleContext,
  collision: Collision,
  only: number | null = null,
  limit = Infinity,
): CollisionFix[] {
  const byMount = cellsByMount(collision.cells);
  const mounts = (only === null ? [...byMount.keys()] : byMount.has(only) ? [only] : []).filter(
    (m) => ctx.source.mounts[m],
  );
  if (mounts.length === 0) return [];
  const forgotten = new Map(mounts.map((m) => [m, forgottenArgs(ctx, m)]));

  // Candidates in order of preference, built only when the previous ones did not do (each
  // costs a prediction per cell, and usually the first one separates).
  function* candidates(): Generator<{ changes: Map<number, IdChange>; how: string }> {
    if (mounts.some((m) => (forgotten.get(m) ?? []).length > 0)) {
      const changes = new Map<number, IdChange>();
      for (const m of mounts) {
        const declare = forgotten.get(m) ?? [];
        if (declare.length > 0) changes.set(m, { prefix: "", suffix: "", declare });
      }
      yield { changes, how: "Declare the platform ARGs the id already uses, so it differs per platform" };
    }

    const variant = new Map<number, IdChange>();
    for (const m of mounts) {
      const suffix = variantSuffix(ctx, m);
      if (suffix !== null) variant.set(m, { prefix: "", suffix, declare: forgotten.get(m) ?? [] });
    }
    if (variant.size > 0) yield { changes: variant, how: "Add the variant to the id" };

    const chosen = ctx.options.fixStyle ?? "TARGETPLATFORM";
    // The chosen style first, then finer ones (which also separate variants), then coarser ones.
    const order = [
      chosen,
      ...STYLES.slice(STYLES.indexOf(chosen) + 1),
      ...STYLES.slice(0, STYLES.indexOf(chosen)).reverse(),
    ];
    for (const style of order) {
      const changes = new Map<number, IdChange>();
      for (const m of mounts) {
        const prefix = prefixFor(ctx, m, style);
        // Only the prefix's own ARGs: the forgotten ones are undeclared-platform-arg's fix, and
        // declaring them here too could change other ids of the stage.
        if (prefix !== null) changes.set(m, { prefix, suffix: "", declare: [] });
      }
      const upgraded = style === chosen ? "" : ` (in the ${code(style)} style)`;
      if (changes.size > 0) yield { changes, how: `Make the id depend on the platform the RUN executes on${upgraded}` };
    }
  }

  const out: CollisionFix[] = [];
  for (const { changes, how } of candidates()) {
    if (!separatesExecPlatforms(ctx, collision.cells, changes, only)) continue;
    const intents: FixIntent[] = [];
    const newIds = new Map<number, string>();
    const parts: string[] = [];
    const declaredIn = new Set<string>();
    for (const [m, change] of changes) {
      const own = changeIntents(ctx, m, change);
      intents.push(...own);
      const text = changedIdText(ctx, m, change);
      if (text !== null) newIds.set(m, text);
      // Each stage's new ARG lines are named once, next to its first mount.
      const args = own.flatMap((i) => {
        if (i.kind !== "declare-arg" || declaredIn.has(`${i.stage}:${i.name}`)) return [];
        declaredIn.add(`${i.stage}:${i.name}`);
        return [code("ARG " + i.name)];
      });
      const line = ctx.resolution.mounts[m]?.line ?? "?";
      const declared =
        args.length > 0 ? `${list(args)} in ${stageLabel(ctx, ctx.resolution.mounts[m]?.stageIndex ?? 0)}` : "";
      if (text !== null && (change.prefix !== "" || change.suffix !== "")) {
        parts.push(`${code("id=" + text)} on line ${line}${declared === "" ? "" : `, with ${declared}`}`);
      } else if (declared !== "") {
        parts.push(`${declared} (line ${line})`);
      }
    }
    out.push({ description: `${how}: ${parts.join("; ")}.`, intents, newIds });
    if (out.length >= limit) break;
  }
  return out;
}
