/**
 * One platform's conversion, in the order BuildKit's toDispatchState runs it
 * (df/dockerfile2llb/convert.go, v0.24.0): global ARGs, the base name and
 * `--platform` of every stage, the target, the dependency checks, base-image
 * resolution, ONBUILD triggers, then the dispatch of every reachable stage.
 * The first error stops the platform, like BuildKit.
 */
import { goQuote } from "../expand/index";
import type { EnvLookup, VariableRef } from "../expand/index";
import type { LintWarning, MountSpec, ParsedDockerfile } from "../parse/types";
import type { Platform } from "../platform/index";
import { formatPlatform } from "../platform/index";
import { parseImageReference, parseStageBase } from "../reference/index";
import { withSuggestion } from "../util/suggest";
import { dispatchStage } from "./dispatch";
import type { PlatformMemo } from "./platform-memo";
import type { StageKeys, StageMemos } from "./stage-memo";
import { recordStage, replayStage, stageKeys } from "./stage-memo";
import type { EnvList } from "./env-list";
import type { ExpansionMemo } from "./expansion-memo";
import { buildMetaArgs, defaultArgs } from "./global-args";
import { constPlatform, LintSink, redundantTargetPlatform, undefinedArgsInFrom } from "./lints";
import type { LintConfig } from "./lint-config";
import type { CellCore, CellGroup } from "./mount-cell";
import { execStep } from "./mount-cell";
import type { MountSlots } from "./mount-slots";
import type { MountShapes } from "./mount-parse";
import type { OriginMemo } from "./origin-memo";
import type { Scratch } from "./scratch";
import type { StepCache } from "./step-cache";
import type { Prepared } from "./prepare";
import { namedBefore, SCRATCH } from "./prepare";
import { initTriggers, markReachable } from "./reachability";
import type { ImageEnvEntry, StageState } from "./stage-state";
import { initExecPlatform, initState, newStageState, resetStageState, settle, TARGET_REASON } from "./stage-state";
import type { StopError } from "./types";

export interface ConvertOptions {
  readonly buildArgs: ReadonlyMap<string, string>;
  /** `--target` as typed, "" for the default. */
  readonly target: string;
  readonly allStages: boolean;
  readonly lintConfig: LintConfig;
  readonly imageEnv: Readonly<Record<string, readonly string[]>>;
}

export interface ConvertInput {
  readonly parsed: ParsedDockerfile;
  readonly prep: Prepared;
  readonly options: ConvertOptions;
  /** `FROM --platform` values parsed, and platforms formatted, once per analysis. */
  readonly platforms: PlatformMemo;
  /** parseStageBase results by name (the same on every platform). */
  readonly references: Map<string, ReturnType<typeof parseStageBase>>;
  /** Platform-independent parts of literal mounts' cells (mount-cell.ts). */
  readonly cellCores: Map<MountSpec, CellCore[]>;
  /** Mounts by how they are written, with their parses (mount-parse.ts). */
  readonly mountShapes: MountShapes;
  /** Mount points of relative targets, by WORKDIR then target (run.ts). */
  readonly mountPoints: Map<string, Map<string, string>>;
  /** Arrays reused by every dispatch (scratch.ts). */
  readonly scratch: Scratch;
  /** ARG and ENV origins, one object each (origin-memo.ts). */
  readonly origins: OriginMemo;
  /** Image config ENV by expanded base name, parsed once (stage-state.ts). */
  readonly imageEnvs: Map<string, readonly ImageEnvEntry[]>;
  /** The rows cells belong to (mount-slots.ts). */
  readonly slots: MountSlots;
  /** Trace steps shared by cells (step-cache.ts). */
  readonly steps: StepCache;
  /** Expansions by word and inputs, global scope and stages alike (expansion-memo.ts). */
  readonly expansions: ExpansionMemo;
  /** Stage dispatch results and content ids by platform-dependent inputs (stage-memo.ts). */
  readonly stageMemos: StageMemos;
  /** Where stageKeys builds a stage's keys, reused for every stage. */
  readonly keys: StageKeys;
  /**
   * The registered stages' states, made by the first platform that reaches
   * them and reset by each next one (stage-state.ts resetStageState).
   */
  readonly states: StageState[];
  /** The unregistered states with their references parsed: the same on every platform (see sharedUnregistered). */
  unregistered: SharedUnregistered | null;
}

