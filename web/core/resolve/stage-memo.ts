/**
 * Per-platform work must not repeat platform-independent work: a stage's
 * dispatch depends on the platform only through a few inputs (its base, the
 * global values its valueless ARGs read, its sources, and where it runs).
 * When those match an earlier platform's, the stage's result is reused, cells
 * included: only where they execute is this platform's.
 *
 * The same key doubles as the stage's content identity: BuildKit gives two
 * `from=<stage>` cache bases one snapshot when the stage's LLB is identical,
 * which it is when these inputs (and, for platform-specific content, the
 * execution platform) are equal. See dispatch.ts stageIdentity.
 */
import type { LintWarning } from "../parse/types";
import type { DispatchContext } from "./convert";
import { ScratchList } from "./scratch";
import { unregisteredRef } from "./dispatch";
import type { ImageEnvEntry, StageState } from "./stage-state";
import type { EnvList } from "./env-list";
import { AUTOMATIC_ARGS } from "./global-args";
import type { CellCore } from "./mount-cell";
import type { Prepared, PreparedStage } from "./prepare";
import { SCRATCH } from "./prepare";
import type { StopError } from "./types";

export interface StageMemo {
  /** Tells this dispatch apart from the stage's others (a child's key names it). */
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
  /** Never pushed to after the dispatch: replays share it. */
  readonly cores: readonly CellCore[];
  /** Lint warnings of the dispatch, when they were collected. */
  readonly lints: readonly LintWarning[];
  readonly lintsKept: boolean;
}

/**
 * One part of a key. Keys are compared part by part, never joined into a
 * string: building, hashing and comparing long strings for every stage on
 * every platform was a good part of the resolver's time. `null` is an unset
 * global, or a source whose content is the same on every platform.
 */
export type KeyPart = string | number | null;

/**
 * A key being built, in an array reused from stage to stage (a ScratchList):
 * stageKeys runs for every stage on every platform, and most keys are only
 * compared. One that is kept is copied out at its exact size.
 */
export class KeyBuffer extends ScratchList<KeyPart> {
  equals(kept: readonly KeyPart[]): boolean {
    if (kept.length !== this.length) return false;
    for (let i = 0; i < kept.length; i++) if (kept[i] !== this.at(i)) return false;
    return true;
  }
}

export interface StageKeys {
  /** What the dispatch (environment, cells, errors) depends on. */
  readonly dispatch: KeyBuffer;
  /** What the stage's content depends on besides the dispatch: the content it copies in. */
  readonly content: KeyBuffer;
  /**
   * The dispatch key names this platform's target. Each target platform is
   * converted once, so no other platform can have this key: it is not kept.
   */
  thisPlatformOnly: boolean;
}

/** Fills `keys` (the analysis's buffers, see ConvertInput) for this stage on this platform. */
export function stageKeys(st: StageState, ctx: DispatchContext): StageKeys {
  const keys = ctx.input.keys;
  const key = keys.dispatch;
  const content = keys.content;
  key.clear();
  content.clear();
  if (st.base !== null) {
    key.push("b");
    key.push(st.base.dispatchId);
    content.push("B");
    content.push(st.base.contentId);
  } else if (st.baseName === SCRATCH) {
    key.push("s");
  } else {
    key.push("i");
    key.push(st.expandedName);
    key.push(st.baseName);
  }
  // Windows gets no default PATH.
  if ((st.platform ?? ctx.platform.target).os === "windows") key.push("w");
  // Valueless ARGs read the global scope (dispatchArg), unless a build-arg sets them.
  const fixed = ctx.input.stageMemos.fixed(st.stage.index);
  for (const name of fixed.globals) {
    key.push(name);
    key.push(ctx.globals.get(name) ?? null);
  }
  const buildArgs = ctx.input.options.buildArgs;
  let automatic = fixed.automatic;
  for (const t of st.triggers) {
    if (t.command.kind !== "arg") continue;
    for (const kv of t.command.args) {
      if (kv.value !== null || buildArgs.has(kv.key)) continue;
      key.push(kv.key);
      key.push(ctx.globals.get(kv.key) ?? null);
      if (AUTOMATIC_ARGS.has(kv.key)) automatic = true;
    }
  }
  key.push("t");
  key.push(st.triggers.length);
  // Traces name the target platform when they explain an automatic ARG.
  if (automatic) {
    key.push("T");
    key.push(ctx.targetText);
  }
  keys.thisPlatformOnly = automatic;
  // A mount source's content decides a cell's base; a COPY source only whether
  // it was dispatched in time and whether this stage becomes platform-specific.
  for (const pc of st.triggers) {
    const mount = pc.command.kind === "run";
    for (const d of pc.sources) addSource(d, mount, key, content, ctx);
  }
  for (let i = 0; i < fixed.sources.length; i++) {
    addSource(fixed.sources[i] as number, fixed.mounts[i] === true, key, content, ctx);
  }
  return keys;
}

