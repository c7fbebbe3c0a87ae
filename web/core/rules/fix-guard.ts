/**
 * Keeps "fix all" from creating new sharing. Each safe fix is checked alone
 * when it is planned, but declaring an ARG changes every id of the stage (and
 * of the stages built FROM it) that uses it, so two fixes together can give
 * two caches that were apart the same directory: `id=${TARGETARCH}` and
 * `id=$BUILDARCH` are both `amd64` once declared. The guard replays the safe
 * fixes in order on a model of every cell's id (expanded as BuildKit would)
 * and turns a fix that would merge two directories, or move a mount point
 * (an ARG the target uses), into a suggestion. Splitting a directory is
 * always allowed: that is what the fixes are for. Cells that fixes have split
 * apart may meet again only when they are shared on purpose: one execution
 * platform and one mount point. Otherwise two fixes that each separate (a
 * platform prefix on one mount, a target suffix on another) could give two
 * tools one directory again, and "fix all" would have work left the next time.
 * A new ARG that an ARG or ENV value reads (`ENV TARGETARCH $TARGETARCH`,
 * `ARG BUILDARCH=${TARGETARCH}`) changes the variable that value sets, which
 * the model does not follow: when a mount reads that variable, the fix is
 * only suggested.
 */
import { referencedNames } from "../fix/literal";
import type { FixIntent } from "../fix/types";
import { TARGET_KEYS } from "../parse/mount";
import type { Command } from "../parse/types";
import type { MountCell } from "../report/types";
import { changedIdText, UNKNOWN, writtenId } from "./id-plan";
import { cleanPath } from "../catalogue/index";
import { directories } from "./collisions";
import { mountFlags, UNDEFINED_AUTOMATIC, UNDEFINED_OTHER } from "./mount-flags";
import { cellValue, expandOnCell, idOrTarget, template, type Template } from "./predict";
import type { RuleContext } from "./types";

const NONE: ReadonlySet<string> = new Set();

/** What the fixes taken so far do to a mount's id (lists replaced, never changed in place: a snapshot shares them). */
interface MountState {
  prefixes: readonly string[];
  suffixes: readonly string[];
  ensure: string | null;
}

const NO_TEXTS: readonly string[] = [];

/** Why the last refused fix was refused, in words for its description. */
export type Refusal = "merge" | "mixes-targets" | "moves-target" | "unpredictable";

export const REFUSAL_TEXT: Readonly<Record<Refusal, string>> = {
  merge: "together with the other fixes it would give two different caches one directory",
  "mixes-targets": "together with the other fixes it would mount one directory at two different paths",
  "moves-target": "the ARG it declares is also in a mount's target, so the mount would move",
  unpredictable: "what it makes of the id cannot be predicted here",
};

/** What a mount's cells are expanded with under the current state (the same for all its cells). */
interface MountSetup {
  /** The id text (compiled); null for "no id" (the target decides). */
  readonly text: Template | null;
  /** ARGs the fixes declare in the mount's stage chain. */
  readonly declared: readonly string[];
  /** Those plus the names the new text brings in that the stage already declares. */
  readonly overlay: readonly string[];
}

export class FixGuard {
  /** Set when tryAdd refuses. */
  lastRefusal: Refusal = "merge";
  private readonly mounts = new Map<number, MountState>();
  private readonly declared = new Map<number, Set<string>>();
  /**
   * Current effective key of the cells a fix moved, by `mount * platforms + platform` (an
   * array sized once: most cells of a file with many fixes move, and a Map grows by rehashing).
   */
  private readonly keys: (string | undefined)[];
  /** Effective key → the cells now in that directory; filled on first use. */
  private readonly dirs = new Map<string, Dir>();
  /** By mount: names its built cells look up without finding them (filled on first use). */
  private readonly undefinedNames: (ReadonlySet<string> | undefined)[] = [];
  private readonly platforms: number;
  /** Mount points as written by BuildKit → cleaned (`/a/` and `/a` are one mount point). */
  private readonly cleanTargets = new Map<string, string>();