/** An unregistered state of one platform's conversion: a normalized image reference, or scratch (ref null). */
export interface UnregisteredRef {
  readonly baseName: string;
  readonly ref: string | null;
}

interface SharedUnregistered {
  /** Never written to: a platform whose ONBUILD triggers add states works on a copy. */
  readonly list: readonly UnregisteredRef[];
  /** Their reference errors, in order (they follow the stages' own in resolveReachableStages). */
  readonly errors: readonly StopError[];
}

export interface PlatformInput {
  readonly index: number;
  /** Normalized target platform. */
  readonly target: Platform;
  /** Normalized build platform. */
  readonly build: Platform;
  /** No `--platform` given: BuildKit's implicit target (platform.go buildPlatformOpt). */
  readonly implicit: boolean;
}

export interface PlatformOutcome {
  readonly error: StopError | null;
  readonly alternatives: readonly string[];
  /** Per stage: built for this platform. */
  readonly built: readonly boolean[];
  /** Index of the target stage, or null when it could not be chosen. */
  readonly targetStage: number | null;
  /** Cache mount cells, by dispatched stage in dispatch order. */
  readonly cells: readonly CellGroup[];
  /** [child, base] stage pairs (FROM <stage>), known once base names are expanded. */
  readonly links: readonly (readonly [number, number])[];
  readonly lints: readonly LintWarning[];
  /**
   * The global scope (automatic ARGs, then the ARGs before the first FROM):
   * what `ARG NAME` without a default re-fetches in a stage. Null when the
   * platform failed before it was built.
   */
  readonly globals: EnvLookup | null;
}

/** Everything dispatch needs besides the stage itself. */
export interface DispatchContext {
  readonly input: ConvertInput;
  readonly platform: PlatformInput;
  readonly targetText: string;
  /** Build platform as BUILDPLATFORM shows it. */
  readonly buildText: string;
  readonly globals: EnvList;
  readonly states: readonly StageState[];
  /** Unregistered states (images / scratch) after the registered stages: normalized reference or scratch. */
  readonly unregistered: readonly UnregisteredRef[];
  readonly lints: LintWarning[];
  /** Lints are only kept for the first platform (BuildKit prints them once), unless check=error needs them. */
  readonly collectLints: boolean;
  readonly sink: LintSink;
  /** `d.stageName` is cleared when the whole build has a single state (convert.go). */
  readonly singleState: boolean;
  /** Sources of a state: COPY --from, mount from= and ONBUILD triggers' ones. */
  readonly depsOf: (st: StageState) => readonly number[];
}

