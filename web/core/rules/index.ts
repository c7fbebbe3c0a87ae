/**
 * The rule registry (explicit, in a fixed order: the order findings and fixes
 * are produced in) and runRules, the one entry analyze() calls after resolve().
 */
import { applyEdits } from "../fix/apply-edits";
import { planEdits } from "../fix/plan";
import type { FixIntent } from "../fix/types";
import type { Collision, Finding } from "../report/types";
import { buildContext } from "./context";
import { FixGuard, REFUSAL_TEXT, type Refusal } from "./fix-guard";
import type { Rule, RuleContext, RuleFinding, RuleInput } from "./types";
import { rule as crossPlatformCacheCollision } from "./cross-platform-cache-collision";
import { rule as platformVariantCollision } from "./platform-variant-collision";
import { rule as undeclaredPlatformArg } from "./undeclared-platform-arg";
import { rule as undefinedVariableInMount } from "./undefined-variable-in-mount";
import { rule as platformArgOverridden } from "./platform-arg-overridden";
import { rule as idSharedAcrossTargets } from "./id-shared-across-targets";
import { rule as sharingModeConflict } from "./sharing-mode-conflict";
import { rule as cacheNeedsLocking } from "./cache-needs-locking";
import { rule as aptCacheCleaned } from "./apt-cache-cleaned";
import { rule as relativeCacheTarget } from "./relative-cache-target";
import { rule as invalidMount } from "./invalid-mount";
import { rule as unbuiltStageCache } from "./unbuilt-stage-cache";

export type { DocumentedRule, Rule, RuleInput, RuleDocs, RuleExample } from "./types";

export const RULES: readonly Rule[] = [
  invalidMount,
  crossPlatformCacheCollision,
  platformVariantCollision,
  undeclaredPlatformArg,
  undefinedVariableInMount,
  platformArgOverridden,
  idSharedAcrossTargets,
  sharingModeConflict,
  cacheNeedsLocking,
  aptCacheCleaned,
  relativeCacheTarget,
  unbuiltStageCache,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

export interface RuleOutput {
  readonly collisions: Collision[];
  readonly findings: Finding[];
  /** The text with every safe fix applied (identical when there is none). */
  readonly fixed: string;
}

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Runs every rule on a resolved Dockerfile. Findings come sorted by position,
 * then severity, then rule order; each carries its own edits (for one-at-a-time
 * quick fixes); `fixed` applies all safe fixes at once, composed by fix/plan.
 */
export function runRules(input: RuleInput): RuleOutput {
  return prepareRules(input).finish();
}

/** The rules' context is built and the collisions known; the checks and fixes have not run. */
export interface PreparedRules {
  readonly collisions: Collision[];
  /** Runs the checks and the fixes (analyzeInSteps calls it once). */
  readonly finish: () => RuleOutput;
}

/**
 * runRules in two steps: the collisions (the table's verdicts) come from the
 * context alone, so the playground can show the table before the checks and
 * fixes run, which take most of the rules' time.
 */
export function prepareRules(input: RuleInput): PreparedRules {
  const ctx = buildContext(input);
  const collisions = [...ctx.collisions];
  return { collisions, finish: () => checkAndFix(input, ctx, collisions) };
}

function checkAndFix(input: RuleInput, ctx: RuleContext, collisions: Collision[]): RuleOutput {
  const drafts: RuleFinding[] = [];
  /** By draft: the index of its rule in RULES. */
  const orders: number[] = [];
  for (let order = 0; order < RULES.length; order++) {
    const rule = RULES[order];
    if (rule === undefined) continue;
    for (const finding of rule.check(ctx)) {
      drafts.push(finding);
      orders.push(order);
    }
  }

  // Safe fixes are replayed in rule order on a model of every cell's id; a fix takes its first
  // way that merges no two caches. One refused now may fit once later fixes split things, so
  // refused ones are retried until nothing changes; what is left is only suggested. Other ways
  // (another id style) are tried only once the first ways are stuck: a first way that fits
  // after a later fix keeps the style the user chose.
  const guard = new FixGuard(ctx);
  const taken = new Map<number, { readonly description: string; readonly intents: readonly FixIntent[] }>();
  const refused = new Map<number, Refusal>();
  for (let otherWays = false; ;) {
    let progress = false;
    for (let i = 0; i < drafts.length; i++) {
      const fix = drafts[i]?.fix ?? null;
      if (fix === null || fix.safety !== "safe" || taken.has(i)) continue;
      const way = guard.tryAdd(fix.intents)
        ? fix
        : otherWays
          ? fix.alternatives?.().find((w) => guard.tryAdd(w.intents))
          : undefined;
      if (way !== undefined) {
        taken.set(i, way);
        refused.delete(i);
        progress = true;
      } else if (!refused.has(i)) refused.set(i, guard.lastRefusal);
    }
    if (progress) otherWays = false;
    else if (otherWays) break;
    else otherWays = true;
  }

  const safeIntents: FixIntent[] = [];
  const findings: Finding[] = [];
  for (let i = 0; i < drafts.length; i++) {
    const f = drafts[i];
    const rule = RULES[orders[i] ?? 0];
    if (f === undefined || rule === undefined) continue;
    let fix: Finding["fix"] = null;
    if (f.fix !== null) {
      const way = taken.get(i);
      let { description, intents } = way ?? f.fix;
      let safety = f.fix.safety;
      if (way !== undefined) safeIntents.push(...intents);
      else if (safety === "safe") {
        safety = "suggested";
        description += ` (Not applied by “fix all”: ${REFUSAL_TEXT[refused.get(i) ?? "merge"]}.)`;
        intents = f.fix.intents;
      }
      const edits = planEdits(ctx.source, intents);
      if (edits.length > 0) fix = { description, safety, edits };
    }
    findings.push({
      ruleId: rule.id,
      severity: f.severity,
      message: f.message,
      range: f.range,
      platforms: f.platforms,
      mounts: f.mounts,
      fix,
    });
  }
  // By position, then severity, then rule order: findings come in rule order, and sort is stable.
  findings.sort(
    (a, b) =>
      a.range.startLine - b.range.startLine ||
      a.range.startColumn - b.range.startColumn ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity],
  );
  const fixed = applyEdits(input.text, planEdits(ctx.source, safeIntents));
  return { collisions, findings, fixed };
}