  constructor(private readonly ctx: RuleContext) {
    this.platforms = ctx.resolution.platforms.length;
    this.keys = new Array<string | undefined>(ctx.resolution.mounts.length * this.platforms);
  }

  private undefinedIn(mount: number): ReadonlySet<string> {
    // Most mounts look up no undefined name (mount-flags.ts).
    if ((mountFlags(this.ctx, mount) & (UNDEFINED_AUTOMATIC | UNDEFINED_OTHER)) === 0) return NONE;
    let names = this.undefinedNames[mount];
    if (names === undefined) {
      let found: Set<string> | null = null;
      for (const c of this.ctx.resolution.mounts[mount]?.cells ?? []) {
        if (c.built) for (const v of c.variables) if (!v.defined) (found ??= new Set()).add(v.name);
      }
      this.undefinedNames[mount] = names = found ?? NONE;
    }
    return names;
  }

  /** A directory's counts, from its original cells the first time it is touched. */
  private dir(key: string): Dir {
    let dir = this.dirs.get(key);
    if (dir !== undefined) return dir;
    dir = { origins: [], originCounts: [], execs: [], execCounts: [], targets: new Map(), size: 0 };
    this.dirs.set(key, dir);
    const { groups, byKey } = directories(this.ctx.resolution);
    const g = byKey.get(key);
    for (const ref of (g === undefined ? undefined : groups[g]) ?? []) {
      const cell = this.ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
      if (cell) count(dir, key, cell.execPlatform, this.targetOf(cell), 1);
    }
    return dir;
  }

  private targetOf(cell: MountCell): string {
    let t = this.cleanTargets.get(cell.target);
    if (t === undefined) this.cleanTargets.set(cell.target, (t = cleanPath(cell.target)));
    return t;
  }

  private under: Map<number, number[]> | null = null;

  /** Mounts whose stage is `stage` or built FROM it. */
  private mountsUnder(stage: number): readonly number[] {
    if (this.under === null) {
      this.under = new Map();
      for (const m of this.ctx.resolution.mounts) {
        const src = this.ctx.source.mounts[m.index];
        if (!src) continue;
        for (const s of this.ctx.scope.chain(src.stage)) {
          let list = this.under.get(s);
          if (list === undefined) this.under.set(s, (list = []));
          list.push(m.index);
        }
      }
    }
    return this.under.get(stage) ?? [];
  }

  /** The mount's state, saved first (once per tryAdd) so that a refusal can restore it. */
  private snapshot(m: number, saved: Map<number, MountState>): MountState {
    const cur = this.mounts.get(m) ?? { prefixes: NO_TEXTS, suffixes: NO_TEXTS, ensure: null };
    if (!saved.has(m)) saved.set(m, { prefixes: cur.prefixes, suffixes: cur.suffixes, ensure: cur.ensure });
    this.mounts.set(m, cur);
    return cur;
  }