/**
 * A source's part of the keys, as parts rather than its identity string
 * (dispatch.ts stageIdentity, unregisteredIdentity), which would be built
 * for every source on every platform just to be compared: a stage is its
 * content id (unique across stages) and, for platform-specific content,
 * where it ran; an image is its reference on this target. Each source's
 * parts start with a tag of its own type, so sequences never run together.
 */
function addSource(d: number, mount: boolean, key: KeyBuffer, content: KeyBuffer, ctx: DispatchContext): void {
  const src = ctx.states[d];
  if (src === undefined) {
    const ref = unregisteredRef(d, ctx);
    if (ref === null) return; // scratch
    key.push("u");
    if (mount) {
      key.push(ref);
      key.push(ctx.targetText);
    }
    content.push("u");
    content.push(ref);
    content.push(ctx.targetText);
  } else if (!src.dispatched) {
    key.push("!");
  } else {
    const where = src.platformSpecific ? src.execPlatform : null;
    if (mount) {
      key.push(src.contentId);
      key.push(where);
    } else {
      key.push(where === null ? "c0" : "c1");
    }
    content.push(src.contentId);
    content.push(where);
  }
}

/**
 * What a stage's key reads that is the same on every platform, worked out
 * once per analysis rather than by walking the stage's commands again on
 * every platform.
 */
export interface FixedKeyInputs {
  /** Names of its valueless ARGs that no build-arg sets: each reads the global scope. */
  readonly globals: readonly string[];
  /** One of them is an automatic platform ARG. */
  readonly automatic: boolean;
  /** Its commands' sources in order, without mount sources that are plain scratch (they add nothing). */
  readonly sources: readonly number[];
  /** Per source: read by a RUN mount (else by COPY --from). */
  readonly mounts: readonly boolean[];
}

function fixedKeyInputs(stage: PreparedStage, prep: Prepared, buildArgs: ReadonlyMap<string, string>): FixedKeyInputs {
  // Most stages have neither: nothing is allocated for them. The lists live
  // as long as the analysis: counted first, then made at their exact size.
  let names: Set<string> | null = null;
  let count = 0;
  for (const pc of stage.commands) {
    const c = pc.command;
    if (c.kind === "arg") for (const kv of c.args) if (kv.value === null) (names ??= new Set()).add(kv.key);
    for (const d of pc.sources) if (!isScratchSource(d, prep)) count++;
  }
  if (names === null && count === 0) return NO_FIXED_INPUTS;
  let sources = NO_SOURCES;
  let mounts = NO_MOUNT_FLAGS;
  if (count > 0) {
    const s = new Array<number>(count);
    const m = new Array<boolean>(count);
    let i = 0;
    for (const pc of stage.commands) {
      for (const d of pc.sources) {
        if (isScratchSource(d, prep)) continue;
        s[i] = d;
        m[i++] = pc.command.kind === "run";
      }
    }
    sources = s;
    mounts = m;
  }
  const globals = names === null ? NO_NAMES : [...names].filter((name) => !buildArgs.has(name));
  return { globals, automatic: globals.some((name) => AUTOMATIC_ARGS.has(name)), sources, mounts };
}

/** A mount source without `from=`: plain scratch, which adds nothing to a key. */
function isScratchSource(d: number, prep: Prepared): boolean {
  return d >= prep.stages.length && prep.unregistered[d - prep.stages.length]?.baseName === SCRATCH;
}

