/**
 * One cache mount on one platform: the key BuildKit sends and how it got
 * there (convert_runmount.go dispatchRunMounts, setCacheUIDGID;
 * solver/llbsolver/mounts/mount.go for the base snapshot).
 */
import type { ExpandResult, VariableRef } from "../expand/index";
import type { MountSpec } from "../parse/types";
import type { MountBase, Sharing, TraceStep, VariableUse } from "../report/types";
import type { DispatchContext } from "./convert";
import type { StageState } from "./stage-state";
import { clean } from "./go-path";
import type { MountSlot } from "./mount-slots";
import type { ParsedRunMount } from "./mount-parse";
import type { ScratchList } from "./scratch";
import type { DefaultIdReason } from "./step-cache";
import { NO_BASE_STEP } from "./step-cache";
import { flat } from "./flat";
import { describeVariable, code } from "./trace";

/** What a mount field was before and after expansion. */
export interface FieldExpansion {
  readonly written: string;
  /** The expansion itself (shared across stages and platforms, see expansion-memo.ts). */
  readonly result: ExpandResult;
  readonly value: string;
  readonly uses: readonly VariableRef[];
  /** Value of each use at the RUN (null when undefined). */
  readonly values: readonly (string | null)[];
}

/**
 * A cell without where the RUN executes: everything a platform's conversion
 * decides about one mount in one stage. A literal mount's core is the same on
 * every platform with the same inputs (see sameLiteralCore), so it is shared;
 * never mutated, except for its trace cache.
 */
export interface CellCore {
  /** The row it belongs to (its stage and mount). */
  readonly slot: MountSlot;
  /** Mount point after the WORKDIR join. */
  readonly target: string;
  readonly id: string;
  readonly cacheKey: string;
  readonly sharing: Sharing;
  readonly hasBase: boolean;
  readonly base: MountBase;
  readonly effectiveKey: string;
  readonly variables: readonly VariableUse[];
  readonly srcIdentity: string;
  readonly srcScratch: boolean;
  readonly srcLabel: string;
  /**
   * The last trace traceOf made, and the step it ends with (the execution
   * platform): platforms that end alike share it, the others copy all but its
   * last step. buildCore makes the first one, for the platform it runs on, so
   * a core used once costs one array, not a trace-less copy plus the trace.
   */
  lastTrace: readonly TraceStep[];
  lastStep: TraceStep;
}

/**
 * The cells of one stage's dispatch on one platform: they share where they
 * execute. A stage replayed from another platform (stage-memo.ts) shares its
 * cores too, so a replay costs one group, not one object per cell.
 */
export interface CellGroup {
  readonly cores: readonly CellCore[];
  /** Normalized execution platform, formatted. */
  readonly execPlatform: string;
  /** The trace's last step, explaining `execPlatform`. */
  readonly execStep: TraceStep;
}

export interface CellInput {
  readonly st: StageState;
  readonly ctx: DispatchContext;
  readonly slot: MountSlot;
  readonly spec: MountSpec;
  readonly parsed: ParsedRunMount;
  /** Mount point after the WORKDIR join. */
  readonly mountPoint: string;
  /** `from` after defaulting (`scratch` when absent). */
  readonly from: string;
  readonly fromExplicit: boolean;
  readonly srcScratch: boolean;
  readonly srcIdentity: string;
  readonly srcLabel: string;
  /** `path.Join("/", source)`. */
  readonly sourcePath: string;
}

/** Option keys in the order a trace explains them, with the ParsedMount property each sets. */
const TRACED_OPTIONS: readonly (readonly [string, string])[] = [
  ["id", "cacheId"],
  ["target", "target"],
  ["from", "from"],
  ["source", "source"],
  ["sharing", "sharing"],
  ["uid", "uid"],
  ["gid", "gid"],
  ["mode", "mode"],
];

/**
 * A literal mount (nothing to expand) gives the same core wherever the
 * stage, mount point and source are the same: on every platform, mostly.
 */
