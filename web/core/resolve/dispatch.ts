/**
 * The dispatch of one built stage's instructions (convert.go dispatch and
 * dispatchArg / dispatchEnv / dispatchWorkdir / dispatchUser / dispatchCopy /
 * dispatchRun). Only what decides a cache key or stops the build is modelled:
 * the environment, the working directory, the state's content (for `from=`
 * bases), and every error BuildKit raises there.
 */
import { goQuote } from "../expand/index";
import type { ExpandResult, VariableRef } from "../expand/index";
import type {
  ArgCommand,
  CopyCommand,
  EnvCommand,
  RunCommand,
  Span,
  UserCommand,
  WorkdirCommand,
} from "../parse/types";
import { suggest } from "../util/suggest";
import type { DispatchContext } from "./convert";
import type { StageState } from "./stage-state";
import { addImageEnv, declareArg } from "./stage-state";
import type { EnvOrigin } from "./env-list";
import { flat } from "./flat";
import { isAbs, join } from "./go-path";
import { secretKey } from "./lints";
import { dispatchRun } from "./run";
import type { PreparedCommand, StopError } from "./types";

/** ARGs that never enter the environment (convert.go nonEnvArgs). */
export const NON_ENV_ARGS: ReadonlySet<string> = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

export function dispatchStage(st: StageState, ctx: DispatchContext): StopError | null {
  for (const pc of st.triggers) {
    const err = dispatchCommand(st, pc, ctx);
    if (err !== null) return err;
  }
  for (const pc of st.stage.commands) {
    const err = dispatchCommand(st, pc, ctx);
    if (err !== null) return err;
  }
  return null;
}

function dispatchCommand(st: StageState, pc: PreparedCommand, ctx: DispatchContext): StopError | null {
  const c = pc.command;
  // Trigger commands report the child's FROM location (convert.go initOnBuildTriggers).
  const span = pc.trigger !== null ? st.stage.from.span : c.span;
  switch (c.kind) {
    case "arg":
      return dispatchArg(st, c, span, ctx);
    case "env":
      return dispatchEnv(st, c, span, ctx);
    case "workdir":
      return dispatchWorkdir(st, c, span, ctx);
    case "user":
      return dispatchUser(st, c, span, ctx);
    case "copy":
    case "add":
      return dispatchCopy(st, c, pc, span, ctx);
    case "run":
      return dispatchRun(st, c as RunCommand, pc, span, ctx);
    default:
      return null;
  }
}

/** Expands a word against the stage environment, reporting UndefinedVar like convert.go reportUnmatchedVariables. */
export function expandInStage(st: StageState, word: string, span: Span, ctx: DispatchContext): ExpandResult {
  const r = ctx.input.expansions.expand(word, st.env);
  reportUndefined(st, r.uses, span, ctx);
  return r;
}

export function reportUndefined(st: StageState, uses: readonly VariableRef[], span: Span, ctx: DispatchContext): void {
  if (!ctx.collectLints || uses.length === 0) return;
  let reported: Set<string> | null = null;
  let keys: string[] | null = null;
  for (const u of uses) {
    if (u.defined || st.declaredArgs.has(u.name) || NON_ENV_ARGS.has(u.name)) continue;
    // BuildKit collects names in a set: one warning per name per word.
    reported ??= new Set();
    if (reported.has(u.name)) continue;
    reported.add(u.name);
    keys ??= st.env.keys();
    const match = suggest(u.name, keys, true);
    ctx.sink.add(
      "UndefinedVar",
      `Usage of undefined variable '$${u.name}'` + (match === null ? "" : ` (did you mean $${match}?)`),
      span,
    );
  }
}

/** dispatchArg (convert.go). */
function dispatchArg(st: StageState, c: ArgCommand, span: Span, ctx: DispatchContext): StopError | null {
  const { buildArgs } = ctx.input.options;
  const origins = ctx.input.origins;
  const stageName = st.stage.stageName;
  for (const kv of c.args) {
    if (ctx.collectLints) secretKey(ctx.sink, "ARG", kv.key, span);
    const fromBuildArg = buildArgs.get(kv.key);
    let value: string | null = null;
    let origin: EnvOrigin | null = null;
    if (fromBuildArg !== undefined) {
      value = fromBuildArg;
      origin = origins.stageArg(kv, c.startLine, stageName, "build-arg", null);
    } else if (kv.value !== null) {
      // The default is expanded against the stage environment, not the globals.
      const r = expandInStage(st, kv.value, kv.span, ctx);
      if (!r.ok) return { message: r.error, span };
      value = r.value;
      origin = origins.stageArg(kv, c.startLine, stageName, "default", null);
    } else {
      const g = ctx.globals.get(kv.key);
      if (g !== undefined) {
        value = g;
        origin = origins.stageArg(kv, c.startLine, stageName, "global", ctx.globals.origin(kv.key) ?? null);
      }
    }
    if (value !== null && origin !== null) {
      if (!NON_ENV_ARGS.has(kv.key)) st.env.set(kv.key, value, origin);
    }
    declareArg(st, kv.key);
  }
  return null;
}

