/**
 * Per-platform work must not repeat platform-independent work: a stage's
 * dispatch depends on the platform only through a few inputs (its base, the
 * global values its valueless ARGs read, its sources, and where it runs).
 * When those match an earlier platform's, the stage's result is reused and
 * only its cells are re-stamped with this platform's execution platform.
 *
 * The same key doubles as the stage's content identity: BuildKit gives two
 * `from=<stage>` cache bases one snapshot when the stage's LLB is identical,
 * which it is when these inputs (and, for platform-specific content, the
 * execution platform) are equal. See dispatch.ts stageIdentity.
 */
import type { LintWarning } from "../parse/types";
import type { DispatchContext } from "./convert";
import type { ImageEnvEntry, StageState } from "./stage-state";
import { stageIdentity, unregisteredIdentity } from "./dispatch";
import type { EnvList } from "./env-list";
import { AUTOMATIC_ARGS } from "./global-args";
import type { CellDraft } from "./mount-cell";
import { execStep } from "./mount-cell";
import { SCRATCH } from "./prepare";
import type { StopError } from "./types";

export interface StageMemo {
  readonly id: number;
  readonly error: StopError | null;
  readonly env: EnvList;
  readonly imageEnv: ImageEnvEntry[];
  readonly dir: string;
  readonly workdir: string;
  readonly workdirSet: boolean;
  readonly declaredArgs: Set<string>;
  readonly scratch: boolean;
  readonly platformSpecific: boolean;
  readonly cells: readonly CellDraft[];
  /** The execution platform the cells were made for. */
  readonly execPlatform: string;
  /** Lint warnings of the dispatch, when they were collected. */
  readonly lints: readonly LintWarning[];
  readonly lintsKept: boolean;
}

const SEP = "\u0000";

export interface StageKeys {
  /** What the dispatch (environment, cells, errors) depends on. */
  readonly dispatch: string;
  /** What the stage's content depends on: the dispatch plus the content it copies in. */
  readonly content: string;
}

export function stageKeys(st: StageState, ctx: DispatchContext): StageKeys {
  const { options, prep } = ctx.input;
  let key = String(st.stage.index);
  let content = "";
  if (st.base !== null) {
    key += `${SEP}b${st.base.dispatchId}`;
    content += `${SEP}B${st.base.contentId}`;
  } else if (st.baseName === SCRATCH) key += `${SEP}s`;
  else key += `${SEP}i${st.expandedName}${SEP}${st.baseName}`;
  // Windows gets no default PATH.
  if ((st.platform ?? ctx.platform.target).os === "windows") key += `${SEP}w`;
  // Valueless ARGs read the global scope (dispatchArg).
  let automatic = false;
  const readArg = (name: string) => {
    if (options.buildArgs.has(name)) return;
    key += `${SEP}${name}=${ctx.globals.get(name) ?? "\u0001"}`;
    if (AUTOMATIC_ARGS.has(name)) automatic = true;
  };
  for (const name of prep.valuelessArgs[st.stage.index] ?? []) readArg(name);
  for (const t of st.triggers) {
    if (t.command.kind === "arg") for (const kv of t.command.args) if (kv.value === null) readArg(kv.key);
  }
  key += `${SEP}t${st.triggers.length}`;
  // Traces name the target platform when they explain an automatic ARG.
  if (automatic) key += `${SEP}${ctx.targetText}`;
  // A mount source's content decides a cell's base; a COPY source only whether
  // it was dispatched in time and whether this stage becomes platform-specific.
  const source = (d: number, mount: boolean) => {
    const src = ctx.states[d];
    if (src === undefined) {
      const u = unregisteredIdentity(d, ctx);
      if (u === "scratch") return;
      if (mount) key += SEP + u;
      else key += `${SEP}u`;
      content += SEP + u;
    } else if (!src.dispatched) {
      key += `${SEP}!`;
    } else {
      const id = stageIdentity(src);
      if (mount) key += SEP + id;
      else key += `${SEP}c${src.platformSpecific ? 1 : 0}`;
      content += SEP + id;
    }
  };
  for (const pc of st.triggers) for (const d of pc.sources) source(d, pc.command.kind === "run");
  for (const pc of st.stage.commands) for (const d of pc.sources) source(d, pc.command.kind === "run");
  return { dispatch: key, content: key + content };
}

/** A stable small number for a stage's content key. */
export function contentId(ctx: DispatchContext, key: string): number {
  const ids = ctx.input.contentIds;
  let id = ids.get(key);
  if (id === undefined) ids.set(key, (id = ids.size));
  return id;
}

export function recordStage(
  st: StageState,
  key: string,
  error: StopError | null,
  cells: readonly CellDraft[],
  lints: readonly LintWarning[] | null,
  ctx: DispatchContext,
): void {
  const memo = ctx.input.stageMemo;
  st.dispatchId = memo.size;
  memo.set(key, {
    id: st.dispatchId,
    error,
    env: st.env,
    imageEnv: st.imageEnv,
    dir: st.dir,
    workdir: st.workdir,
    workdirSet: st.workdirSet,
    declaredArgs: st.declaredArgs,
    scratch: st.scratch,
    platformSpecific: st.platformSpecific,
    cells,
    execPlatform: st.execPlatform,
    lints: lints ?? [],
    lintsKept: lints !== null,
  });
}

/** Applies a recorded result to this platform's stage; returns its error. */
export function replayStage(st: StageState, m: StageMemo, ctx: DispatchContext): StopError | null {
  st.dispatchId = m.id;
  // Shared, never mutated: children clone what they inherit (convert.ts initState).
  st.env = m.env;
  st.imageEnv = m.imageEnv;
  st.dir = m.dir;
  st.workdir = m.workdir;
  st.workdirSet = m.workdirSet;
  st.declaredArgs = m.declaredArgs;
  st.scratch = m.scratch;
  st.platformSpecific = m.platformSpecific;
  if (m.execPlatform === st.execPlatform) {
    for (const c of m.cells) ctx.cells.push(c);
  } else {
    const step = execStep(st, ctx);
    for (const c of m.cells) {
      const trace = c.trace.slice();
      trace[trace.length - 1] = step;
      ctx.cells.push({ ...c, execPlatform: st.execPlatform, trace });
    }
  }
  if (ctx.collectLints) for (const l of m.lints) ctx.lints.push(l);
  return m.error;
}
