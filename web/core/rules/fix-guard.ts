/**
 * Keeps "fix all" from creating new sharing. Each safe fix is checked alone
 * when it is planned, but declaring an ARG changes every id of the stage (and
 * of the stages built FROM it) that uses it, so two fixes together can give
 * two caches that were apart the same directory: `id=${TARGETARCH}` and
 * `id=$BUILDARCH` are both `amd64` once declared. The guard replays the safe
 * fixes in order on a model of every cell's id (expanded as BuildKit would)
 * and turns a fix that would merge two directories, or move a mount point
 * (an ARG the target uses), into a suggestion. Splitting a directory is
 * always allowed: that is what the fixes are for.
 */
import { cleanPath } from "../catalogue/index";
import { referencedNames } from "../fix/literal";
import { lastField } from "../fix/source-model";
import type { FixIntent } from "../fix/types";
import { defaultIdText, expandText, UNKNOWN, valueOnceDeclared, writtenId } from "./id-plan";
import { groupByDirectory } from "./collisions";
import type { CellRef, RuleContext } from "./types";

const TARGET_KEYS: ReadonlySet<string> = new Set(["target", "dst", "destination"]);

interface MountState {
  readonly prefixes: string[];
  readonly suffixes: string[];
  ensure: string | null;
}

/** Why the last refused fix was refused, in words for its description. */
export type Refusal = "merge" | "moves-target" | "unpredictable";

export const REFUSAL_TEXT: Readonly<Record<Refusal, string>> = {
  merge: "together with the other fixes it would give two different caches one directory",
  "moves-target": "the ARG it declares is also in a mount's target, so the mount would move",
  unpredictable: "what it makes of the id cannot be predicted here",
};

export class FixGuard {
  /** Set when tryAdd refuses. */
  lastRefusal: Refusal = "merge";
  private readonly mounts = new Map<number, MountState>();
  private readonly declared = new Map<number, Set<string>>();
  /** Current effective key of the cells a fix moved, by `mount * platforms + platform`. */
  private readonly keys = new Map<number, string>();
  /** Effective key → original effective keys of the cells now in it (with counts); filled on first use. */
  private readonly origins = new Map<string, Map<string, number>>();
  /** Effective key → execution platform → number of cells; filled on first use. */
  private readonly execs = new Map<string, Map<string, number>>();
  /** Names each mount's cells look up without finding them. */
  private readonly undefinedNames: Set<string>[];
  /** The built cells of each original directory. */
  private readonly groups = new Map<string, readonly CellRef[]>();
  private readonly platforms: number;

  constructor(private readonly ctx: RuleContext) {
    this.platforms = ctx.resolution.platforms.length;
    this.undefinedNames = ctx.resolution.mounts.map((m) => {
      const names = new Set<string>();
      for (const c of m.cells) if (c.built) for (const v of c.variables) if (!v.defined) names.add(v.name);
      return names;
    });
    for (const g of groupByDirectory(ctx.resolution)) {
      const first = g[0];
      const key = first && ctx.resolution.mounts[first.mount]?.cells[first.platformIndex]?.effectiveKey;
      if (key !== undefined) this.groups.set(key, g);
    }
  }

