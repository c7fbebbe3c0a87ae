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

export class EnvList {
  private readonly values: Map<string, string>;
  private readonly origins: Map<string, EnvOrigin>;

  constructor(values?: Map<string, string>, origins?: Map<string, EnvOrigin>) {
    this.values = values ?? new Map();
    this.origins = origins ?? new Map();
  }

  /** AddOrReplace: the key moves to the end. */
  set(key: string, value: string, origin: EnvOrigin): void {
    this.values.delete(key);
    this.values.set(key, value);
    this.origins.set(key, origin);
  }

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  has(key: string): boolean {
    return this.values.has(key);
  }

  origin(key: string): EnvOrigin | undefined {
    return this.origins.get(key);
  }

  keys(): string[] {
    return [...this.values.keys()];
  }

  /** The live map, for the word expander (read-only by contract). */
  get map(): ReadonlyMap<string, string> {
    return this.values;
  }

  clone(): EnvList {
    return new EnvList(new Map(this.values), new Map(this.origins));
  }
}