const NO_PARTS: readonly KeyPart[] = [];
const NO_NAMES: readonly string[] = [];
const NO_SOURCES: readonly number[] = [];
const NO_MOUNT_FLAGS: readonly boolean[] = [];
const NO_FIXED_INPUTS: FixedKeyInputs = {
  globals: NO_NAMES,
  automatic: false,
  sources: NO_SOURCES,
  mounts: NO_MOUNT_FLAGS,
};
const NO_LINTS: readonly LintWarning[] = [];

/**
 * One distinct dispatch key of a stage: its recorded result, and the content
 * ids seen with it. A stage's entries, and an entry's contents, are lists
 * linked from the newest: one object per item, where exact-size arrays were
 * copied on every addition (keys are distinct, so lookup order is free).
 */
export interface DispatchEntry {
  /** Kept at its exact size: it lives as long as the analysis. */
  readonly key: readonly KeyPart[];
  /** Null until the first dispatch with this key has run. */
  memo: StageMemo | null;
  contents: ContentEntry | null;
  /** The stage's previous entry. */
  readonly next: DispatchEntry | null;
}

interface ContentEntry {
  readonly content: readonly KeyPart[];
  readonly id: number;
  readonly next: ContentEntry | null;
}

/**
 * Dispatch keys seen so far, per stage. A stage has at most one key per
 * platform, so a lookup compares a handful of keys of one stage.
 */
export class StageMemos {
  /** Newest entry per stage. */
  private readonly entries: (DispatchEntry | null)[];
  private readonly fixedInputs: (FixedKeyInputs | undefined)[];
  private dispatchCount = 0;
  private contentCount = 0;

  constructor(
    private readonly prep: Prepared,
    private readonly buildArgs: ReadonlyMap<string, string>,
  ) {
    this.entries = new Array<DispatchEntry | null>(prep.stages.length).fill(null);
    this.fixedInputs = new Array<FixedKeyInputs | undefined>(prep.stages.length).fill(undefined);
  }

  /** The stage's fixed key inputs, worked out on its first dispatch. */
  fixed(stage: number): FixedKeyInputs {
    let f = this.fixedInputs[stage];
    if (f === undefined) {
      const s = this.prep.stages[stage];
      f = s === undefined ? NO_FIXED_INPUTS : fixedKeyInputs(s, this.prep, this.buildArgs);
      this.fixedInputs[stage] = f;
    }
    return f;
  }

  /** The entry of this key, made when the key is new; null when no other platform can have it. */
  entry(stage: number, keys: StageKeys): DispatchEntry | null {
    if (keys.thisPlatformOnly) return null;
    const newest = this.entries[stage] ?? null;
    for (let e = newest; e !== null; e = e.next) if (keys.dispatch.equals(e.key)) return e;
    const entry: DispatchEntry = { key: keys.dispatch.copy(NO_PARTS), memo: null, contents: null, next: newest };
    this.entries[stage] = entry;
    return entry;
  }

  /** A new dispatch id. */
  nextId(): number {
    return this.dispatchCount++;
  }

  /**
   * A stable small number per distinct (dispatch key, content), in order of
   * first sight: equal numbers on two platforms mean one snapshot.
   */
  contentId(entry: DispatchEntry | null, content: KeyBuffer): number {
    // A key of this platform only has content of this platform only.
    if (entry === null) return this.contentCount++;
    for (let c = entry.contents; c !== null; c = c.next) if (content.equals(c.content)) return c.id;
    const id = this.contentCount++;
    entry.contents = { content: content.copy(NO_PARTS), id, next: entry.contents };
    return id;
  }
}

/** Records a dispatch's result under its key (if kept), replacing one an earlier platform made without lints. */
export function recordStage(
  st: StageState,
  entry: DispatchEntry | null,
  error: StopError | null,
  lints: readonly LintWarning[] | null,
  ctx: DispatchContext,
): void {
  st.dispatchId = ctx.input.stageMemos.nextId();
  if (entry === null) return;
  entry.memo = {
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
    cores: st.cores,
    lints: lints ?? NO_LINTS,
    lintsKept: lints !== null,
  };
}

/**
 * Applies a recorded result to this platform's stage; returns its error. The
 * cells are the recorded ones: only where they execute is this platform's,
 * and that belongs to their group (convert.ts).
 */
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
  st.cores = m.cores;
  if (ctx.collectLints) for (const l of m.lints) ctx.lints.push(l);
  return m.error;
}
