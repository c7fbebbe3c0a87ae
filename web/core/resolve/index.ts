/**
 * resolve(): BuildKit's dispatch for every requested platform
 * (frontend/dockerui/build.go converts each platform separately), on top of
 * one parse. Returns the Report's platforms, stages, target and cache mounts
 * with their per-platform cells, plus the lint warnings (see types.ts).
 */
import type { Command, LintWarning, ParsedDockerfile } from "../parse/types";
import type { Platform } from "../platform/index";
import { formatPlatform, normalizePlatform, parsePlatform, parseTargetPlatforms } from "../platform/index";
import type { AnalyzeOptions, PlatformResult, StageInfo } from "../report/types";
import type { ConvertInput, PlatformInput, PlatformOutcome } from "./convert";
import { convertPlatform } from "./convert";
import { ExpansionMemo } from "./expansion-memo";
import type { LintConfig } from "./lint-config";
import { DEFAULT_LINT_CONFIG, parseLintOptions } from "./lint-config";
import { prepare, splitStages } from "./prepare";
import { lineIndexOf } from "../parse/line-index-memo";
import { MountShapes } from "./mount-parse";
import { buildMountReports } from "./mount-reports";
import { MountSlots } from "./mount-slots";
import { OriginMemo } from "./origin-memo";
import { PlatformMemo } from "./platform-memo";
import { Scratch } from "./scratch";
import { KeyBuffer, StageMemos } from "./stage-memo";
import { StepCache } from "./step-cache";
import type { Resolution, ResolveExtras, StopError } from "./types";

export type { Resolution, ResolveExtras } from "./types";

const DEFAULT_BUILD_PLATFORM = "linux/amd64";
const CHECK_ARG = "BUILDKIT_DOCKERFILE_CHECK";
const NS_ARG = "BUILDKIT_CACHE_MOUNT_NS";

interface RequestedPlatform {
  readonly requested: string;
  readonly platform: Platform | null;
  readonly error: string | null;
}

