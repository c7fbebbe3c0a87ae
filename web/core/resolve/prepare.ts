/**
 * Everything of the conversion that does not depend on the target platform,
 * done once per analysis (convert.go toDispatchState up to the first use of
 * platform ARGs, plus toCommand / validateCircularDependency, which only
 * look at literal stage names).
 */
import { expandWord } from "../expand/index";
import type {
  ArgCommand,
  Command,
  FromCommand,
  MountSpec,
  OnbuildCommand,
  ParsedDockerfile,
  RunCommand,
} from "../parse/types";
import { flat } from "./flat";
import { parseGoAtoi } from "./go-strconv";
import { isPlainWord } from "./plain-word";
import type { PreparedCommand, StopError } from "./types";

export interface PreparedStage {
  readonly index: number;
  readonly from: FromCommand;
  /** Lower-cased `AS` name, or null. */
  readonly name: string | null;
  /** BuildKit's stageName: the name, or `stage-N` (convert.go). */
  readonly stageName: string;
  /** The stage name as traces show it, in backticks (trace.ts code), made once. */
  readonly label: string;
  readonly commands: readonly PreparedCommand[];
  /** ONBUILD instructions of this stage (they run in the stages built FROM it). */
  readonly onbuilds: readonly OnbuildCommand[];
  /**
   * A later FROM may name this stage, on some platform. Only then is the
   * stage's environment read after its dispatch (a child inherits it).
   */
  readonly mayBeBase: boolean;
}

/** A state BuildKit creates for a `COPY --from=<image>` or a mount source that names no stage. */
export interface UnregisteredState {
  /** Image reference as written, or `scratch` for mounts without `from=`. */
  readonly baseName: string;
}

export interface Prepared {
  readonly metaArgs: readonly ArgCommand[];
  readonly stages: readonly PreparedStage[];
  /** States N, N+1, … after the registered stages (convert.go toCommand's unregistered states). */
  readonly unregistered: readonly UnregisteredState[];
  /** Stage index by lower-cased name; the last definition wins (dispatchStates.statesByName). */
  readonly stageByName: ReadonlyMap<string, number>;
  /** Every stage index by lower-cased name, ascending (see namedBefore). */
  readonly stagesByName: ReadonlyMap<string, readonly number[]>;
  /** Names for "did you mean" (dispatchStates.names()). */
  readonly stageNames: readonly string[];
  /** Static dependencies per state (COPY --from, RUN --mount from=), before ONBUILD triggers. */
  readonly deps: readonly (readonly number[])[];
  /** toCommand's first error (after target resolution), or null. */
  readonly dependencyError: StopError | null;
  /** validateCircularDependency's error, or null. */
  readonly cycleError: StopError | null;
}

export const SCRATCH = "scratch";

/** Splits the commands into global ARGs and stages. Returns null when there is no FROM. */
export function splitStages(parsed: ParsedDockerfile): {
  metaArgs: ArgCommand[];
  stages: { from: FromCommand; commands: Command[] }[];
  beforeFrom: Command | null;
} {
  const metaArgs: ArgCommand[] = [];
  const stages: { from: FromCommand; commands: Command[] }[] = [];
  let beforeFrom: Command | null = null;
  for (const c of parsed.commands) {
    if (c.kind === "from") {
      stages.push({ from: c, commands: [] });
    } else if (stages.length === 0) {
      if (c.kind === "arg") metaArgs.push(c);
      else beforeFrom ??= c;
    } else {
      stages[stages.length - 1]?.commands.push(c);
    }
  }
  return { metaArgs, stages, beforeFrom };
}

/** The last stage before `before` named `name` (the FROM of stage `before` can build on it), or -1. */
export function namedBefore(prep: Prepared, name: string, before: number): number {
  const all = prep.stagesByName.get(name);
  if (all === undefined) return -1;
  for (let i = all.length - 1; i >= 0; i--) {
    const index = all[i] as number;
    if (index < before) return index;
  }
  return -1;
}

/** The `from=` of each mount as toCommand sees it: raw (unexpanded), last one wins, `scratch` when absent (convert_runmount.go detectRunMount). */
export function rawMountFroms(run: RunCommand): string[] {
  return run.mounts.map(rawMountFrom);
}

export function rawMountFrom(m: MountSpec): string {
  let from = "";
  for (const f of m.fields) if (f.key === "from" && f.value !== null) from = f.value.text;
  return from === "" ? SCRATCH : from;
}

