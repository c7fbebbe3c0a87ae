/**
 * What a stage declares before a given RUN, read from the parser's output:
 * the chain of `FROM <stage>` parents, whether an automatic ARG is live (its
 * per-platform value), pinned (a default, an ENV or a `--build-arg` fixes it)
 * or undeclared (empty), literal ENV values (catalogue evidence), and the
 * expression that decides where a stage's RUNs execute.
 * Mirrors df/dockerfile2llb/convert.go dispatchArg / dispatchEnv and the
 * FROM-platform rules of buildkit-semantics.md §5 and §7.
 */
import { expandWord } from "../expand/index";
import type { Command } from "../parse/types";
import type { SourceModel } from "../fix/source-model";
import { referencedNames } from "../fix/literal";
import { AUTOMATIC_ARGS } from "./platform-values";

export type ArgState = "live" | "pinned" | "undeclared";

/** Where the RUNs of a stage execute, as an expression the fixer can reuse. */
export type ExecExpr =
  | { readonly kind: "target" }
  | { readonly kind: "build" }
  /** A `--platform` expression other than `$TARGETPLATFORM` / `$BUILDPLATFORM`, as BuildKit sees it. */
  | { readonly kind: "expr"; readonly text: string; readonly names: readonly string[] };

export interface ScopeIndex {
  /** The stage's `FROM <stage>` parent, or null for an image or scratch. */
  parent(stage: number): number | null;
  /** Root first, the stage itself last. */
  chain(stage: number): readonly number[];
  /** State of `name` for a RUN of `stage` starting at source offset `at`. */
  argState(stage: number, at: number, name: string): ArgState;
  /**
   * The value that pins `name` at the RUN (when argState is "pinned"), or the
   * value a new `ARG NAME` would re-fetch from a build arg or global default;
   * null when it is not a literal we can know, undefined when nothing pins it.
   */
  pinnedValue(stage: number, at: number, name: string): string | null | undefined;
  /** ENV and ARG values without variables visible at the RUN (name → value). */
  literalEnv(stage: number, at: number): ReadonlyMap<string, string>;
  /** Where the stage's RUNs execute (root of its chain, §5). */
  execExpr(stage: number): ExecExpr;
}

export function buildScope(source: SourceModel, buildArgs: Readonly<Record<string, string>>): ScopeIndex {
  const { stages } = source;
  const globalDefaults = new Map<string, string | null>();
  for (const c of source.globals) {
    if (c.kind !== "arg") continue;
    for (const kv of c.args) if (kv.value !== null || !globalDefaults.has(kv.key)) globalDefaults.set(kv.key, kv.value);
  }
  const globalEnv = new Map<string, string>();
  for (const [k, v] of globalDefaults) if (v !== null && !v.includes("$")) globalEnv.set(k, v);
  for (const [k, v] of Object.entries(buildArgs)) globalEnv.set(k, v);

  const parents: (number | null)[] = stages.map((s) => {
    let image = s.from.image;
    if (image.includes("$")) {
      const r = expandWord(image, globalEnv, source.escapeToken);
      if (!r.ok) return null;
      image = r.value;
    }
    // `FROM <name>` takes the latest earlier stage of that (lower-case) name.
    for (let i = s.index - 1; i >= 0; i--) if (stages[i]?.from.stageName === image) return i;
    return null;
  });

  const chains = new Map<number, number[]>();
  const chain = (stage: number): number[] => {
    let c = chains.get(stage);
    if (c !== undefined) return c;
    const seen = new Set<number>();
    c = [];
    for (let s: number | null = stage; s !== null && !seen.has(s); s = parents[s] ?? null) {
      seen.add(s);
      c.unshift(s);
    }
    chains.set(stage, c);
    return c;
  };

  /** Commands visible to a RUN at `at`: all of the ancestors', the stage's own before it. */
  function* visible(stage: number, at: number): Generator<Command> {
    for (const s of chain(stage)) {
      for (const c of stages[s]?.commands ?? []) {
        if (s === stage && c.span.start >= at) break;
        yield c;
      }
    }
  }

  /** The value `ARG NAME` (no default) takes from a build arg or a global default, if either exists. */
  const refetched = (name: string): string | null | undefined => {
    if (Object.hasOwn(buildArgs, name)) return buildArgs[name] ?? "";
    const g = globalDefaults.get(name) ?? null;
    if (g === null) return undefined;
    return g.includes("$") ? null : g;
  };

  const scan = (stage: number, at: number, name: string): { state: ArgState; value: string | null | undefined } => {
    let state: ArgState = "undeclared";
    let value: string | null | undefined;
    for (const c of visible(stage, at)) {
      if (c.kind === "arg") {
        for (const kv of c.args) {
          if (kv.key !== name) continue;
          if (kv.value !== null) {
            // A build arg wins over the default (§7).
            const r = refetched(name);
            state = "pinned";
            value = Object.hasOwn(buildArgs, name) ? r : kv.value.includes("$") ? null : kv.value;
          } else {
            // `ARG NAME` re-fetches the build-arg or global value (§7).
            const r = refetched(name);
            state = r === undefined ? "live" : "pinned";
            value = r;
          }
        }
      } else if (c.kind === "env") {
        for (const kv of c.env) {
          if (kv.key !== name) continue;
          state = "pinned";
          value = kv.value.includes("$") ? null : kv.value;
        }
      }
    }
    if (state === "live" && AUTOMATIC_ARGS.has(name) && Object.hasOwn(buildArgs, name)) {
      return { state: "pinned", value: buildArgs[name] ?? "" };
    }
    return { state, value };
  };

  // Rules and the fix guard ask the same questions for every cell of a mount.
  const scans = new Map<string, { state: ArgState; value: string | null | undefined }>();
  const scanMemo = (stage: number, at: number, name: string) => {
    const key = `${stage}:${at}:${name}`;
    let r = scans.get(key);
    if (r === undefined) scans.set(key, (r = scan(stage, at, name)));
    return r;
  };

  const argState = (stage: number, at: number, name: string): ArgState => scanMemo(stage, at, name).state;

  const pinnedValue = (stage: number, at: number, name: string): string | null | undefined => {
    const r = scanMemo(stage, at, name);
    return r.state === "undeclared" ? refetched(name) : r.value;
  };

  const literalEnv = (stage: number, at: number): ReadonlyMap<string, string> => {
    const env = new Map<string, string>();
    for (const c of visible(stage, at)) {
      if (c.kind === "env") for (const kv of c.env) setLiteral(env, kv.key, kv.value);
      else if (c.kind === "arg") for (const kv of c.args) if (kv.value !== null) setLiteral(env, kv.key, kv.value);
    }
    return env;
  };

  const execExpr = (stage: number): ExecExpr => {
    const root = stages[chain(stage)[0] ?? stage];
    const platform = root?.from.platform ?? null;
    // `FROM scratch` ignores --platform (§5).
    if (root === undefined || platform === null || root.from.image.toLowerCase() === "scratch")
      return { kind: "target" };
    const text = platform.text;
    if (text === "$TARGETPLATFORM" || text === "${TARGETPLATFORM}") return { kind: "target" };
    if (text === "$BUILDPLATFORM" || text === "${BUILDPLATFORM}") return { kind: "build" };
    return { kind: "expr", text, names: referencedNames(text) };
  };

  return { parent: (s) => parents[s] ?? null, chain, argState, pinnedValue, literalEnv, execExpr };
}

function setLiteral(env: Map<string, string>, key: string, value: string): void {
  if (value.includes("$")) env.delete(key);
  else env.set(key, value);
}
