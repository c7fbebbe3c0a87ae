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
import { TARGET_KEYS } from "../parse/mount";
import type { FixIntent } from "../fix/types";
import type { ExecExpr } from "./scope";
import {
  cellsByMount,
  changedIdText,
  changeIntents,
  defaultIdText,
  undeclaredAt,
  writtenId,
  type IdChange,
} from "./id-plan";
import { code, list, stageLabel } from "./messages";
import {
  ID_BUILDARCH,
  ID_BUILDPLATFORM,
  ID_BUILDVARIANT,
  ID_TARGETARCH,
  ID_TARGETPLATFORM,
  ID_TARGETVARIANT,
  mountFlags,
} from "./mount-flags";
import { separatesExecPlatforms, type MountChanges } from "./predict";
import { undefinedUses } from "./variable-uses";
import type { RuleContext } from "./types";

export interface CollisionFix {
  readonly description: string;
  readonly intents: readonly FixIntent[];
  /** What it changes, mount by mount (changedIdText gives the new ids, for messages). */
  readonly changes: MountChanges;
}

const STYLES: readonly FixStyle[] = ["TARGETARCH", "TARGETARCH+TARGETVARIANT", "TARGETPLATFORM"];

/** Per chosen style, the order styles are tried in: it first, then finer ones (which also separate variants), then coarser ones. */
const STYLE_ORDER: Readonly<Record<FixStyle, readonly FixStyle[]>> = {
  TARGETARCH: ["TARGETARCH", "TARGETARCH+TARGETVARIANT", "TARGETPLATFORM"],
  "TARGETARCH+TARGETVARIANT": ["TARGETARCH+TARGETVARIANT", "TARGETPLATFORM", "TARGETARCH"],
  TARGETPLATFORM: ["TARGETPLATFORM", "TARGETARCH+TARGETVARIANT", "TARGETARCH"],
};

const HOW = "Make the id depend on the platform the RUN executes on";
/** The same, when the chosen style would not separate the platforms and another one does. */
const HOW_IN_STYLE: Readonly<Record<FixStyle, string>> = {
  TARGETARCH: `${HOW} (in the \`TARGETARCH\` style)`,
  "TARGETARCH+TARGETVARIANT": `${HOW} (in the \`TARGETARCH+TARGETVARIANT\` style)`,
  TARGETPLATFORM: `${HOW} (in the \`TARGETPLATFORM\` style)`,
};

function styleOrder(chosen: FixStyle): readonly FixStyle[] {
  if (Object.hasOwn(STYLE_ORDER, chosen)) return STYLE_ORDER[chosen];
  // Not a style (options from a hostile link): tried first all the same, then every style.
  return [chosen, ...STYLES, ...STYLES.slice(0, -1).reverse()];
}

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
  if (memo === undefined) execMemo.set(ctx, (memo = new Array(ctx.resolution.mounts.length)));
  let expr = memo[mount];
  if (expr === undefined) memo[mount] = expr = computeExecExpr(ctx, mount);
  return expr;
}

const execMemo = new WeakMap<RuleContext, (ExecExpr | null | undefined)[]>();

function computeExecExpr(ctx: RuleContext, mount: number): ExecExpr | null {
  const src = ctx.source.mounts[mount];
  const m = ctx.resolution.mounts[mount];
  if (!src || !m) return null;
  let onTarget = true;
  let onBuild = true;
  for (const c of m.cells) {
    if (!c.built) continue;
    if (c.execPlatform !== ctx.platformName(c.platformIndex)) onTarget = false;
    if (c.execPlatform !== ctx.resolution.buildPlatform) onBuild = false;
  }
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
  /** By index in STYLES. */
  prefixes?: (string | null | undefined)[];
}
/** Per analysis, by mount (arrays: they live as long as the analysis, so they should be small). */
const factsMemo = new WeakMap<RuleContext, (MountFacts | undefined)[]>();

function factsOf(ctx: RuleContext, mount: number): MountFacts {
  let memo = factsMemo.get(ctx);
  if (memo === undefined) factsMemo.set(ctx, (memo = new Array(ctx.resolution.mounts.length)));
  let facts = memo[mount];
  if (facts === undefined) memo[mount] = facts = {};
  return facts;
}