export function prepare(parsed: ParsedDockerfile, split: ReturnType<typeof splitStages>): Prepared {
  const escape = parsed.directives.escapeToken;
  const stageByName = new Map<string, number>();
  const stagesByName = new Map<string, number[]>();
  const stageNames: string[] = [];
  split.stages.forEach((s, i) => {
    const name = s.from.stageName;
    if (name !== null) {
      stageByName.set(name, i);
      const all = stagesByName.get(name);
      if (all === undefined) stagesByName.set(name, [i]);
      else all.push(i);
    }
    stageNames.push(name ?? `stage-${i}`);
  });

  const n = split.stages.length;
  const unregistered: UnregisteredState[] = [];
  const deps: number[][] = split.stages.map(() => []);
  let dependencyError: StopError | null = null;

  // toCommand for every command of every stage, in order (convert.go). A
  // source that names no stage becomes a new state appended to the list, so
  // `COPY --from=<index>` can even point at one of those.
  const resolveSource = (name: string): number => {
    const byName = stageByName.get(name.toLowerCase());
    if (byName !== undefined) return byName;
    // Every mount without `from=` is a state of its own (a file can have thousands): one object stands for them.
    unregistered.push(name === SCRATCH ? SCRATCH_SOURCE : { baseName: name });
    deps.push(NO_SOURCES);
    return n + unregistered.length - 1;
  };

  const toCommand = (c: Command): PreparedCommand | StopError => {
    if (c.kind === "copy" && c.from !== null && c.from !== "") {
      const r = copyFromSource(c.from, escape, stageByName, n + unregistered.length, c.span);
      if ("message" in r) return r;
      const src = r.index ?? resolveSource(c.from);
      return { command: c, sources: [src], trigger: null, mountCache: null };
    }
    if (c.kind === "run" && c.mounts.length > 0) {
      const sources = new Array<number>(c.mounts.length);
      for (let k = 0; k < c.mounts.length; k++) sources[k] = resolveSource(rawMountFrom(c.mounts[k] as MountSpec));
      return { command: c, sources, trigger: null, mountCache: null };
    }
    return { command: c, sources: NO_SOURCES, trigger: null, mountCache: null };
  };

  // Plain loops: this runs for every command of the file, and a callback per
  // stage and command left iterator objects behind where it was not optimized.
  const bases = possibleBases(split.stages, escape);
  const stages = new Array<PreparedStage>(n);
  for (let i = 0; i < n; i++) {
    const s = split.stages[i] as (typeof split.stages)[number];
    const commands = new Array<PreparedCommand>(s.commands.length);
    let onbuilds: OnbuildCommand[] | null = null;
    let seen: Set<number> | null = null;
    for (let k = 0; k < s.commands.length; k++) {
      const c = s.commands[k] as Command;
      if (c.kind === "onbuild") (onbuilds ??= []).push(c);
      const pc: PreparedCommand | StopError | null = dependencyError === null ? toCommand(c) : null;
      if (pc === null || "message" in pc) {
        dependencyError ??= pc;
        commands[k] = { command: c, sources: NO_SOURCES, trigger: null, mountCache: null };
        continue;
      }
      commands[k] = pc;
      for (let j = 0; j < pc.sources.length; j++) {
        const src = pc.sources[j] as number;
        seen ??= new Set();
        if (seen.has(src)) continue;
        seen.add(src);
        deps[i]?.push(src);
      }
    }
    const stageName = stageNames[i] ?? `stage-${i}`;
    stages[i] = {
      index: i,
      from: s.from,
      name: s.from.stageName,
      stageName,
      label: flat`\`${stageName}\``,
      commands,
      onbuilds: onbuilds ?? NO_ONBUILDS,
      mayBeBase: bases[i] ?? true,
    };
  }

  const cycleError = dependencyError === null ? findCycle(stages, deps) : null;
  return {
    metaArgs: split.metaArgs,
    stages,
    unregistered,
    stageByName,
    stagesByName,
    stageNames,
    deps,
    dependencyError,
    cycleError,
  };
}

/**
 * `COPY --from` checks of toCommand (convert.go): no variables, a number is a
 * state index. Returns the state index, `null` for "look the name up", or an error.
 */
export function copyFromSource(
  from: string,
  escape: "\\" | "`",
  stageByName: ReadonlyMap<string, number>,
  stateCount: number,
  span: StopError["span"],
): { index: number | null } | StopError {
  const expanded = expandWord(from, EMPTY_ENV, escape);
  if (!expanded.ok) return { message: expanded.error, span };
  if (expanded.value !== from) {
    return {
      message:
        "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
      span,
    };
  }
  const index = parseGoAtoi(from);
  if (index === null) {
    const byName = stageByName.get(from.toLowerCase());
    return { index: byName ?? null };
  }
  if (index < 0n || index >= BigInt(stateCount)) return { message: `invalid stage index ${index}`, span };
  return { index: Number(index) };
}

const EMPTY_ENV: ReadonlyMap<string, string> = new Map();
/** Shared by the many commands and unregistered states without sources; never written to. */
const NO_SOURCES: number[] = [];
const NO_ONBUILDS: readonly OnbuildCommand[] = [];
const SCRATCH_SOURCE: UnregisteredState = { baseName: SCRATCH };

/**
 * A FROM names an earlier stage when its expanded name is that stage's name
 * (convert.go). A FROM without anything to expand names only what it says;
 * any other may name any earlier stage.
 */
function possibleBases(stages: readonly { readonly from: FromCommand }[], escape: "\\" | "`"): boolean[] {
  const out = new Array<boolean>(stages.length);
  const named = new Set<string>();
  let anyName = false;
  for (let i = stages.length - 1; i >= 0; i--) {
    const from = (stages[i] as { readonly from: FromCommand }).from;
    out[i] = from.stageName !== null && (anyName || named.has(from.stageName));
    if (isPlainWord(from.image, escape)) named.add(from.image);
    else anyName = true;
  }
  return out;
}

/**
 * validateCircularDependency (convert.go): a depth-first walk over the
 * dependencies from each state in order; the error names the state the walk
 * started from.
 */
function findCycle(stages: readonly PreparedStage[], deps: readonly (readonly number[])[]): StopError | null {
  const visited = new Uint8Array(deps.length);
  const onPath = new Uint8Array(deps.length);
  const visit = (s: number): boolean => {
    if (visited[s] === 1) return false;
    visited[s] = 1;
    onPath[s] = 1;
    for (const d of deps[s] ?? []) {
      if (onPath[d] === 1) return true;
      if (visit(d)) return true;
    }
    onPath[s] = 0;
    return false;
  };
  for (let s = 0; s < stages.length; s++) {
    if (visit(s)) {
      const stage = stages[s];
      return {
        message: `circular dependency detected on stage: ${stage?.stageName ?? ""}`,
        span: stage?.from.span ?? null,
      };
    }
  }
  return null;
}
