/**
 * What BuildKit would make of a new id text on each cell, as the lexer would
 * expand it (expand/): the cell's own variables, plus the ARGs a change
 * declares, each with the value it would have once declared at the RUN.
 *
 * Every fix is checked this way, cell by cell (collision fixes, the variant
 * fix, the "fix all" replay in fix-guard.ts), so the pieces are shared and
 * memoised per analysis: names are looked up in the cell's variables instead of
 * a Map built per prediction, the value a declared ARG takes is worked out once
 * per (mount, name) and per (platform, name), and the ids one change gives a
 * mount are predicted once per platform, whoever asks.
 */
import { cleanPath } from "../catalogue/index";
import { expandWord } from "../expand/index";
import { referencedNames, templateParts } from "../fix/literal";
import { writtenTargetText } from "../fix/source-model";
import type { MountCell } from "../report/types";
import { cellsByMount, changedIdText, UNKNOWN, type IdChange } from "./id-plan";
import { AUTOMATIC_ARGS, automaticValue } from "./platform-values";
import type { CellRef, RuleContext } from "./types";

/** The ids one change gives one mount, by platform index (filled as they are asked for). */
export interface Prediction {
  readonly mount: number;
  /** The change, as a memo key. */
  readonly key: string;
  /** The change itself: a mount's first prediction is found by comparing it, with no key built. */
  readonly change: IdChange;
  /** The id text after the change (compiled); null when it cannot be written. */
  readonly text: Template | null;
  /** Names the change declares or brings in: looked up as declared when the cell does not define them. */
  readonly overlay: readonly string[];
  /** By platform index: the predicted id, null when it would not expand, undefined until asked. */
  readonly ids: (string | null | undefined)[];
}

interface Memo {
  /** Name → by mount: its value once declared at the mount's RUN, or null when that is the automatic (per-platform) value. */
  readonly declared: Map<string, (string | null | undefined)[]>;
  /** Name → by platform index: the automatic ARG's value. */
  readonly automatic: Map<string, string[]>;
  /** By mount: the first change asked about (usually the only one). */
  readonly predictions: (Prediction | undefined)[];
  /** Mount and change key → prediction, for the others. */
  readonly more: Map<string, Prediction>;
  /** By mount: the target as written ("" when absent), for ids that expand to "". */
  readonly targets: (Template | undefined)[];
}

/** Per analysis (keyed by the context, never kept across analyses). */
const memos = new WeakMap<RuleContext, Memo>();

function memoOf(ctx: RuleContext): Memo {
  let memo = memos.get(ctx);
  if (memo === undefined) {
    const n = ctx.resolution.mounts.length;
    memo = {
      declared: new Map(),
      automatic: new Map(),
      predictions: new Array(n),
      more: new Map(),
      targets: new Array(n),
    };
    memos.set(ctx, memo);
  }
  return memo;
}

function targetStage(ctx: RuleContext): string {
  return ctx.options.target ?? ctx.resolution.target ?? "default";
}

/** What `name` would be at the cell's RUN once declared there (UNKNOWN + name when a non-literal value pins it). */
function valueOnceDeclared(ctx: RuleContext, mount: number, platformIndex: number, name: string): string {
  const memo = memoOf(ctx);
  let byMount = memo.declared.get(name);
  if (byMount === undefined) memo.declared.set(name, (byMount = new Array(ctx.resolution.mounts.length)));
  let value = byMount[mount];
  if (value === undefined) byMount[mount] = value = declaredAtRun(ctx, mount, name);
  if (value === FROM_GLOBAL_SCOPE) return ctx.resolution.globals[platformIndex]?.get(name) ?? UNKNOWN + name;
  return value ?? automaticOn(ctx, memo, platformIndex, name);
}

/** declaredAtRun's answer for a global ARG whose default has variables (never an id's text: it starts with NUL). */
const FROM_GLOBAL_SCOPE = "\u0000global scope";

/**
 * The platform-independent answer for a mount, null when it is the automatic
 * ARG's per-platform value, FROM_GLOBAL_SCOPE when it is a global ARG's.
 */
function declaredAtRun(ctx: RuleContext, mount: number, name: string): string | null {
  const src = ctx.source.mounts[mount];
  if (!src) return UNKNOWN + name;
  const pinned = ctx.scope.pinnedValue(src.stage, src.run.span.start, name);
  // Re-fetched from a global ARG whose default has variables (`ARG TARGETPLATFORM=${TARGETARCH}`
  // before the first FROM): BuildKit expanded it in the global scope, once per platform (§7).
  if (pinned === null && ctx.scope.argState(src.stage, src.run.span.start, name) === "undeclared")
    return FROM_GLOBAL_SCOPE;
  if (pinned === null) return UNKNOWN + name;
  if (pinned !== undefined) return pinned;
  if (!AUTOMATIC_ARGS.has(name)) return UNKNOWN + name;
  return null;
}