  /** Applies the intents if they merge no two directories; returns whether it did. */
  tryAdd(intents: readonly FixIntent[]): boolean {
    // Allocated only when needed: most fixes (sharing modes, new lines) change no id.
    let touchedMounts: Set<number> | null = null;
    let newNames: { stage: number; name: string }[] | null = null;
    let saved: Map<number, MountState> | null = null;
    for (const i of intents) {
      // Only real changes count: replaying a fix already taken costs nothing.
      if (i.kind === "id-prefix" || i.kind === "id-suffix") {
        const cur = this.mounts.get(i.mount);
        if ((i.kind === "id-prefix" ? cur?.prefixes : cur?.suffixes)?.includes(i.text)) continue;
        const s = this.snapshot(i.mount, (saved ??= new Map()));
        if (i.kind === "id-prefix") s.prefixes = [...s.prefixes, i.text];
        else s.suffixes = [...s.suffixes, i.text];
        (touchedMounts ??= new Set()).add(i.mount);
      } else if (i.kind === "ensure-id") {
        if ((this.mounts.get(i.mount)?.ensure ?? null) !== null) continue;
        this.snapshot(i.mount, (saved ??= new Map())).ensure = i.defaultId;
        (touchedMounts ??= new Set()).add(i.mount);
      } else if (i.kind === "declare-arg") {
        const set = this.declared.get(i.stage);
        if (set?.has(i.name)) continue;
        (newNames ??= []).push(i);
        if (set === undefined) this.declared.set(i.stage, new Set([i.name]));
        else set.add(i.name);
      }
    }
    for (const n of newNames ?? []) {
      const refusal = this.changedThroughValues(n.stage, n.name);
      if (refusal === null) continue;
      this.lastRefusal = refusal;
      return this.rollBack(saved, newNames);
    }
    // A new ARG reaches every RUN of its stage and of the stages built FROM it.
    for (const n of newNames ?? []) {
      for (const m of this.mountsUnder(n.stage))
        if (this.undefinedIn(m).has(n.name)) (touchedMounts ??= new Set()).add(m);
    }
    if (touchedMounts === null) return true;

    // The cells that move, as parallel arrays (one entry each, no object per cell).
    const changes: Changes = { cells: [], from: [], to: [], cellsOf: [] };
    let ok = true;
    for (const mount of touchedMounts) {
      const setup = this.setupOf(mount);
      for (const c of this.ctx.resolution.mounts[mount]?.cells ?? []) {
        if (!c.built) continue;
        const cell = mount * this.platforms + c.platformIndex;
        const from = this.keys[cell] ?? c.effectiveKey;
        const to = setup === "unpredictable" ? setup : this.predict(mount, c, setup);
        if (to === "moves-target" || to === "unpredictable") {
          ok = false;
          this.lastRefusal = to;
        } else if (to !== from) {
          changes.cells.push(cell);
          changes.from.push(from);
          changes.to.push(to);
          changes.cellsOf.push(c);
        }
      }
    }
    const moved = changes.cells.length;
    if (ok && moved === 0) return true;
    if (ok) {
      // Whether each new directory draws its cells from more than one current directory (itself
      // included when it keeps cells of its own).
      const sources = new Map<string, { readonly first: string; many: boolean }>();
      for (let k = 0; k < moved; k++) {
        const to = changes.to[k] ?? "";
        const from = changes.from[k] ?? "";
        const source = sources.get(to);
        if (source === undefined) sources.set(to, { first: from, many: false });
        else if (source.first !== from) source.many = true;
      }
      const movedOut = new Map<string, number>();
      for (const from of changes.from) movedOut.set(from, (movedOut.get(from) ?? 0) + 1);
      // forEach, not for-of: no [key, value] pair per entry.
      sources.forEach((source, to) => {
        if (this.dir(to).size - (movedOut.get(to) ?? 0) > 0 && source.first !== to) source.many = true;
      });
      this.move(changes, 1);
      // Never two original directories in one; and cells from two current directories only
      // meet again when they execute on one platform at one mount point (shared on purpose).
      sources.forEach((source, to) => {
        if (!ok) return;
        const dir = this.dir(to);
        if (dir.origins.length > 1 || (source.many && dir.execs.length > 1)) {
          ok = false;
          this.lastRefusal = "merge";
        } else if (source.many && dir.targets.size > 1) {
          ok = false;
          this.lastRefusal = "mixes-targets";
        }
      });
      if (ok) {
        for (let k = 0; k < moved; k++) this.keys[changes.cells[k] ?? 0] = changes.to[k];
        return true;
      }
      this.move(changes, -1);
    }
    return this.rollBack(saved, newNames);
  }

  private rollBack(
    saved: ReadonlyMap<number, MountState> | null,
    newNames: readonly { stage: number; name: string }[] | null,
  ): false {
    for (const [m, s] of saved ?? []) this.mounts.set(m, s);
    for (const n of newNames ?? []) this.declared.get(n.stage)?.delete(n.name);
    return false;
  }

