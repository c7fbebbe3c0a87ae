/**
 * The state of one stage during one platform's conversion (convert.go
 * dispatchState): where it runs, what it inherits, and its environment.
 */
import type { Platform } from "../platform/index";
import type { TraceStep } from "../report/types";
import type { DispatchContext } from "./convert";
import type { CellCore } from "./mount-cell";
import type { EnvOrigin } from "./env-list";
import { EnvList } from "./env-list";
import type { PreparedStage } from "./prepare";
import { SCRATCH } from "./prepare";
import type { PreparedCommand } from "./types";

const PATH_DEFAULT = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
// Shared placeholders, never written to: initState gives a dispatched stage its own.
const EMPTY_ENV = new EnvList();
const EMPTY_SET: Set<string> = new Set();
const EMPTY_IMAGE_ENV: ImageEnvEntry[] = [];
const NO_CORES: CellCore[] = [];
/** Shared by the (many) states without ONBUILD triggers; initTriggers replaces them. */
const NO_TRIGGERS: PreparedCommand[] = [];
export const NO_DEPS: number[] = [];

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
  /** Base name after expansion with the global scope (then the normalized reference for images). */
  baseName: string;
  /** Base name after expansion, as the user would write it. */
  readonly expandedName: string;
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
  /** Image config Env, which a child stage re-applies (convert.go dispatchStages). */
  imageEnv: ImageEnvEntry[];
  /** llb state Dir. */
  dir: string;
  /** Image config WorkingDir. */
  workdir: string;
  /** A WORKDIR ran in this stage or an ancestor (WorkdirRelativePath checks the first one). */
  workdirSet: boolean;
  /** Names declared by ARG in this stage and its ancestors (dispatchState.buildArgs). */
  declaredArgs: Set<string>;
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
  /** Cells of its cache mounts, in dispatch order (shared with the stage memo). */
  cores: CellCore[];
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

export function newStageState(
  stage: PreparedStage,
  baseName: string,
  base: StageState | null,
  platform: Platform | null,
): StageState {
  return {
    stage,
    baseName,
    expandedName: baseName,
    base,
    platform,
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

/** Where the stage's RUNs execute: the base stage's platform, else its own (dispatchState.init). */
export function initExecPlatform(st: StageState, ctx: DispatchContext): void {
  const base = st.base;
  if (base !== null) {
    st.platform = base.platform;
    st.execPlatform = base.execPlatform;
    st.execReason = {
      kind: "inherited",
      from: base.stage.stageName,
      ignoredPlatform: st.stage.from.platform?.text ?? null,
    };
  } else {
    const platform = st.platform ?? ctx.platform.target;
    st.execPlatform = platform === ctx.platform.target ? ctx.targetText : ctx.input.platforms.normalizedText(platform);
  }
  st.execStep = null;
}

/**
 * dispatchState.init plus the start of dispatchStages: inherit the base stage's
 * state, make sure PATH is set, and re-apply the image config's ENV on top.
 */
export function initState(st: StageState, ctx: DispatchContext): void {
  st.cores = [];
  const base = st.base;
  if (base !== null) {
    st.env = base.env.clone();
    st.imageEnv = base.imageEnv.map((e) => ({ ...e }));
    st.dir = base.dir;
    st.workdir = base.workdir;
    st.workdirSet = base.workdirSet;
    st.declaredArgs = new Set(base.declaredArgs);
    st.scratch = base.scratch;
    st.platformSpecific = base.platformSpecific;
  } else if (st.baseName === SCRATCH) {
    st.env = new EnvList();
    st.declaredArgs = new Set();
    st.imageEnv = [];
    st.scratch = true;
    st.platformSpecific = false;
  } else {
    st.env = new EnvList();
    st.declaredArgs = new Set();
    st.imageEnv = [];
    st.scratch = false;
    st.platformSpecific = true;
    const table = ctx.input.options.imageEnv;
    const env = table[st.expandedName] ?? table[st.baseName] ?? [];
    for (const kv of env) {
      const eq = kv.indexOf("=");
      const k = eq < 0 ? kv : kv.slice(0, eq);
      const v = eq < 0 ? "" : kv.slice(eq + 1);
      addImageEnv(st.imageEnv, k, v, { kind: "image", image: st.expandedName });
    }
  }
  const os = st.platform?.os ?? ctx.platform.target.os;
  // "make sure that PATH is always set", except on Windows (convert.go, #5445).
  if (os !== "windows" && !st.imageEnv.some((e) => e.key === "PATH")) {
    st.imageEnv.push({ key: "PATH", value: PATH_DEFAULT, origin: { kind: "default-path" } });
  }
  // Every image config ENV goes (again) on top of the inherited state, so a
  // parent's ARG that shadowed an ENV name is shadowed back here.
  for (const e of st.imageEnv) st.env.set(e.key, e.value, e.origin);
}

/**
 * After its dispatch, keep only what is read later, at its exact size: the
 * stage memo holds it for the whole analysis. Only a child stage reads a
 * stage's environment, so when no FROM can name the stage it goes.
 */
export function settle(st: StageState): void {
  st.cores = st.cores.length === 0 ? NO_CORES : st.cores.slice();
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