export function resolve(
  parsed: ParsedDockerfile,
  text: string,
  options: AnalyzeOptions,
  extras: ResolveExtras = {},
): Resolution {
  const lineIndex = lineIndexOf(parsed, text);
  const buildArgs = new Map(Object.entries(options.buildArgs ?? {}));
  const syntax = parsed.directives.syntax?.value ?? null;

  // The build platform is the worker's (always normalized); no --platform means "target = build".
  const buildText = options.buildPlatform ?? DEFAULT_BUILD_PLATFORM;
  const buildParsed = parsePlatform(buildText);
  const build = buildParsed.ok ? normalizePlatform(buildParsed.platform) : null;
  const implicit = options.platforms.length === 0;
  // The frontend runs on the build platform: a one-word OS takes its architecture.
  const targets = implicit || build === null ? [] : parseTargetPlatforms(options.platforms, build);
  const requested: RequestedPlatform[] = implicit
    ? [{ requested: buildText, platform: build, error: null }]
    : options.platforms.map((r, i) => {
        const p = targets[i];
        if (p === undefined) return { requested: r, platform: null, error: null };
        return p.ok
          ? { requested: r, platform: p.platform, error: null }
          : { requested: r, platform: null, error: p.error };
      });

  // Errors that stop every platform before any platform-specific work, in BuildKit's order:
  // frontend options (dockerui/config.go), then the Dockerfile (parse, stages).
  let early: StopError | null = null;
  if (!buildParsed.ok)
    early = { message: `failed to parse build platform ${buildText}: ${buildParsed.error}`, span: null };
  early ??= firstRequestError(requested);
  let lintConfig: LintConfig = DEFAULT_LINT_CONFIG;
  const checkArg = buildArgs.get(CHECK_ARG);
  if (early === null && checkArg !== undefined) {
    const r = parseLintOptions(checkArg);
    if (r.ok) lintConfig = r.config;
    else early = { message: `failed to parse build-arg:${CHECK_ARG}: ${r.error}`, span: null };
  }
  // toDispatchState: an empty file, then the `# check=` directive (newRuleLinter,
  // only without the build-arg), then the parser's errors.
  if (early === null && text.length === 0) early = { message: "the Dockerfile cannot be empty", span: null };
  const check = parsed.directives.check;
  if (early === null && checkArg === undefined && check !== null) {
    const r = parseLintOptions(check.value);
    if (r.ok) lintConfig = r.config;
    else early = { message: `failed to parse check options: ${r.error}`, span: check.span };
  }
  if (early === null && parsed.error !== null) early = { message: parsed.error.message, span: parsed.error.span };
  const split = splitStages(parsed);
  if (early === null && split.beforeFrom !== null)
    early = { message: "no build stage in current context", span: split.beforeFrom.span };
  if (early === null && split.stages.length === 0)
    early = { message: "dockerfile contains no stages to build", span: null };

  const prep = prepare(parsed, split);
  const ordinals = runOrdinals(parsed.commands);
  const input: ConvertInput = {
    parsed,
    prep,
    platforms: new PlatformMemo(),
    references: new Map(),
    cellCores: new Map(),
    mountShapes: new MountShapes(parsed.directives.escapeToken),
    mountPoints: new Map(),
    scratch: new Scratch(),
    imageEnvs: new Map(),
    origins: new OriginMemo(),
    slots: new MountSlots(ordinals),
    steps: new StepCache(buildArgs.get(NS_ARG) ?? ""),
    stageMemos: new StageMemos(prep, buildArgs),
    keys: { dispatch: new KeyBuffer(), content: new KeyBuffer(), thisPlatformOnly: false },
    expansions: new ExpansionMemo(parsed.directives.escapeToken),
    states: [],
    unregistered: null,
    options: {
      buildArgs,
      target: options.target ?? "",
      allStages: extras.allStages ?? false,
      lintConfig,
      imageEnv: extras.imageEnv ?? {},
    },
  };

  // One conversion per distinct target platform: duplicates give identical results.
  const outcomes: PlatformOutcome[] = [];
  const memo = new Map<string, PlatformOutcome>();
  requested.forEach((r, index) => {
    if (early !== null || r.platform === null || build === null) {
      outcomes.push(failed(early ?? { message: r.error ?? "", span: null }, prep.stages.length));
      return;
    }
    const key = formatPlatform(r.platform);
    let outcome = memo.get(key);
    if (outcome === undefined) {
      const pi: PlatformInput = { index, target: r.platform, build, implicit };
      outcome = convertPlatform(input, pi);
      memo.set(key, outcome);
    }
    outcomes.push(outcome);
  });

  const platforms: PlatformResult[] = requested.map((r, i) => {
    const o = outcomes[i];
    const err = o?.error ?? null;
    return {
      requested: r.requested,
      normalized: r.platform === null ? null : formatPlatform(r.platform),
      error: err === null ? null : err.message,
      errorRange: err === null || err.span === null ? null : lineIndex.range(err.span),
    };
  });

  const stages: StageInfo[] = prep.stages.map((s) => ({
    index: s.index,
    name: s.name,
    line: s.from.startLine,
    base: s.from.image,
    platformExpr: s.from.platform?.text ?? null,
    built: outcomes.some((o) => o.built[s.index] === true),
  }));

  const targetIndex = outcomes.find((o) => o.targetStage !== null)?.targetStage ?? null;
  const target = targetIndex === null ? null : (prep.stages[targetIndex]?.name ?? null);

  const mounts = buildMountReports(prep, outcomes, requested, lineIndex, input.slots, target);
  const lints: LintWarning[] = [...(outcomes[0]?.lints ?? [])];

  return {
    buildPlatform: build === null ? buildText : formatPlatform(build),
    platforms,
    stages,
    target,
    mounts,
    syntax,
    lints,
    raceAlternatives: outcomes.map((o) => o.alternatives),
    globals: outcomes.map((o) => o.globals),
  };
}

function firstRequestError(requested: readonly RequestedPlatform[]): StopError | null {
  // dockerui parsePlatforms stops at the first bad platform and fails the whole build.
  for (const r of requested) if (r.error !== null) return { message: r.error, span: null };
  return null;
}

function failed(error: StopError, stageCount: number): PlatformOutcome {
  return {
    error,
    alternatives: [],
    built: new Array<boolean>(stageCount).fill(false),
    targetStage: null,
    cells: [],
    links: [],
    lints: [],
    globals: null,
  };
}

/**
 * Position in parsed.commands of each RUN with mounts (an ONBUILD's inner RUN
 * shares its ONBUILD's): what orders the rows of the mounts table.
 */
function runOrdinals(commands: readonly Command[]): Map<Command, number> {
  const m = new Map<Command, number>();
  commands.forEach((c, i) => {
    const run = c.kind === "onbuild" ? c.inner : c;
    if (run !== null && run.kind === "run" && run.mounts.length > 0) m.set(run, i);
  });
  return m;
}
