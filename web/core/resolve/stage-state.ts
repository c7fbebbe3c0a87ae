/**
 * The state of one stage during one platform's conversion (convert.go
 * dispatchState): where it runs, what it inherits, and its environment.
 */
import type { ExpandResult, VariableRef } from "../expand/index";
import type { Platform } from "../platform/index";
import type { TraceStep } from "../report/types";
import type { DispatchContext } from "./convert";
import type { CellCore } from "./mount-cell";
import type { EnvOrigin } from "./env-list";
import { EnvList } from "./env-list";
import type { Prepared, PreparedStage } from "./prepare";
import { namedBefore, SCRATCH } from "./prepare";
import { isPlainWord } from "./plain-word";
import type { PreparedCommand } from "./types";

const PATH_DEFAULT = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
// Shared placeholders, never written to: initState gives a dispatched stage its own.
const EMPTY_ENV = new EnvList();
const EMPTY_SET: Set<string> = new Set();
const EMPTY_IMAGE_ENV: ImageEnvEntry[] = [];
const NO_CORES: readonly CellCore[] = [];
/** Shared by the (many) states without ONBUILD triggers; initTriggers replaces them. */
const NO_TRIGGERS: PreparedCommand[] = [];
export const NO_DEPS: number[] = [];
const NO_USES: readonly VariableRef[] = [];

/** Why a stage runs where it runs (for traces). */
export type ExecReason =
  | { readonly kind: "scratch"; readonly ignoredPlatform: string | null }
  | { readonly kind: "flag"; readonly expr: string }
  | { readonly kind: "target" }
  | { readonly kind: "inherited"; readonly from: string; readonly ignoredPlatform: string | null };

export const TARGET_REASON: ExecReason = { kind: "target" };

/** One state of the conversion (dispatchState). Registered stages only; see prepare.ts for the others. */
export interface StageState {
  readonly stage: PreparedStage;
  /**
   * The FROM's base name when it has nothing to expand (expandWord's result,
   * the same on every platform), and the index of the stage it names then
   * (-1: none); null when the name has variables.
   */
  readonly fixedName: ExpandResult | null;
  readonly fixedBase: number;
  /** Reasons that depend on the stage only, made with the state (see newStageState). */
  readonly flagReason: ExecReason | null;
  readonly scratchReason: ExecReason;
  /** The last "inherited" reason, reused while the base stage is the same. */
  inheritedReason: (ExecReason & { readonly kind: "inherited" }) | null;
  /** Its last [child, base] link (convert.ts PlatformOutcome.links), reused while the base stage is the same. */
  link: readonly [number, number] | null;
  /** The start of its exec-platform sentence on the target platform (trace.ts), made once. */
  targetPrefix: string | null;
  /** Base name after expansion with the global scope (then the normalized reference for images). */
  baseName: string;
  /** Base name after expansion, as the user would write it. */
  expandedName: string;
  /** The base stage when the FROM names an earlier stage (dispatchStates.addState). */
  base: StageState | null;
  /** `--platform` as parsed (not normalized), or the target; inherited from the base stage. */
  platform: Platform | null;
  execReason: ExecReason;
  reachable: boolean;
  dispatched: boolean;
  onbuildInit: boolean;
  /** Triggers of the base stage's ONBUILD instructions, run first (convert.go initOnBuildTriggers). */
  triggers: PreparedCommand[];
  extraDeps: number[];

  // Dispatch state (llb.State + image config).
  env: EnvList;
  /**
   * Image config Env, which a child stage re-applies (convert.go
   * dispatchStages): only kept (and updated by ENV) when the stage may be a base.
   */
  imageEnv: ImageEnvEntry[];
  /** llb state Dir. */
  dir: string;
  /** Image config WorkingDir. */
  workdir: string;
  /** A WORKDIR ran in this stage or an ancestor (WorkdirRelativePath checks the first one). */
  workdirSet: boolean;
  /** Names declared by ARG in this stage and its ancestors (dispatchState.buildArgs); see declareArg. */
  declaredArgs: Set<string>;
  /** `declaredArgs` is this dispatch's own set (else it is shared, and copied before an ARG adds to it). */
  declaredArgsOwned: boolean;
  /** The state's output is still empty (llb.Scratch): a mount from it has no base. */
  scratch: boolean;
  /** Id of this stage's dispatch result across platforms (stage-memo.ts), -1 before dispatch. */
  dispatchId: number;
  /** Id of this stage's content (stage-memo.ts); equal ids on two platforms mean one snapshot. */
  contentId: number;
  /** Its content depends on the platform: an image base or a RUN here or in an ancestor (file ops drop the platform). */
  platformSpecific: boolean;
  /** Normalized execution platform, formatted. */
  execPlatform: string;
  /** The trace sentence for it, made once. */
  execStep: TraceStep | null;
  /** Cells of its cache mounts, in dispatch order (shared with the stage memo; scratch.ts while dispatching). */
  cores: readonly CellCore[];
  /** Its dispatch is over: nothing changes it any more. */
  done: boolean;
  /** stageIdentity, kept once the stage is done. */
  identity: string | null;
}