function forgottenArgs(ctx: RuleContext, mount: number): string[] {
  const facts = factsOf(ctx, mount);
  return (facts.forgotten ??= computeForgottenArgs(ctx, mount));
}

function computeForgottenArgs(ctx: RuleContext, mount: number): string[] {
  const uses = undefinedUses(ctx, mount, true);
  return uses.length === 0
    ? []
    : undeclaredAt(
        ctx,
        mount,
        uses.map((u) => u.name),
      );
}

/** The forgotten ARGs no target option reads: declaring one that a target reads would move the mount. */
function forgottenIdArgs(ctx: RuleContext, mount: number): string[] {
  const names = forgottenArgs(ctx, mount);
  if (names.length === 0) return names;
  const inTarget = undefinedUses(ctx, mount, true)
    .filter((u) => u.options.some((o) => TARGET_KEYS.has(o)))
    .map((u) => u.name);
  return inTarget.length === 0 ? names : names.filter((n) => !inTarget.includes(n));
}

/** `${TARGETVARIANT}` (or BUILD's) when the id uses the arch without the variant or the platform. */
export function variantSuffix(ctx: RuleContext, mount: number): string | null {
  const facts = factsOf(ctx, mount);
  if (facts.variant === undefined) facts.variant = computeVariantSuffix(ctx, mount);
  return facts.variant;
}

function computeVariantSuffix(ctx: RuleContext, mount: number): string | null {
  // The names the mount's id option looks up (on any built cell): ARCH without VARIANT or PLATFORM.
  const f = mountFlags(ctx, mount);
  if ((f & (ID_TARGETARCH | ID_TARGETVARIANT | ID_TARGETPLATFORM)) === ID_TARGETARCH) return "${TARGETVARIANT}";
  if ((f & (ID_BUILDARCH | ID_BUILDVARIANT | ID_BUILDPLATFORM)) === ID_BUILDARCH) return "${BUILDVARIANT}";
  return null;
}