  /** A directory's counts, from its original cells the first time it is touched. */
  private ensure(key: string): void {
    if (this.origins.has(key)) return;
    this.origins.set(key, new Map());
    this.execs.set(key, new Map());
    for (const ref of this.groups.get(key) ?? []) {
      const cell = this.ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
      if (cell) this.count(key, key, cell.execPlatform, 1);
    }
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

  private count(key: string, origin: string, exec: string, delta: number): void {
    bump(this.origins, key, origin, delta);
    bump(this.execs, key, exec, delta);
  }

  private size(key: string): number {
    let n = 0;
    for (const c of this.origins.get(key)?.values() ?? []) n += c;
    return n;
  }

  /** Applies the intents if they merge no two directories; returns whether it did. */
  tryAdd(intents: readonly FixIntent[]): boolean {
    const touchedMounts = new Set<number>();
    const newNames: { stage: number; name: string }[] = [];
    const saved = new Map<number, MountState>();
    const snapshot = (m: number): MountState => {
      const cur = this.mounts.get(m) ?? { prefixes: [], suffixes: [], ensure: null };
      if (!saved.has(m)) saved.set(m, { prefixes: [...cur.prefixes], suffixes: [...cur.suffixes], ensure: cur.ensure });
      this.mounts.set(m, cur);
      return cur;
    };
    for (const i of intents) {
      // Only real changes count: replaying a fix already taken costs nothing.
      if (i.kind === "id-prefix" || i.kind === "id-suffix") {
        const cur = this.mounts.get(i.mount);
        if ((i.kind === "id-prefix" ? cur?.prefixes : cur?.suffixes)?.includes(i.text)) continue;
        const s = snapshot(i.mount);
        (i.kind === "id-prefix" ? s.prefixes : s.suffixes).push(i.text);
        touchedMounts.add(i.mount);
      } else if (i.kind === "ensure-id") {
        if ((this.mounts.get(i.mount)?.ensure ?? null) !== null) continue;
        snapshot(i.mount).ensure = i.defaultId;
        touchedMounts.add(i.mount);
      } else if (i.kind === "declare-arg") {
        const set = this.declared.get(i.stage);
        if (set?.has(i.name)) continue;
        newNames.push(i);
        if (set === undefined) this.declared.set(i.stage, new Set([i.name]));
        else set.add(i.name);
      }
    }
    // A new ARG reaches every RUN of its stage and of the stages built FROM it.
    for (const n of newNames) {
      for (const m of this.mountsUnder(n.stage)) if (this.undefinedNames[m]?.has(n.name)) touchedMounts.add(m);
    }
    if (touchedMounts.size === 0) return true;

    const changes: { cell: number; from: string; to: string; origin: string; exec: string }[] = [];
    let ok = true;
    for (const mount of touchedMounts) {
      for (const c of this.ctx.resolution.mounts[mount]?.cells ?? []) {
        if (!c.built) continue;
        const cell = mount * this.platforms + c.platformIndex;
        const from = this.keys.get(cell) ?? c.effectiveKey;
        const to = this.predict({ mount, platformIndex: c.platformIndex });
        if (typeof to !== "string") {
          ok = false;
          this.lastRefusal = to.refusal;
        } else if (to !== from) changes.push({ cell, from, to, origin: c.effectiveKey, exec: c.execPlatform });
      }
    }
    if (ok) {
      for (const ch of changes) {
        this.ensure(ch.from);
        this.ensure(ch.to);
      }
      // Which current directories each new one draws its cells from.
      const sources = new Map<string, Set<string>>();
      for (const ch of changes) {
        let set = sources.get(ch.to);
        if (set === undefined) sources.set(ch.to, (set = new Set()));
        set.add(ch.from);
      }
      const movedOut = new Map<string, number>();
      for (const ch of changes) movedOut.set(ch.from, (movedOut.get(ch.from) ?? 0) + 1);
      for (const [to, set] of sources) if (this.size(to) - (movedOut.get(to) ?? 0) > 0) set.add(to);
      for (const ch of changes) {
        this.count(ch.from, ch.origin, ch.exec, -1);
        this.count(ch.to, ch.origin, ch.exec, 1);
      }
      // Never two original directories in one; and cells from two current directories only
      // meet again when they execute on one platform (shared on purpose).
      ok = [...sources].every(([to, set]) => {
        this.lastRefusal = "merge";
        if ((this.origins.get(to)?.size ?? 0) > 1) return false;
        return set.size <= 1 || (this.execs.get(to)?.size ?? 0) <= 1;
      });
      if (ok) {
        for (const ch of changes) this.keys.set(ch.cell, ch.to);
        return true;
      }
      for (const ch of changes) {
        this.count(ch.to, ch.origin, ch.exec, -1);
        this.count(ch.from, ch.origin, ch.exec, 1);
      }
    }
    // Roll back.
    for (const [m, s] of saved) this.mounts.set(m, s);
    for (const n of newNames) this.declared.get(n.stage)?.delete(n.name);
    return false;
  }

  /** The effective key the cell gets under the current state, or why it cannot be trusted. */
  private predict(ref: CellRef): string | { readonly refusal: Refusal } {
    const ctx = this.ctx;
    const cell = ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
    const src = ctx.source.mounts[ref.mount];
    if (!cell || !src) return { refusal: "unpredictable" };
    const state = this.mounts.get(ref.mount);
    const prefix = state?.prefixes.join("") ?? "";
    const suffix = state?.suffixes.join("") ?? "";
    const raw = writtenId(ctx, ref.mount);
    let text: string | null;
    if (raw !== null)
      text = raw === "" && prefix === "" && suffix === "" && state?.ensure ? state.ensure : prefix + raw + suffix;
    else if (prefix !== "" || suffix !== "") {
      const d = defaultIdText(ctx, ref.mount);
      if (d === null) return { refusal: "unpredictable" };
      text = prefix + d + suffix;
    } else text = state?.ensure ?? null;

    const env = new Map<string, string>();
    for (const v of cell.variables) if (v.defined) env.set(v.name, v.value ?? "");
    const chain = ctx.scope.chain(src.stage);
    for (const s of chain) {
      for (const name of this.declared.get(s) ?? [])
        if (!env.has(name)) env.set(name, valueOnceDeclared(ctx, ref, name));
    }
    // "Fix all" never moves a mount point: a declared ARG that the target uses would.
    for (const v of cell.variables) {
      if (!v.defined && env.has(v.name) && TARGET_KEYS.has(v.option)) return { refusal: "moves-target" };
    }
    // Names the new text brings in that the stage already declares.
    for (const name of referencedNames(prefix + suffix + (state?.ensure ?? ""))) {
      if (!env.has(name) && ctx.scope.argState(src.stage, src.run.span.start, name) !== "undeclared") {
        env.set(name, valueOnceDeclared(ctx, ref, name));
      }
    }
    let id: string | null = text === null ? "" : expandText(ctx, text, env);
    if (id === "") {
      const target = expandText(ctx, lastField(src.spec, "target", "dst", "destination")?.value?.text ?? "", env);
      id = target === null ? null : cleanPath(target);
    }
    if (id === null || id.includes(UNKNOWN)) return { refusal: "unpredictable" };
    const ns = cell.cacheKey.slice(0, Math.max(0, cell.cacheKey.length - cell.id.length - 1));
    return `${ns}/${id}${cell.effectiveKey.slice(cell.cacheKey.length)}`;
  }
}

function bump(map: Map<string, Map<string, number>>, key: string, sub: string, delta: number): void {
  let m = map.get(key);
  if (m === undefined) map.set(key, (m = new Map()));
  const n = (m.get(sub) ?? 0) + delta;
  if (n === 0) m.delete(sub);
  else m.set(sub, n);
}