export interface ImageEnvEntry {
  readonly key: string;
  value: string;
  origin: EnvOrigin;
}

/**
 * A stage's state, made once per analysis: each platform's conversion resets
 * it (resetStageState) rather than making one per stage and platform. Nothing
 * a conversion keeps (outcomes, stage memos) points at a state, only at the
 * values it held.
 */
export function newStageState(stage: PreparedStage, prep: Prepared, escape: "\\" | "`"): StageState {
  const flag = stage.from.platform?.text ?? null;
  const image = stage.from.image;
  const plain = isPlainWord(image, escape);
  return {
    stage,
    fixedName: plain ? { ok: true, value: image, uses: NO_USES } : null,
    fixedBase: plain ? namedBefore(prep, image, stage.index) : -1,
    flagReason: flag === null ? null : { kind: "flag", expr: flag },
    scratchReason: { kind: "scratch", ignoredPlatform: flag },
    inheritedReason: null,
    link: null,
    targetPrefix: null,
    baseName: "",
    expandedName: "",
    base: null,
    platform: null,
    execReason: TARGET_REASON,
    reachable: false,
    dispatched: false,
    onbuildInit: false,
    triggers: NO_TRIGGERS,
    extraDeps: NO_DEPS,
    // Placeholders: initState or replayStage sets the real ones.
    env: EMPTY_ENV,
    imageEnv: EMPTY_IMAGE_ENV,
    dir: "",
    workdir: "",
    workdirSet: false,
    declaredArgs: EMPTY_SET,
    declaredArgsOwned: false,
    scratch: true,
    dispatchId: -1,
    contentId: -1,
    platformSpecific: false,
    execPlatform: "",
    execStep: null,
    cores: NO_CORES,
    done: false,
    identity: null,
  };
}

/** Starts this platform's conversion of the stage: every field a conversion sets goes back to its start value. */
export function resetStageState(
  st: StageState,
  baseName: string,
  base: StageState | null,
  platform: Platform | null,
): void {
  st.baseName = baseName;
  st.expandedName = baseName;
  st.base = base;
  st.platform = platform;
  st.execReason = TARGET_REASON;
  st.reachable = false;
  st.dispatched = false;
  st.onbuildInit = false;
  st.triggers = NO_TRIGGERS;
  st.extraDeps = NO_DEPS;
  st.env = EMPTY_ENV;
  st.imageEnv = EMPTY_IMAGE_ENV;
  st.dir = "";
  st.workdir = "";
  st.workdirSet = false;
  st.declaredArgs = EMPTY_SET;
  st.declaredArgsOwned = false;
  st.scratch = true;
  st.dispatchId = -1;
  st.contentId = -1;
  st.platformSpecific = false;
  st.execPlatform = "";
  st.execStep = null;
  st.cores = NO_CORES;
  st.done = false;
  st.identity = null;
}

/** Where the stage's RUNs execute: the base stage's platform, else its own (dispatchState.init). */
export function initExecPlatform(st: StageState, ctx: DispatchContext): void {
  const base = st.base;
  if (base !== null) {
    st.platform = base.platform;
    st.execPlatform = base.execPlatform;
    // The base is almost always the same stage on every platform: one reason object for it.
    let reason = st.inheritedReason;
    if (reason === null || reason.from !== base.stage.stageName) {
      reason = { kind: "inherited", from: base.stage.stageName, ignoredPlatform: st.stage.from.platform?.text ?? null };
      st.inheritedReason = reason;
    }
    st.execReason = reason;
  } else {
    const platform = st.platform ?? ctx.platform.target;
    st.execPlatform = platform === ctx.platform.target ? ctx.targetText : ctx.input.platforms.normalizedText(platform);
  }
  st.execStep = null;
}

/**
 * dispatchState.init plus the start of dispatchStages: inherit the base stage's
 * state, make sure PATH is set, and re-apply the image config's ENV on top.
 * The image config is only copied when a child stage may read it; the
 * declared ARGs are copied when the stage declares one (declareArg).
 */
