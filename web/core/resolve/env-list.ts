/**
 * An environment as BuildKit's llb.EnvList keeps it (client/llb/meta.go):
 * last writer wins, and a re-written key moves to the end of Keys() (the
 * order BuildKit's "did you mean" suggestions scan). Each value remembers
 * where it came from so traces can explain it.
 */

export type EnvOrigin =
  /** An automatic platform ARG (platform.go defaultArgs), possibly overridden by `--build-arg`. */
  | { readonly kind: "automatic"; readonly overridden: boolean }
  /** A global ARG (before the first FROM). */
  | { readonly kind: "global-arg"; readonly line: number; readonly fromBuildArg: boolean }
  /** A stage `ARG`. `via` tells where the value came from. */
  | {
      readonly kind: "arg";
      readonly line: number;
      readonly stage: string;
      readonly via: "default" | "build-arg" | "global";
      readonly global: EnvOrigin | null;
    }
  | { readonly kind: "env"; readonly line: number; readonly stage: string }
  /** ENV of the base image's config. */
  | { readonly kind: "image"; readonly image: string }
  /** The PATH BuildKit adds when the image has none (convert.go "make sure that PATH is always set"). */
  | { readonly kind: "default-path" };

/** Keys an environment holds in one array before it moves to a Map (see EnvList). */
const SMALL = 6;

/**
 * Most environments are small (a stage's PATH and its few ARGs and ENVs), and
 * every stage dispatch on every platform makes one, so a small one is a
 * single array of key, value, origin triples searched linearly: two Maps
 * per dispatch were a tenth of the resolver's allocation. The array has room
 * for SMALL triples from the start, so a clone is one copy that never grows
 * (a growing array is reallocated, with room to spare, on its first push).
 * Past SMALL keys it becomes a Map of values plus a log of origins, so large
 * ones stay O(1).
 */
export class EnvList {
  /** Small form: [key, value, origin, key, value, origin…] in AddOrReplace order, `used` slots of SMALL * 3; null once large. */
  private triples: Slot[] | null;
  /** Slots of `triples` in use (three per key). */
  private used: number;
  /** Large form: the values, in AddOrReplace order. */
  private values: Map<string, string> | null;
  /**
   * Large form: where each value came from, as a log of key, origin, key,
   * origin…; the last entry of a key is its origin. Origins are only read by
   * traces and by ARGs that take a global: a log is one array, not a Map.
   */
  private log: (string | EnvOrigin)[] | null;

  constructor() {
    this.triples = new Array<Slot>(SMALL * 3);
    this.used = 0;
    this.values = null;
    this.log = null;
  }

  /** AddOrReplace: the key moves to the end. */
  set(key: string, value: string, origin: EnvOrigin): void {
    const t = this.triples;
    if (t !== null) {
      const at = find(t, this.used, key);
      if (at >= 0) {
        // Shift the later triples down over it, in place.
        for (let i = at; i < this.used - 3; i++) t[i] = t[i + 3];
        this.used -= 3;
      } else if (this.used === SMALL * 3) {
        this.grow(t);
        this.set(key, value, origin);
        return;
      }
      t[this.used] = key;
      t[this.used + 1] = value;
      t[this.used + 2] = origin;
      this.used += 3;
      return;
    }
    const values = this.values as Map<string, string>;
    values.delete(key);
    values.set(key, value);
    (this.log as (string | EnvOrigin)[]).push(key, origin);
  }

  get(key: string): string | undefined {
    const t = this.triples;
    if (t === null) return (this.values as Map<string, string>).get(key);
    const at = find(t, this.used, key);
    return at < 0 ? undefined : (t[at + 1] as string);
  }

  has(key: string): boolean {
    const t = this.triples;
    return t === null ? (this.values as Map<string, string>).has(key) : find(t, this.used, key) >= 0;
  }

  origin(key: string): EnvOrigin | undefined {
    const t = this.triples;
    if (t !== null) {
      const at = find(t, this.used, key);
      return at < 0 ? undefined : (t[at + 2] as EnvOrigin);
    }
    if (!(this.values as Map<string, string>).has(key)) return undefined;
    const log = this.log as (string | EnvOrigin)[];
    for (let i = log.length - 2; i >= 0; i -= 2) if (log[i] === key) return log[i + 1] as EnvOrigin;
    return undefined;
  }

  /** Keys in AddOrReplace order (the order BuildKit's suggestions scan). */
  keys(): string[] {
    const t = this.triples;
    if (t === null) return [...(this.values as Map<string, string>).keys()];
    const keys: string[] = [];
    for (let i = 0; i < this.used; i += 3) keys.push(t[i] as string);
    return keys;
  }

  clone(): EnvList {
    const copy = new EnvList();
    if (this.triples !== null) {
      const from = this.triples;
      const to = copy.triples as Slot[];
      for (let i = 0; i < this.used; i++) to[i] = from[i];
      copy.used = this.used;
    } else {
      copy.triples = null;
      copy.values = new Map(this.values);
      copy.log = (this.log as (string | EnvOrigin)[]).slice();
    }
    return copy;
  }

  /** Moves to the large form. */
  private grow(t: readonly Slot[]): void {
    const values = new Map<string, string>();
    const log: (string | EnvOrigin)[] = [];
    for (let i = 0; i < this.used; i += 3) {
      values.set(t[i] as string, t[i + 1] as string);
      log.push(t[i] as string, t[i + 2] as EnvOrigin);
    }
    this.triples = null;
    this.values = values;
    this.log = log;
  }
}

/** A slot of the small form: a key, a value or an origin (undefined: not used yet). */
type Slot = string | EnvOrigin | undefined;

/** Index of `key`'s triple among the first `used` slots, or -1. */
function find(t: readonly Slot[], used: number, key: string): number {
  for (let i = 0; i < used; i += 3) if (t[i] === key) return i;
  return -1;
}
