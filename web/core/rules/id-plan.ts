/**
 * Changes to a mount's id: the id as written, the old default a new id starts
 * from, the text after a change and the intents that make it. What BuildKit
 * would compute from such a text, cell by cell, is predict.ts.
 */
import { inertLiteral, isInertLiteral, isInertTemplate, referencedNames } from "../fix/literal";
import { lastField, writtenTargetText } from "../fix/source-model";
import type { FixIntent } from "../fix/types";
import type { CellRef, RuleContext } from "./types";

export interface IdChange {
  /** Text in front of the id ("" for none). */
  readonly prefix: string;
  /** Text after the id ("" for none). */
  readonly suffix: string;
  /** ARGs the change relies on (declared in the stage unless they already are). */
  readonly declare: readonly string[];
}

/**
 * Marks a value we cannot know (a default built from other variables): the
 * same on every platform, so it never separates two platforms, and never
 * trusted to keep two caches apart (fix-guard.ts refuses ids containing it).
 */
export const UNKNOWN = "\u0000?";

/** The id as written (after flag and CSV processing, before expansion); null when the mount has no `id`. */
export function writtenId(ctx: RuleContext, mount: number): string | null {
  let memo = writtenIds.get(ctx);
  if (memo === undefined) writtenIds.set(ctx, (memo = new Array(ctx.source.mounts.length).fill(undefined)));
  let id = memo[mount];
  if (id === undefined) {
    const src = ctx.source.mounts[mount];
    memo[mount] = id = src ? (lastField(src.spec, "id")?.value?.text ?? null) : null;
  }
  return id;
}

/** Per analysis: asked for every cell of every prediction. */
const writtenIds = new WeakMap<RuleContext, (string | null | undefined)[]>();

/**
 * The old default id as text a new `id=` can start from: the default id shared
 * by every built cell (absolute: the mount point for relative targets, whose
 * default ignores WORKDIR), else the target as written when it can be copied.
 */
export function defaultIdText(ctx: RuleContext, mount: number): string | null {
  let memo = defaultIds.get(ctx);
  if (memo === undefined) defaultIds.set(ctx, (memo = new Array(ctx.resolution.mounts.length)));
  let text = memo[mount];
  if (text === undefined) memo[mount] = text = computeDefaultIdText(ctx, mount);
  return text;
}

/** Per analysis: the predictions ask for it once per cell. */
const defaultIds = new WeakMap<RuleContext, (string | null | undefined)[]>();

function computeDefaultIdText(ctx: RuleContext, mount: number): string | null {
  const m = ctx.resolution.mounts[mount];
  if (!m) return null;
  // The first built cell's id and target, and whether every built cell has the same.
  let id: string | null = null;
  let target: string | null = null;
  let oneId = true;
  let oneTarget = true;
  for (const c of m.cells) {
    if (!c.built) continue;
    if (id === null) id = c.id;
    else if (c.id !== id) oneId = false;
    if (target === null) target = c.target;
    else if (c.target !== target) oneTarget = false;
  }
  if (id !== null && oneId) {
    let text = id;
    if (!text.startsWith("/")) text = oneTarget && target?.startsWith("/") ? target : "/" + text;
    return isInertLiteral(text) ? text : inertLiteral(text);
  }
  const src = ctx.source.mounts[mount];
  const raw = src ? writtenTargetText(src.spec) : undefined;
  if (raw === undefined || !isInertTemplate(raw)) return null;
  return raw.startsWith("/") ? raw : "/" + raw;
}

/** The full id text after the change (for messages), or null when it cannot be written. */
export function changedIdText(ctx: RuleContext, mount: number, change: IdChange): string | null {
  const raw = writtenId(ctx, mount);
  if (raw !== null) return change.prefix + raw + change.suffix;
  const d = defaultIdText(ctx, mount);
  return d === null ? null : change.prefix + d + change.suffix;
}

/** Names among `names` that the mount's stage does not declare before its RUN. */
export function undeclaredAt(ctx: RuleContext, mount: number, names: readonly string[]): string[] {
  const src = ctx.source.mounts[mount];
  if (!src) return [];
  return names.filter((n) => ctx.scope.argState(src.stage, src.run.span.start, n) === "undeclared");
}

export function changeIntents(ctx: RuleContext, mount: number, change: IdChange): FixIntent[] {
  const src = ctx.source.mounts[mount];
  if (!src) return [];
  const intents: FixIntent[] = [];
  const names = [...change.declare];
  for (const n of referencedNames(change.prefix + change.suffix)) if (!names.includes(n)) names.push(n);
  for (const name of undeclaredAt(ctx, mount, names)) intents.push({ kind: "declare-arg", stage: src.stage, name });
  const defaultId = defaultIdText(ctx, mount) ?? "";
  if (change.prefix !== "") intents.push({ kind: "id-prefix", mount, text: change.prefix, defaultId });
  if (change.suffix !== "") intents.push({ kind: "id-suffix", mount, text: change.suffix, defaultId });
  return intents;
}

const mountIndexes = new WeakMap<readonly CellRef[], Map<number, CellRef[]>>();

/** The cells of each mount in a group (computed once per group). */
export function cellsByMount(cells: readonly CellRef[]): ReadonlyMap<number, readonly CellRef[]> {
  let index = mountIndexes.get(cells);
  if (index !== undefined) return index;
  index = new Map();
  for (const ref of cells) {
    let list = index.get(ref.mount);
    if (list === undefined) index.set(ref.mount, (list = []));
    list.push(ref);
  }
  mountIndexes.set(cells, index);
  return index;
}