export function initState(st: StageState, ctx: DispatchContext): void {
  ctx.input.scratch.cores.clear();
  const base = st.base;
  let inherited: readonly ImageEnvEntry[];
  if (base !== null) {
    st.env = base.env.clone();
    inherited = base.imageEnv;
    st.dir = base.dir;
    st.workdir = base.workdir;
    st.workdirSet = base.workdirSet;
    st.declaredArgs = base.declaredArgs;
    st.scratch = base.scratch;
    st.platformSpecific = base.platformSpecific;
  } else if (st.baseName === SCRATCH) {
    st.env = new EnvList();
    inherited = EMPTY_IMAGE_ENV;
    st.scratch = true;
    st.platformSpecific = false;
  } else {
    st.env = new EnvList();
    inherited = imageConfigEnv(st, ctx);
    st.scratch = false;
    st.platformSpecific = true;
  }
  st.declaredArgsOwned = false;
  const os = st.platform?.os ?? ctx.platform.target.os;
  // "make sure that PATH is always set", except on Windows (convert.go, #5445).
  const addPath = os !== "windows" && !hasKey(inherited, "PATH");
  if (st.stage.mayBeBase) {
    // Entries are updated in place by ENV (addImageEnv): this stage's own copies.
    const own: ImageEnvEntry[] = [];
    for (const e of inherited) own.push({ key: e.key, value: e.value, origin: e.origin });
    if (addPath) own.push({ key: "PATH", value: PATH_DEFAULT, origin: DEFAULT_PATH_ORIGIN });
    st.imageEnv = own;
  } else {
    st.imageEnv = EMPTY_IMAGE_ENV;
  }
  // Every image config ENV goes (again) on top of the inherited state, so a
  // parent's ARG that shadowed an ENV name is shadowed back here.
  for (const e of inherited) st.env.set(e.key, e.value, e.origin);
  if (addPath) st.env.set("PATH", PATH_DEFAULT, DEFAULT_PATH_ORIGIN);
}

const DEFAULT_PATH_ORIGIN: EnvOrigin = { kind: "default-path" };

function hasKey(env: readonly ImageEnvEntry[], key: string): boolean {
  for (const e of env) if (e.key === key) return true;
  return false;
}

/** The ENV of an image's config (ResolveExtras.imageEnv), parsed once per image name: never written to. */
function imageConfigEnv(st: StageState, ctx: DispatchContext): readonly ImageEnvEntry[] {
  const memo = ctx.input.imageEnvs;
  let entries = memo.get(st.expandedName);
  if (entries === undefined) {
    const table = ctx.input.options.imageEnv;
    const env = table[st.expandedName] ?? table[st.baseName] ?? [];
    const list: ImageEnvEntry[] = [];
    const origin: EnvOrigin = { kind: "image", image: st.expandedName };
    for (const kv of env) {
      const eq = kv.indexOf("=");
      const k = eq < 0 ? kv : kv.slice(0, eq);
      const v = eq < 0 ? "" : kv.slice(eq + 1);
      addImageEnv(list, k, v, origin);
    }
    entries = list;
    memo.set(st.expandedName, entries);
  }
  return entries;
}

/** ARG declares `name` in this stage (dispatchState.buildArgs): the inherited set is copied on the first one. */
export function declareArg(st: StageState, name: string): void {
  if (!st.declaredArgsOwned) {
    st.declaredArgs = new Set(st.declaredArgs);
    st.declaredArgsOwned = true;
  }
  st.declaredArgs.add(name);
}

/**
 * After its dispatch, keep only what is read later, at its exact size: the
 * stage memo holds it for the whole analysis. Only a child stage reads a
 * stage's environment, so when no FROM can name the stage it goes.
 */
export function settle(st: StageState, ctx: DispatchContext): void {
  st.cores = ctx.input.scratch.cores.copy(NO_CORES);
  st.declaredArgsOwned = false;
  if (st.stage.mayBeBase) return;
  st.env = EMPTY_ENV;
  st.imageEnv = EMPTY_IMAGE_ENV;
  st.declaredArgs = EMPTY_SET;
}

/** convert.go addEnv: replace in place, else append. */
export function addImageEnv(env: ImageEnvEntry[], key: string, value: string, origin: EnvOrigin): void {
  for (const e of env) {
    if (e.key === key) {
      e.value = value;
      e.origin = origin;
      return;
    }
  }
  env.push({ key, value, origin });
}