  /**
   * Name → the stage ARGs and ENVs whose value reads it; built on first use.
   * Global ARGs are not among them: BuildKit expands them once, in the global
   * scope, whatever a stage declares (the model reads their per-platform values).
   */
  private readers: Map<string, Assignment[]> | null = null;

  /**
   * Why a new `ARG name` in `stage` must not be taken (null: it may). An ARG or
   * ENV value that reads the name (`ENV GOCACHE=/c/$TARGETARCH`, `ENV
   * TARGETARCH $TARGETARCH`) changes the variable it sets too, which the model
   * does not follow: that matters when a mount under the stage reads that
   * variable (a target that does would move). `ENV GOARCH=$TARGETARCH`, read by
   * no mount, does not matter.
   */
  private changedThroughValues(stage: number, name: string): "moves-target" | "unpredictable" | null {
    const { source, scope } = this.ctx;
    if (this.readers === null) {
      this.readers = new Map();
      for (const s of source.stages) addReaders(this.readers, s.index, s.commands);
    }
    if (this.readers.size === 0) return null;
    // The variables assigned from the name, directly or through one another. A stage's chain is
    // only walked for the few stages that read the name.
    let changed: Set<string> | null = null;
    const queue = [name];
    for (let n = queue.pop(); n !== undefined; n = queue.pop()) {
      for (const a of this.readers.get(n) ?? []) {
        if (a.stage !== stage && !scope.chain(a.stage).includes(stage)) continue;
        if (changed?.has(a.key)) continue;
        (changed ??= new Set()).add(a.key);
        queue.push(a.key);
      }
    }
    if (changed === null) return null;
    let refusal: "unpredictable" | null = null;
    for (const m of this.mountsUnder(stage)) {
      for (const c of this.ctx.resolution.mounts[m]?.cells ?? []) {
        if (!c.built) continue;
        for (const v of c.variables) {
          if (!changed.has(v.name)) continue;
          if (TARGET_KEYS.has(v.option)) return "moves-target";
          refusal = "unpredictable";
        }
      }
    }
    return refusal;
  }

  /** Moves the changed cells from their directory to the new one (direction 1), or back (-1). */
  private move(changes: Changes, direction: 1 | -1): void {
    for (let k = 0; k < changes.cells.length; k++) {
      const c = changes.cellsOf[k];
      if (c === undefined) continue;
      const from = this.dir((direction === 1 ? changes.from[k] : changes.to[k]) ?? "");
      const to = this.dir((direction === 1 ? changes.to[k] : changes.from[k]) ?? "");
      const target = this.targetOf(c);
      count(from, c.effectiveKey, c.execPlatform, target, -1);
      count(to, c.effectiveKey, c.execPlatform, target, 1);
    }
  }

  /** The text and names a mount's cells are expanded with under the current state, or why none can be trusted. */
  private setupOf(mount: number): MountSetup | "unpredictable" {
    const ctx = this.ctx;
    const src = ctx.source.mounts[mount];
    if (!src) return "unpredictable";
    const state = this.mounts.get(mount);
    const prefix = state?.prefixes.join("") ?? "";
    const suffix = state?.suffixes.join("") ?? "";
    const raw = writtenId(ctx, mount);
    let text: string | null;
    // An `ensure-id` alone writes the old default where no id (or `id=`) was; otherwise the id
    // text is what the prefix and suffix make of it, as the fix would write it.
    if (prefix === "" && suffix === "" && (raw === null || (raw === "" && state?.ensure))) text = state?.ensure ?? null;
    else {
      text = changedIdText(ctx, mount, { prefix, suffix, declare: [] });
      if (text === null) return "unpredictable";
    }

    const declared: string[] = [];
    for (const s of ctx.scope.chain(src.stage)) {
      for (const name of this.declared.get(s) ?? []) if (!declared.includes(name)) declared.push(name);
    }
    // Names the new text brings in that the stage already declares.
    const brought = referencedNames(prefix + suffix + (state?.ensure ?? "")).filter(
      (name) => !declared.includes(name) && ctx.scope.argState(src.stage, src.run.span.start, name) !== "undeclared",
    );
    return {
      text: text === null ? null : template(text),
      declared,
      overlay: brought.length === 0 ? declared : [...declared, ...brought],
    };
  }