export function convertPlatform(input: ConvertInput, platform: PlatformInput): PlatformOutcome {
  const { parsed, prep, options } = input;
  const lints: LintWarning[] = [];
  const cells: CellGroup[] = [];
  const links: (readonly [number, number])[] = [];
  const n = prep.stages.length;
  const built = new Array<boolean>(n).fill(false);
  let globalScope: EnvLookup | null = null;
  const fail = (error: StopError, targetStage: number | null = null, alternatives: string[] = []): PlatformOutcome => ({
    error,
    alternatives,
    built: built.fill(false),
    targetStage,
    cells: [],
    links,
    lints,
    globals: globalScope,
  });

  const collectLints = platform.index === 0 || options.lintConfig.returnAsError;
  const sink = new LintSink(lints, options.lintConfig, collectLints);

  // Global scope: automatic ARGs, then the ARGs before the first FROM.
  const lastStage = prep.stages[n - 1];
  const targetStageName = options.target !== "" ? options.target : (lastStage?.name ?? "");
  if (collectLints) validateBaseImagesWithDefaultArgs(input, platform, targetStageName, sink);
  const globals = defaultArgs(platform.target, platform.build, targetStageName, options.buildArgs);
  const metaError = buildMetaArgs(globals, prep.metaArgs, options.buildArgs, input.expansions, input.origins);
  if (metaError !== null) return fail(metaError);
  globalScope = globals;
  // Names a FROM line may use without UndefinedArgInFrom: globals, and every global ARG even without a value.
  const fromArgKeys = collectLints
    ? new Set([...globals.keys(), ...prep.metaArgs.flatMap((a) => a.args.map((kv) => kv.key))])
    : new Set<string>();

  // Base names and --platform of every stage, built or not (convert.go "set base state for every image").
  const states = input.states;
  for (const stage of prep.stages) {
    const from = stage.from;
    let st = states[stage.index];
    if (st === undefined) states.push((st = newStageState(stage, prep, parsed.directives.escapeToken)));
    const name = st.fixedName ?? input.expansions.expand(from.image, globals);
    if (collectLints) undefinedArgsInFrom(sink, name.uses, fromArgKeys, from.span);
    if (!name.ok) return fail({ message: name.error, span: from.span });
    if (name.value === "")
      return fail({ message: `base name (${from.image}) should not be blank`, span: from.imageSpan });

    let flagPlatform: Platform | null = null;
    if (from.platform !== null) {
      const expr = from.platform.text;
      const r = input.expansions.expand(expr, globals);
      if (collectLints) {
        undefinedArgsInFrom(sink, r.uses, fromArgKeys, from.span);
        if (r.ok) {
          redundantTargetPlatform(sink, expr, r.value, r.uses, globals.get("TARGETPLATFORM"), from.span);
          constPlatform(sink, stage.name ?? "", r.value, r.uses, platform.build, from.span);
        }
      }
      if (!r.ok) return fail({ message: `failed to process arguments for platform : ${r.error}`, span: from.span });
      if (r.value === "") {
        return fail({
          message: suggestAny(`empty platform value from expression ${expr}`, r.uses, globals.keys()),
          span: from.span,
        });
      }
      const p = input.platforms.parse(r.value, platform.build);
      if (!p.ok) {
        return fail({
          message: `failed to parse platform ${expr}: ${suggestAny(p.error, r.uses, globals.keys())}`,
          span: from.span,
        });
      }
      flagPlatform = p.platform;
    }

    // A FROM naming an earlier stage builds on it (the latest of that name).
    // (`states[-1]` would be a slow property lookup, not an array read.)
    const baseIndex = st.fixedName !== null ? st.fixedBase : namedBefore(prep, name.value, stage.index);
    const base = baseIndex < 0 ? null : (states[baseIndex] ?? null);
    resetStageState(st, name.value, base, flagPlatform);
    if (base !== null) {
      // The same pair on (almost) every platform: one object for it.
      let link = st.link;
      if (link === null || link[1] !== base.stage.index) st.link = link = [stage.index, base.stage.index];
      links.push(link);
    }
  }

  // The target (convert.go: last stage by default, else by name, case-insensitively).
  let target: StageState | undefined;
  if (options.target === "") {
    target = states[n - 1];
  } else {
    const idx = prep.stageByName.get(options.target.toLowerCase());
    target = idx === undefined ? undefined : states[idx];
    if (target === undefined) {
      return fail({
        message: withSuggestion(
          `target stage ${goQuote(options.target)} could not be found`,
          options.target,
          prep.stageNames,
          true,
        ),
        span: null,
      });
    }
  }
  if (target === undefined) return fail({ message: "dockerfile contains no stages to build", span: null });
  const targetIndex = target.stage.index;

  if (prep.dependencyError !== null) return fail(prep.dependencyError, targetIndex);
  if (prep.cycleError !== null) return fail(prep.cycleError, targetIndex);

  // Resolve base images (convert.go resolveReachableStages). BuildKit parses every
  // stage's reference in parallel goroutines; see types.ts raceAlternatives.
  const refErrors: StopError[] = [];
  for (const st of states) {
    if (st.base !== null) continue;
    if (st.baseName === SCRATCH) {
      st.platform = platform.target;
      st.execReason = st.scratchReason;
      continue;
    }
    const r = stageBase(input, st.baseName);
    if (r.ok) st.baseName = r.normalized;
    else refErrors.push({ message: r.error, span: st.stage.from.span });
    if (st.platform === null) {
      st.platform = platform.target;
      st.execReason = TARGET_REASON;
    } else {
      st.execReason = st.flagReason ?? TARGET_REASON;
    }
  }
  const shared = sharedUnregistered(input);
  for (const e of shared.errors) refErrors.push(e);
  if (refErrors.length > 0) {
    // The goroutine started last usually runs first (Go's runnext slot), so its
    // error is the one BuildKit prints most often.
    const chosen = refErrors[refErrors.length - 1] as StopError;
    const others = refErrors
      .slice(0, -1)
      .map((e) => e.message)
      .filter((m) => m !== chosen.message);
    return fail(chosen, targetIndex, [...new Set(others)]);
  }

  // Reachability, with ONBUILD triggers that may add dependencies (convert.go resolveStages).
  const depsOf = (st: StageState): readonly number[] => {
    const d = prep.deps[st.stage.index] ?? [];
    return st.extraDeps.length === 0 ? d : [...d, ...st.extraDeps];
  };
  let ownUnregistered: UnregisteredRef[] | null = null;
  for (;;) {
    markReachable(target, states, depsOf);
    let newDeps = false;
    for (const st of states) {
      if (!st.reachable || st.base === null || st.onbuildInit) continue;
      st.onbuildInit = true;
      const onbuilds = st.base.stage.onbuilds;
      if (onbuilds.length === 0) continue;
      ownUnregistered ??= shared.list.slice();
      const r = initTriggers(st, onbuilds, input, ownUnregistered, states.length);
      if ("message" in r) return fail(r, targetIndex);
      if (r.newDeps) newDeps = true;
    }
    if (!newDeps) break;
  }

  const ctx: DispatchContext = {
    input,
    platform,
    targetText: formatPlatform(platform.target),
    buildText: formatPlatform(platform.build),
    globals,
    states,
    unregistered: ownUnregistered ?? shared.list,
    lints,
    collectLints,
    sink,
    singleState: states.length + (ownUnregistered ?? shared.list).length === 1,
    depsOf,
  };

  // Dispatch the reachable stages in order (convert.go dispatchStages). A stage
  // whose platform-dependent inputs match an earlier platform's reuses its result.
  for (const st of states) {
    if (!options.allStages && (!st.reachable || st.dispatched)) continue;
    initExecPlatform(st, ctx);
    st.dispatched = true;
    built[st.stage.index] = true;
    const keys = stageKeys(st, ctx);
    const entry = input.stageMemos.entry(st.stage.index, keys);
    st.contentId = input.stageMemos.contentId(entry, keys.content);
    const memo = entry === null ? null : entry.memo;
    let err: StopError | null;
    if (memo !== null && (!collectLints || memo.lintsKept)) {
      err = replayStage(st, memo, ctx);
    } else {
      initState(st, ctx);
      const lintStart = lints.length;
      err = dispatchStage(st, ctx);
      settle(st, ctx);
      recordStage(st, entry, err, collectLints ? lints.slice(lintStart) : null, ctx);
    }
    st.done = true;
    if (st.cores.length > 0)
      cells.push({ cores: st.cores, execPlatform: st.execPlatform, execStep: execStep(st, ctx) });
    if (err !== null) return fail(err, targetIndex);
  }

  // check=error=true turns any lint warning into an error (linter.go Linter.Error).
  if (options.lintConfig.returnAsError) {
    const rules = calledRules(parsed.warnings, lints, options.lintConfig);
    if (rules.length > 0)
      return fail({ message: `lint violation found for rules: ${rules.join(", ")}`, span: null }, targetIndex);
  }

  return { error: null, alternatives: [], built, targetStage: targetIndex, cells, links, lints, globals };
}