/** dispatchEnv (convert.go): all words are expanded first (against the environment before the line), then set. */
function dispatchEnv(st: StageState, c: EnvCommand, span: Span, ctx: DispatchContext): StopError | null {
  const pairs = ctx.input.scratch.strings;
  pairs.clear();
  for (const kv of c.env) {
    const k = expandInStage(st, kv.key, kv.span, ctx);
    if (!k.ok) return { message: k.error, span };
    const v = expandInStage(st, kv.value, kv.span, ctx);
    if (!v.ok) return { message: v.error, span };
    pairs.push(k.value);
    pairs.push(v.value);
  }
  const origin = ctx.input.origins.env(c, st.stage.stageName);
  for (let i = 0; i < pairs.length; i += 2) {
    const k = pairs.at(i);
    const v = pairs.at(i + 1);
    if (ctx.collectLints) secretKey(ctx.sink, "ENV", k, span);
    st.env.set(k, v, origin);
    // Only a child stage reads the image config (stage-state.ts initState).
    if (st.stage.mayBeBase) addImageEnv(st.imageEnv, k, v, origin);
  }
  return null;
}

/**
 * dispatchWorkdir + util/system NormalizeWorkdir (Linux rules): a relative
 * path joins the current WORKDIR, an absolute one is kept as written.
 */
function dispatchWorkdir(st: StageState, c: WorkdirCommand, span: Span, ctx: DispatchContext): StopError | null {
  const r = expandInStage(st, c.path, c.span, ctx);
  if (!r.ok) return { message: r.error, span };
  // WorkdirRelativePath: only the first WORKDIR of the stage and its ancestors.
  if (!st.workdirSet && !isAbs(r.value) && ctx.collectLints) {
    ctx.sink.add(
      "WorkdirRelativePath",
      `Relative workdir ${goQuote(r.value)} can have unexpected results if the base image changes`,
      span,
    );
  }
  st.workdirSet = true;
  const wd = normalizeWorkdir(st.workdir, r.value);
  st.workdir = wd;
  st.dir = wd;
  if (wd !== "/") {
    // WORKDIR creates the directory with a file op: the state has content now.
    st.scratch = false;
  }
  return null;
}

export function normalizeWorkdir(current: string, requested: string): string {
  let parent = current === "" ? "/" : current;
  if (!isAbs(parent)) parent = join("/", parent);
  let p = requested === "" ? parent : requested;
  if (!isAbs(p)) p = join(parent, p);
  return p;
}

function dispatchUser(st: StageState, c: UserCommand, span: Span, ctx: DispatchContext): StopError | null {
  const r = expandInStage(st, c.user, c.span, ctx);
  if (!r.ok) return { message: r.error, span };
  return null;
}

/** dispatchCopy's source check (convert.go dispatch): a stage must be dispatched before it is copied from. */
function dispatchCopy(
  st: StageState,
  c: CopyCommand,
  pc: PreparedCommand,
  span: Span,
  ctx: DispatchContext,
): StopError | null {
  const srcIndex = pc.sources[0];
  if (c.kind === "copy" && srcIndex !== undefined) {
    const src = ctx.states[srcIndex];
    if (src !== undefined) {
      if (!src.dispatched) {
        const current = ctx.singleState ? "" : st.stage.stageName;
        return {
          message: `cannot copy from stage ${goQuote(c.from ?? "")}, it needs to be defined before current stage ${goQuote(current)}`,
          span,
        };
      }
      if (src.platformSpecific) st.platformSpecific = true;
    } else if (unregisteredRef(srcIndex, ctx) !== null) {
      // An image is pulled for the target platform.
      st.platformSpecific = true;
    }
  }
  st.scratch = false;
  return null;
}

/** The image reference of an unregistered state (one past the stages), or null for scratch. */
export function unregisteredRef(index: number, ctx: DispatchContext): string | null {
  return ctx.unregistered[index - ctx.states.length]?.ref ?? null;
}

/** Identity of an unregistered state: an image on the target platform, or scratch. */
export function unregisteredIdentity(index: number, ctx: DispatchContext): string {
  const ref = unregisteredRef(index, ctx);
  return ref === null ? "scratch" : flat`image ${ref}@${ctx.targetText}`;
}

/**
 * What a stage's content is, for comparing `from=` bases across platforms
 * (stage-memo.ts). Kept once the stage is done; an ONBUILD mount can read
 * its own stage while it is still being dispatched.
 */
export function stageIdentity(st: StageState): string {
  if (st.identity !== null) return st.identity;
  const id = st.platformSpecific
    ? flat`stage ${st.stage.stageName}#${st.contentId}@${st.execPlatform}`
    : flat`stage ${st.stage.stageName}#${st.contentId}`;
  if (st.done) st.identity = id;
  return id;
}