  /** The effective key the cell gets under the current state (a string), or why it cannot be trusted. */
  private predict(mount: number, cell: MountCell, setup: MountSetup): string | "moves-target" | "unpredictable" {
    // "Fix all" never moves a mount point: a declared ARG that the target uses would.
    for (const v of cell.variables) {
      if (
        !v.defined &&
        TARGET_KEYS.has(v.option) &&
        (setup.declared.includes(v.name) || cellValue(cell, v.name) !== undefined)
      )
        return "moves-target";
    }
    const p = cell.platformIndex;
    const expanded = setup.text === null ? "" : expandOnCell(this.ctx, mount, p, cell, setup.text, setup.overlay);
    const id = idOrTarget(this.ctx, mount, p, cell, expanded, setup.overlay);
    if (id === null || id.includes(UNKNOWN)) return "unpredictable";
    const ns = cell.cacheKey.slice(0, Math.max(0, cell.cacheKey.length - cell.id.length - 1));
    // A key always holds a `/`: it never reads as one of the refusals.
    return `${ns}/${id}${cell.effectiveKey.slice(cell.cacheKey.length)}`;
  }
}

/** An ARG or ENV that sets `key` from a value reading other variables. */
interface Assignment {
  readonly stage: number;
  readonly key: string;
}

/** Adds the stage's ARGs and ENVs to the readers of every name their values read. */
function addReaders(readers: Map<string, Assignment[]>, stage: number, commands: readonly Command[]): void {
  for (const c of commands) {
    const pairs = c.kind === "arg" ? c.args : c.kind === "env" ? c.env : null;
    for (const kv of pairs ?? []) {
      if (kv.value === null || !kv.value.includes("$")) continue;
      for (const n of referencedNames(kv.value)) {
        const list = readers.get(n);
        if (list === undefined) readers.set(n, [{ stage, key: kv.key }]);
        else list.push({ stage, key: kv.key });
      }
    }
  }
}

/** The cells a fix moves: by entry, the cell's number, its current and new key, and the cell. */
interface Changes {
  readonly cells: number[];
  readonly from: string[];
  readonly to: string[];
  readonly cellsOf: MountCell[];
}

/** The cells of one directory under the current fixes. */
interface Dir {
  /** The original directories of its cells, with counts (a handful: an accepted state never mixes two). */
  readonly origins: string[];
  readonly originCounts: number[];
  /** Their execution platforms, with counts (at most one per requested platform and the build platform). */
  readonly execs: string[];
  readonly execCounts: number[];
  /** Their mount points (cleaned), with counts: a Map, as one directory can hold thousands. */
  readonly targets: Map<string, number>;
  /** Number of cells. */
  size: number;
}

function count(dir: Dir, origin: string, exec: string, target: string, delta: number): void {
  bump(dir.origins, dir.originCounts, origin, delta);
  bump(dir.execs, dir.execCounts, exec, delta);
  const n = (dir.targets.get(target) ?? 0) + delta;
  if (n !== 0) dir.targets.set(target, n);
  else dir.targets.delete(target);
  dir.size += delta;
}

/** Adds `delta` to the count of `name`; a name whose count drops to 0 is removed. */
function bump(names: string[], counts: number[], name: string, delta: number): void {
  const i = names.indexOf(name);
  if (i < 0) {
    names.push(name);
    counts.push(delta);
    return;
  }
  const n = (counts[i] ?? 0) + delta;
  if (n !== 0) counts[i] = n;
  else {
    names.splice(i, 1);
    counts.splice(i, 1);
  }
}