function automaticOn(ctx: RuleContext, memo: Memo, platformIndex: number, name: string): string {
  let values = memo.automatic.get(name);
  if (values === undefined) {
    const build = ctx.resolution.buildPlatform;
    const stage = targetStage(ctx);
    values = ctx.resolution.platforms.map((_, i) => automaticValue(name, ctx.platformName(i), build, stage) ?? "");
    memo.automatic.set(name, values);
  }
  // One value per platform, "" where there is none.
  return values[platformIndex] ?? "";
}

/** The cell's own value of `name` (the last defined use, as a Map built from them would hold), if it has one. */
export function cellValue(cell: MountCell, name: string): string | undefined {
  let value: string | undefined;
  for (const v of cell.variables) if (v.defined && v.name === name) value = v.value ?? "";
  return value;
}

/**
 * Expands `text` on a cell (the mount's cell on that platform): its own
 * variables, then the `overlay` names as declared at its RUN; any other name
 * is unset. Null on a lexer error.
 */
export function expandOnCell(
  ctx: RuleContext,
  mount: number,
  platformIndex: number,
  cell: MountCell,
  { text, parts }: Template,
  overlay: readonly string[],
): string | null {
  if (parts !== null) {
    // Plain `${NAME}` references (what the fixer writes): no env Map, one lookup per reference.
    if (parts.length === 1) return text;
    let out = parts[0] ?? "";
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i] ?? "";
      const value =
        cellValue(cell, name) ??
        (overlay.includes(name) ? valueOnceDeclared(ctx, mount, platformIndex, name) : undefined) ??
        "";
      out += value + (parts[i + 1] ?? "");
    }
    return out;
  }
  // Anything else goes through the lexer, which wants the environment as a Map.
  const env = new Map<string, string>();
  for (const v of cell.variables) if (v.defined) env.set(v.name, v.value ?? "");
  for (const name of overlay) if (!env.has(name)) env.set(name, valueOnceDeclared(ctx, mount, platformIndex, name));
  const r = expandWord(text, env, ctx.parsed.directives.escapeToken);
  return r.ok ? r.value : null;
}

/** A text to expand on many cells, split at its references once (templateParts; null: not a plain template). */
export interface Template {
  readonly text: string;
  readonly parts: readonly string[] | null;
}

export function template(text: string): Template {
  return { text, parts: templateParts(text) };
}

/** The mount's target as written (what an id that expands to "" falls back to). */
function writtenTarget(ctx: RuleContext, mount: number): Template {
  const memo = memoOf(ctx);
  let target = memo.targets[mount];
  if (target === undefined) {
    const src = ctx.source.mounts[mount];
    target = template((src ? writtenTargetText(src.spec) : undefined) ?? "");
    memo.targets[mount] = target;
  }
  return target;
}

/**
 * The cell's id for an expanded id text: an empty id falls back to the cleaned
 * target, expanded the same way (convert_runmount.go). Null when either would not expand.
 */
export function idOrTarget(
  ctx: RuleContext,
  mount: number,
  platformIndex: number,
  cell: MountCell,
  id: string | null,
  overlay: readonly string[],
): string | null {
  if (id === null || id !== "") return id;
  const target = expandOnCell(ctx, mount, platformIndex, cell, writtenTarget(ctx, mount), overlay);
  return target === null ? null : cleanPath(target);
}

/** The predictions of one change on one mount (shared by every rule and check that asks). */
export function predictionFor(ctx: RuleContext, mount: number, change: IdChange): Prediction {
  const memo = memoOf(ctx);
  const first = memo.predictions[mount];
  // Most asks are for the mount's first change again (every candidate check and rule asks).
  if (first !== undefined && sameChange(first.change, change)) return first;
  // Fixer texts are inert templates (no NUL, no length ambiguity with the prefix's length in front).
  const key = `${change.prefix.length}:${change.prefix}\u0000${change.suffix}\u0000${change.declare.join("\u0000")}`;
  const moreKey = `${mount}\u0000${key}`;
  let p = first === undefined ? undefined : memo.more.get(moreKey);
  if (p === undefined) {
    const brought = referencedNames(change.prefix + change.suffix).filter((n) => !change.declare.includes(n));
    const overlay = brought.length === 0 ? change.declare : [...change.declare, ...brought];
    const ids = new Array<string | null | undefined>(ctx.resolution.platforms.length);
    const text = changedIdText(ctx, mount, change);
    p = { mount, key, change, text: text === null ? null : template(text), overlay, ids };
    if (first === undefined) memo.predictions[mount] = p;
    else memo.more.set(moreKey, p);
  }
  return p;
}