/**
 * validateBaseImagesWithDefaultArgs (convert.go): with the ARG defaults alone
 * (no build-args), every base name must still be a valid reference.
 */
function validateBaseImagesWithDefaultArgs(
  input: ConvertInput,
  platform: PlatformInput,
  targetStage: string,
  sink: LintSink,
): void {
  const env = defaultArgs(platform.target, platform.build, targetStage, input.options.buildArgs);
  if (buildMetaArgs(env, input.prep.metaArgs, NO_BUILD_ARGS, input.expansions, input.origins) !== null) return;
  // Most stages share a handful of base names: check each once.
  const valid = new Map<string, boolean>();
  for (const stage of input.prep.stages) {
    const r = input.expansions.expand(stage.from.image, env);
    if (!r.ok) return;
    let ok = valid.get(r.value);
    if (ok === undefined) valid.set(r.value, (ok = parseImageReference(r.value).ok));
    if (!ok) {
      sink.add(
        "InvalidDefaultArgInFrom",
        `Default value for ARG ${stage.from.image} results in empty or invalid base image name`,
        stage.from.span,
      );
    }
  }
}

const NO_BUILD_ARGS: ReadonlyMap<string, string> = new Map();

/** parseStageBase of a base name: the same on every platform, so once per name. */
function stageBase(input: ConvertInput, baseName: string): ReturnType<typeof parseStageBase> {
  let r = input.references.get(baseName);
  if (r === undefined) input.references.set(baseName, (r = parseStageBase(baseName)));
  return r;
}

