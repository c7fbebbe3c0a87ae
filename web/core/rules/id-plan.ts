/**
 * Changes to a mount's id, and what they would make BuildKit compute: the new
 * id text is expanded with the cell's own variables plus the ARGs the change
 * declares, exactly as the lexer would (expand/), so a fix is only offered
 * when it really separates the platforms it claims to separate.
 */
import { cleanPath } from "../catalogue/index";
import { expandWord } from "../expand/index";
import { expandInertTemplate, inertLiteral, isInertLiteral, isInertTemplate, referencedNames } from "../fix/literal";
import { lastField } from "../fix/source-model";
import type { FixIntent } from "../fix/types";
import { AUTOMATIC_ARGS, automaticValue } from "./platform-values";
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
  if (memo === undefined) defaultIds.set(ctx, (memo = new Map()));
  let text = memo.get(mount);
  if (text === undefined) memo.set(mount, (text = computeDefaultIdText(ctx, mount)));
  return text;
}

/** Per analysis: the predictions ask for it once per cell. */
const defaultIds = new WeakMap<RuleContext, Map<number, string | null>>();

function computeDefaultIdText(ctx: RuleContext, mount: number): string | null {
  const m = ctx.resolution.mounts[mount];
  if (!m) return null;
  const built = m.cells.filter((c) => c.built);
  const ids = new Set(built.map((c) => c.id));
  const targets = new Set(built.map((c) => c.target));
  if (ids.size === 1) {
    const [id] = ids;
    const [target] = targets;
    let text = id ?? "";
    if (!text.startsWith("/")) text = targets.size === 1 && target?.startsWith("/") ? target : "/" + text;
    return isInertLiteral(text) ? text : inertLiteral(text);
  }
  const src = ctx.source.mounts[mount];
  const raw = src ? lastField(src.spec, "target", "dst", "destination")?.value?.text : undefined;
  if (raw === undefined || !isInertTemplate(raw)) return null;
  return raw.startsWith("/") ? raw : "/" + raw;
}

function targetStage(ctx: RuleContext): string {
  return ctx.options.target ?? ctx.resolution.target ?? "default";
}

/** What `name` would be at the cell's RUN once declared there (UNKNOWN + name when a non-literal value pins it). */
export function valueOnceDeclared(ctx: RuleContext, ref: CellRef, name: string): string {
  const src = ctx.source.mounts[ref.mount];
  if (!src) return UNKNOWN + name;
  const pinned = ctx.scope.pinnedValue(src.stage, src.run.span.start, name);
  if (pinned === null) return UNKNOWN + name;
  if (pinned !== undefined) return pinned;
  if (!AUTOMATIC_ARGS.has(name)) return UNKNOWN + name;
  return (
    automaticValue(name, ctx.platformName(ref.platformIndex), ctx.resolution.buildPlatform, targetStage(ctx)) ?? ""
  );
}

/** The full id text after the change (for messages), or null when it cannot be written. */
export function changedIdText(ctx: RuleContext, mount: number, change: IdChange): string | null {
  const raw = writtenId(ctx, mount);
  if (raw !== null) return change.prefix + raw + change.suffix;
  const d = defaultIdText(ctx, mount);
  return d === null ? null : change.prefix + d + change.suffix;
}

/** The id BuildKit would compute for the cell after the change; null when it would not expand. */
export function predictId(ctx: RuleContext, ref: CellRef, change: IdChange): string | null {
  const cell = ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
  const src = ctx.source.mounts[ref.mount];
  if (!cell || !src) return null;
  const text = changedIdText(ctx, ref.mount, change);
  if (text === null) return null;
  const env = new Map<string, string>();
  for (const v of cell.variables) if (v.defined) env.set(v.name, v.value ?? "");
  for (const name of [...change.declare, ...referencedNames(change.prefix + change.suffix)]) {
    if (!env.has(name)) env.set(name, valueOnceDeclared(ctx, ref, name));
  }
  const id = expandText(ctx, text, env);
  if (id === null || id !== "") return id;
  // An empty id falls back to the cleaned target as written (convert_runmount.go).
  const target = expandText(ctx, lastField(src.spec, "target", "dst", "destination")?.value?.text ?? "", env);
  return target === null ? null : cleanPath(target);
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

/**
 * True when, after the changes, no two cells of `cells` that execute on
 * different platforms share an id (and every changed id still expands). With
 * `only`, pairs that do not involve that mount's cells are not checked.
 */
export function separatesExecPlatforms(
  ctx: RuleContext,
  cells: readonly CellRef[],
  changes: ReadonlyMap<number, IdChange>,
  only: number | null = null,
): boolean {
  // Id → execution platform → number of cells, before the changes (shared by every check of a group).
  const base = baseIndex(ctx, cells);
  const delta = new Map<string, Map<string, number>>();
  const bump = (id: string, exec: string, n: number): void => {
    let e = delta.get(id);
    if (e === undefined) delta.set(id, (e = new Map()));
    e.set(exec, (e.get(exec) ?? 0) + n);
  };
  const touched: string[] = [];
  const byMount = cellsByMount(cells);
  for (const [mount, change] of changes) {
    for (const ref of byMount.get(mount) ?? []) {
      const cell = ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
      if (!cell) return false;
      const id = predictId(ctx, ref, change);
      if (id === null) return false;
      bump(cell.id, cell.execPlatform, -1);
      bump(id, cell.execPlatform, 1);
      if (only === null || ref.mount === only) touched.push(id);
    }
  }
  const execCount = (id: string): number => {
    let n = 0;
    const b = base.get(id);
    const d = delta.get(id);
    if (b !== undefined) for (const [e, k] of b) if (k + (d?.get(e) ?? 0) > 0) n++;
    if (d !== undefined) for (const [e, k] of d) if (k > 0 && b?.has(e) !== true) n++;
    return n;
  };
  // Every id that matters must be used on one execution platform only.
  const ids = only === null ? new Set([...base.keys(), ...delta.keys()]) : touched;
  for (const id of ids) if (execCount(id) > 1) return false;
  return true;
}

const baseIndexes = new WeakMap<readonly CellRef[], Map<string, Map<string, number>>>();
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

function baseIndex(ctx: RuleContext, cells: readonly CellRef[]): Map<string, Map<string, number>> {
  let index = baseIndexes.get(cells);
  if (index !== undefined) return index;
  index = new Map();
  for (const ref of cells) {
    const cell = ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
    if (!cell) continue;
    let e = index.get(cell.id);
    if (e === undefined) index.set(cell.id, (e = new Map()));
    e.set(cell.execPlatform, (e.get(cell.execPlatform) ?? 0) + 1);
  }
  baseIndexes.set(cells, index);
  return index;
}

/** The lexer's expansion of an id or target text (fast path for plain `${NAME}` templates); null on a lexer error. */
export function expandText(ctx: RuleContext, text: string, env: ReadonlyMap<string, string>): string | null {
  const fast = expandInertTemplate(text, env);
  if (fast !== null) return fast;
  const r = expandWord(text, env, ctx.parsed.directives.escapeToken);
  return r.ok ? r.value : null;
}