function sameChange(a: IdChange, b: IdChange): boolean {
  if (a === b) return true;
  if (a.prefix !== b.prefix || a.suffix !== b.suffix || a.declare.length !== b.declare.length) return false;
  for (let i = 0; i < a.declare.length; i++) if (a.declare[i] !== b.declare[i]) return false;
  return true;
}

/** The id BuildKit would compute for the cell under a prediction's change; null when it would not expand. */
export function predictedId(ctx: RuleContext, p: Prediction, platformIndex: number): string | null {
  let id = p.ids[platformIndex];
  if (id === undefined) {
    const cell = ctx.resolution.mounts[p.mount]?.cells[platformIndex];
    id =
      !cell || !ctx.source.mounts[p.mount] || p.text === null
        ? null
        : idOrTarget(
            ctx,
            p.mount,
            platformIndex,
            cell,
            expandOnCell(ctx, p.mount, platformIndex, cell, p.text, p.overlay),
            p.overlay,
          );
    p.ids[platformIndex] = id;
  }
  return id;
}

/** The id BuildKit would compute for the cell after the change; null when it would not expand. */
export function predictId(ctx: RuleContext, ref: CellRef, change: IdChange): string | null {
  return predictedId(ctx, predictionFor(ctx, ref.mount, change), ref.platformIndex);
}

/** Changes to some mounts' ids, mount by mount (each mount once). */
export type MountChanges = readonly { readonly mount: number; readonly change: IdChange }[];

/**
 * True when, after the changes, no two cells of `cells` that execute on
 * different platforms share an id (and every changed id still expands). With
 * `only`, pairs that do not involve that mount's cells are not checked.
 */
export function separatesExecPlatforms(
  ctx: RuleContext,
  cells: readonly CellRef[],
  changes: MountChanges,
  only: number | null = null,
): boolean {
  // Id → execution platform → number of cells, before the changes (shared by every check of a group).
  const base = baseIndex(ctx, cells);
  // The cells that get a new id, as parallel arrays: the changes move a few mounts' cells (one
  // mount, or a group of at most four: collision-fix.ts), so scanning them beats a Map per check.
  const oldIds: string[] = [];
  const newIds: string[] = [];
  const execs: string[] = [];
  const touched: string[] = [];
  const byMount = cellsByMount(cells);
  for (const { mount, change } of changes) {
    const p = predictionFor(ctx, mount, change);
    for (const ref of byMount.get(mount) ?? []) {
      const cell = ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
      if (!cell) return false;
      const id = predictedId(ctx, p, ref.platformIndex);
      if (id === null) return false;
      oldIds.push(cell.id);
      newIds.push(id);
      execs.push(cell.execPlatform);
      if (only !== null && ref.mount === only) touched.push(id);
    }
  }
  /** Execution platforms left on `id`: its cells that stay, plus the cells that move in. */
  const execCount = (id: string): number => {
    let n = 0;
    const b = base.get(id);
    if (b !== undefined) {
      for (let i = 0; i < b.execs.length; i++) {
        const e = b.execs[i];
        let left = b.counts[i] ?? 0;
        for (let j = 0; j < execs.length; j++) {
          if (execs[j] !== e) continue;
          if (oldIds[j] === id) left--;
          if (newIds[j] === id) left++;
        }
        if (left > 0) n++;
      }
    }
    for (let j = 0; j < execs.length; j++) {
      const e = execs[j] ?? "";
      if (newIds[j] !== id || b?.execs.includes(e) === true) continue;
      // Counted once: only at the first moved cell with this id and platform.
      let first = true;
      for (let i = 0; i < j && first; i++) if (newIds[i] === id && execs[i] === e) first = false;
      if (first) n++;
    }
    return n;
  };
  // Every id that matters must be used on one execution platform only.
  if (only !== null) {
    for (const id of touched) if (execCount(id) > 1) return false;
    return true;
  }
  for (const id of base.keys()) if (execCount(id) > 1) return false;
  for (const id of newIds) if (execCount(id) > 1) return false;
  return true;
}

/** How many cells of an id execute on each platform (a few platforms: arrays, scanned). */
interface ExecCounts {
  readonly execs: string[];
  readonly counts: number[];
}

const baseIndexes = new WeakMap<readonly CellRef[], Map<string, ExecCounts>>();

function baseIndex(ctx: RuleContext, cells: readonly CellRef[]): Map<string, ExecCounts> {
  let index = baseIndexes.get(cells);
  if (index !== undefined) return index;
  index = new Map();
  for (const ref of cells) {
    const cell = ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
    if (!cell) continue;
    let e = index.get(cell.id);
    if (e === undefined) index.set(cell.id, (e = { execs: [], counts: [] }));
    const i = e.execs.indexOf(cell.execPlatform);
    if (i < 0) {
      e.execs.push(cell.execPlatform);
      e.counts.push(1);
    } else e.counts[i] = (e.counts[i] ?? 0) + 1;
  }
  baseIndexes.set(cells, index);
  return index;
}