function prefixFor(ctx: RuleContext, mount: number, style: FixStyle): string | null {
  const i = STYLES.indexOf(style);
  if (i < 0) return computePrefix(ctx, mount, style);
  const memo = (factsOf(ctx, mount).prefixes ??= []);
  let prefix = memo[i];
  if (prefix === undefined) memo[i] = prefix = computePrefix(ctx, mount, style);
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
 * A candidate fix: declare the forgotten ARGs, append the variant, or prefix
 * the id in a style; last, prefix it and declare the forgotten ARGs too, for
 * an id whose own variables tell some platforms apart only once declared
 * (`id=${TARGETOS}` on darwin/arm64, linux/arm64 and linux/amd64).
 */
type Candidate =
  | { readonly kind: "declare" }
  | { readonly kind: "variant" }
  | { readonly kind: "prefix"; readonly style: FixStyle; readonly declareForgotten: boolean };

function candidatesFor(styles: readonly FixStyle[]): readonly Candidate[] {
  return [
    { kind: "declare" },
    { kind: "variant" },
    ...styles.map((style) => ({ kind: "prefix", style, declareForgotten: false }) as const),
    ...styles.map((style) => ({ kind: "prefix", style, declareForgotten: true }) as const),
  ];
}

const CANDIDATES: Readonly<Record<FixStyle, readonly Candidate[]>> = {
  TARGETARCH: candidatesFor(STYLE_ORDER.TARGETARCH),
  "TARGETARCH+TARGETVARIANT": candidatesFor(STYLE_ORDER["TARGETARCH+TARGETVARIANT"]),
  TARGETPLATFORM: candidatesFor(STYLE_ORDER.TARGETPLATFORM),
};

/** Candidates in order of preference for the chosen style. */
function candidateOrder(chosen: FixStyle): readonly Candidate[] {
  return Object.hasOwn(CANDIDATES, chosen) ? CANDIDATES[chosen] : candidatesFor(styleOrder(chosen));
}

/** The changes a candidate makes to the mounts, or null when it applies to none of them. */
function candidateChanges(ctx: RuleContext, mounts: readonly number[], candidate: Candidate): MountChanges | null {
  let changes: { mount: number; change: IdChange }[] | null = null;
  let declaresForgotten = false;
  for (const m of mounts) {
    let change: IdChange | null = null;
    if (candidate.kind === "declare") {
      const declare = forgottenArgs(ctx, m);
      if (declare.length > 0) change = { prefix: "", suffix: "", declare };
    } else if (candidate.kind === "variant") {
      const suffix = variantSuffix(ctx, m);
      if (suffix !== null) change = { prefix: "", suffix, declare: forgottenArgs(ctx, m) };
    } else {
      const prefix = prefixFor(ctx, m, candidate.style);
      // Only the prefix's own ARGs first: the forgotten ones are undeclared-platform-arg's fix,
      // and declaring them here too changes other ids of the stage. When the prefix alone does
      // not separate, the forgotten ones are declared too (undeclared-platform-arg's own fix
      // declares them in "fix all" anyway, and the collision must be gone after one pass).
      const declare = candidate.declareForgotten ? forgottenIdArgs(ctx, m) : NO_NAMES;
      if (prefix !== null) change = { prefix, suffix: "", declare };
      if (declare.length > 0) declaresForgotten = true;
    }
    if (change !== null) (changes ??= []).push({ mount: m, change });
  }
  // Declaring nothing more, the candidate is the plain prefix again, already tried.
  if (candidate.kind === "prefix" && candidate.declareForgotten && !declaresForgotten) return null;
  return changes;
}

const NO_NAMES: readonly string[] = [];

const HOW_DECLARE = "Declare the platform ARGs the id already uses, so it differs per platform";
const HOW_VARIANT = "Add the variant to the id";

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
  const mounts: number[] = [];
  if (only === null) {
    for (const m of byMount.keys()) if (ctx.source.mounts[m]) mounts.push(m);
  } else if (byMount.has(only) && ctx.source.mounts[only]) mounts.push(only);
  if (mounts.length === 0) return [];

  // Candidates in order of preference, each built only when the previous ones did not do (each
  // costs a prediction per cell, and usually the first one separates).
  const chosen = ctx.options.fixStyle ?? "TARGETPLATFORM";
  const out: CollisionFix[] = [];
  for (const candidate of candidateOrder(chosen)) {
    const changes = candidateChanges(ctx, mounts, candidate);
    if (changes === null || !separatesExecPlatforms(ctx, collision.cells, changes, only)) continue;
    const how =
      candidate.kind === "declare"
        ? HOW_DECLARE
        : candidate.kind === "variant"
          ? HOW_VARIANT
          : candidate.style === chosen
            ? HOW
            : HOW_IN_STYLE[candidate.style];
    const intents: FixIntent[] = [];
    const parts: string[] = [];
    const declaredIn = new Set<string>();
    for (const { mount: m, change } of changes) {
      const own = changeIntents(ctx, m, change);
      intents.push(...own);
      const text = changedIdText(ctx, m, change);
      // Each stage's new ARG lines are named once, next to its first mount.
      const args: string[] = [];
      for (const i of own) {
        if (i.kind !== "declare-arg") continue;
        const key = `${i.stage}:${i.name}`;
        if (declaredIn.has(key)) continue;
        declaredIn.add(key);
        args.push(code("ARG " + i.name));
      }
      const line = ctx.resolution.mounts[m]?.line ?? "?";
      const declared =
        args.length > 0 ? `${list(args)} in ${stageLabel(ctx, ctx.resolution.mounts[m]?.stageIndex ?? 0)}` : "";
      if (text !== null && (change.prefix !== "" || change.suffix !== "")) {
        parts.push(`${code("id=" + text)} on line ${line}${declared === "" ? "" : `, with ${declared}`}`);
      } else if (declared !== "") {
        parts.push(`${declared} (line ${line})`);
      }
    }
    out.push({ description: `${how}: ${parts.join("; ")}.`, intents, changes });
    if (out.length >= limit) break;
  }
  return out;
}