/**
 * The unregistered states of prep (COPY --from=<image>, mount sources without
 * `from=`) with their references parsed, made by the first platform that gets
 * there: they depend on nothing a platform sets. Mount sources without
 * `from=` are scratch states: one shared object stands for them all.
 */
function sharedUnregistered(input: ConvertInput): SharedUnregistered {
  if (input.unregistered !== null) return input.unregistered;
  const errors: StopError[] = [];
  const list = input.prep.unregistered.map((u): UnregisteredRef => {
    if (u.baseName === SCRATCH) return SCRATCH_STATE;
    const r = stageBase(input, u.baseName);
    if (r.ok) return { baseName: u.baseName, ref: r.normalized };
    errors.push({ message: r.error, span: null });
    return { baseName: u.baseName, ref: null };
  });
  input.unregistered = { list, errors };
  return input.unregistered;
}

/** Never written to: references are only resolved for images. */
const SCRATCH_STATE: UnregisteredRef = { baseName: SCRATCH, ref: null };

/** wrapSuggestAny (convert.go): the first unmatched name with a suggestion. */
function suggestAny(message: string, uses: readonly VariableRef[], keys: readonly string[]): string {
  for (const u of uses) {
    if (u.defined) continue;
    const m = withSuggestion(message, u.name, keys, true);
    if (m !== message) return m;
  }
  return message;
}

/** Rules that fired, in first-seen order (BuildKit prints them in map order). */
function calledRules(
  parseWarnings: readonly LintWarning[],
  lints: readonly LintWarning[],
  config: LintConfig,
): string[] {
  const seen = new Set<string>();
  for (const w of [...parseWarnings, ...lints]) {
    if (!config.skipAll && !config.skip.has(w.rule)) seen.add(w.rule);
  }
  return [...seen];
}