export function sameLiteralCore(
  seen: readonly CellCore[],
  slot: MountSlot,
  mountPoint: string,
  srcIdentity: string,
  srcScratch: boolean,
  srcLabel: string,
): CellCore | undefined {
  for (const c of seen) {
    if (
      c.slot === slot &&
      c.target === mountPoint &&
      c.srcIdentity === srcIdentity &&
      c.srcScratch === srcScratch &&
      c.srcLabel === srcLabel
    )
      return c;
  }
  return undefined;
}

/**
 * The core's trace ending with `step`. Cells are made platform by platform,
 * so a core whose platforms end alike (a stage on the build platform) shares
 * one array; remembering the last one is enough for that.
 */
export function traceOf(core: CellCore, step: TraceStep): readonly TraceStep[] {
  if (core.lastStep === step) return core.lastTrace;
  // A plain copy: Array.prototype.concat's generic path is slow for this.
  const last = core.lastTrace;
  const n = last.length - 1;
  const trace = new Array<TraceStep>(n + 1);
  for (let i = 0; i < n; i++) trace[i] = last[i] as TraceStep;
  trace[n] = step;
  core.lastStep = step;
  core.lastTrace = trace;
  return trace;
}

/** One exec-platform step per stage and platform, equal sentences being one object. */
export function execStep(st: StageState, ctx: DispatchContext): TraceStep {
  st.execStep ??= ctx.input.steps.execStep(st, ctx);
  return st.execStep;
}

export function buildCore(input: CellInput): CellCore {
  const { st, ctx, parsed, spec } = input;
  const steps = ctx.input.steps;
  const m = parsed.mount;
  const trace = ctx.input.scratch.trace;
  trace.clear();
  trace.push(steps.writtenStep(spec, st.stage.stageName));

  // Variables, option by option (a literal mount has none).
  if (parsed.expansions.length > 0) traceVariables(input, trace);

  // The id (convert_runmount.go: empty → path.Clean of the target as written).
  let id = m.cacheId;
  if (id === "") {
    const idIndex = parsed.fieldOf["id"] ?? parsed.fieldOf["cacheId"];
    const idField = idIndex === undefined ? undefined : spec.fields[idIndex];
    const reason: DefaultIdReason = idField === undefined ? 0 : (idField.value?.text ?? "") === "" ? 1 : 2;
    id = clean(m.target);
    trace.push(steps.defaultIdStep(reason, id));
    if (id !== m.target) trace.push(steps.cleanStep(m.target, id));
  } else {
    trace.push(steps.explicitIdStep(id));
  }

  const key = steps.cacheKey(id);
  const cacheKey = key.cacheKey;
  trace.push(key.steps[0]);
  trace.push(key.steps[1]);

  if (input.mountPoint !== m.target) trace.push(steps.workdirStep(m.target, st.dir, input.mountPoint));

  // The base a new cache directory starts from.
  const mkdir = m.uid !== null || m.gid !== null || m.mode !== null;
  const uid = m.uid ?? 0;
  const gid = m.gid ?? 0;
  const mode = m.mode ?? 0o755;
  let base: MountBase;
  let hasBase: boolean;
  let identity = "";
  if (input.sourcePath !== "/") {
    hasBase = !input.srcScratch;
    identity = flat`${input.srcIdentity}:${input.sourcePath}`;
    base = hasBase ? { kind: "from", from: input.srcLabel, source: input.sourcePath, identity } : NO_BASE;
    trace.push({
      kind: "base",
      text: hasBase
        ? flat`A new cache directory starts with ${code(input.sourcePath)} of ${describeSource(input)}${mkdir ? " (uid/gid/mode are ignored with a source)" : ""}.`
        : flat`A new cache directory starts empty: ${describeSource(input)} has no content${mkdir ? " (uid/gid/mode are ignored with a source)" : ""}.`,
    });
  } else if (mkdir) {
    hasBase = true;
    const mk = flat`mkdir(uid=${uid},gid=${gid},mode=0${mode.toString(8)})`;
    identity = input.srcScratch ? mk : flat`${input.srcIdentity}+${mk}`;
    base = input.srcScratch
      ? { kind: "mkdir", uid, gid, mode }
      : { kind: "from", from: input.srcLabel, source: "/", identity };
    trace.push({
      kind: "base",
      text: flat`uid/gid/mode without source → a new cache directory starts as an internal mkdir owned by ${uid}:${gid} with mode 0${mode.toString(8)}${input.srcScratch ? "" : ` on top of ${describeSource(input)}`}, so it is a different directory from the same key without them.`,
    });
  } else {
    hasBase = !input.srcScratch;
    identity = input.srcIdentity;
    if (hasBase) {
      base = { kind: "from", from: input.srcLabel, source: "/", identity };
      trace.push({
        kind: "base",
        text: flat`A new cache directory starts with the content of ${describeSource(input)}, so it is a different directory from the same key without it.`,
      });
    } else {
      base = NO_BASE;
      trace.push(NO_BASE_STEP);
    }
  }
  const effectiveKey = hasBase ? flat`${cacheKey}:${identity}` : cacheKey;

  const sharing: Sharing = m.sharing === "private" || m.sharing === "locked" ? m.sharing : "shared";
  trace.push(steps.sharingStep(m.sharing, sharing));
  // The last step, where this dispatch runs (see CellCore.lastTrace).
  const exec = execStep(st, ctx);
  trace.push(exec);

  return {
    slot: input.slot,
    target: input.mountPoint,
    id,
    cacheKey,
    sharing,
    hasBase,
    base,
    effectiveKey,
    variables: variablesOf(parsed),
    // Exact size: cores live as long as the analysis.
    srcIdentity: input.srcIdentity,
    srcScratch: input.srcScratch,
    srcLabel: input.srcLabel,
    lastTrace: trace.copy(NO_STEPS),
    lastStep: exec,
  };
}

/** The expansion of a traced option, if it has one to explain. */
function expansionOf(parsed: ParsedRunMount, pair: readonly [string, string]): FieldExpansion | undefined {
  // parse/mount.ts names them by option key; accept the ParsedMount property too.
  const field = parsed.fieldOf[pair[0]] ?? parsed.fieldOf[pair[1]];
  return field === undefined ? undefined : parsed.expansions[field];
}

/** The variables of each expanded option, in TRACED_OPTIONS order, and what each expanded to. */
function traceVariables(input: CellInput, trace: ScratchList<TraceStep>): void {
  const { st, ctx, parsed } = input;
  const steps = ctx.input.steps;
  for (const pair of TRACED_OPTIONS) {
    const e = expansionOf(parsed, pair);
    if (e === undefined) continue;
    for (let i = 0; i < e.uses.length; i++)
      trace.push(describeVariable(e.uses[i] as VariableRef, e.values[i] ?? null, e.written, st, ctx));
    if (e.uses.length > 0 || e.value !== e.written)
      trace.push(steps.expandedStep(pair[0], e.written, e.value, e.result));
  }
}

/**
 * The cell's variables. They depend on the parse alone, and a parse is shared
 * by every dispatch that expands the mount alike (mount-parse.ts), so they are
 * made once per parse: one list for all those cells, read-only like the Report.
 */
function variablesOf(parsed: ParsedRunMount): readonly VariableUse[] {
  if (parsed.variables !== null) return parsed.variables;
  let list: VariableUse[] | null = null;
  if (parsed.expansions.length > 0) {
    for (const pair of TRACED_OPTIONS) {
      const e = expansionOf(parsed, pair);
      if (e === undefined) continue;
      for (let i = 0; i < e.uses.length; i++) {
        const u = e.uses[i] as VariableRef;
        (list ??= []).push({ option: pair[0], name: u.name, defined: u.defined, value: e.values[i] ?? null });
      }
    }
  }
  // Exact size: it lives as long as the analysis.
  const variables: readonly VariableUse[] = list === null ? NO_VARIABLES : list.slice();
  parsed.variables = variables;
  return variables;
}

const NO_BASE: MountBase = { kind: "none" };
const NO_VARIABLES: readonly VariableUse[] = [];
const NO_STEPS: readonly TraceStep[] = [];

function describeSource(input: CellInput): string {
  if (input.srcIdentity.startsWith("stage ")) {
    const s = `stage ${code(input.srcLabel)}`;
    return input.fromExplicit ? s : `${s} (a stage named scratch replaces the empty default base)`;
  }
  if (input.srcIdentity.startsWith("image ")) return `image ${code(input.srcLabel)}`;
  return input.fromExplicit ? `${code(input.from)} (empty)` : "the empty default";
}
