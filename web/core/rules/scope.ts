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
  /**
   * ENV and ARG values without variables visible at the RUN (name → value).
   * A live view: valid until the next call (read it, do not keep it).
   */
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

  // `FROM <name>` takes the latest earlier stage of that (lower-case) name: stages are visited
  // in order, and each is named in `latest` only after its own FROM is looked up.
  const latest = new Map<string, number>();
  const parents: (number | null)[] = stages.map((s) => {
    const parent = parentOf(s.from.image);
    const name = s.from.stageName;
    if (typeof name === "string") latest.set(name, s.index);
    return parent;
  });
  function parentOf(written: string): number | null {
    let image = written;
    if (image.includes("$")) {
      const r = expandWord(image, globalEnv, source.escapeToken);
      if (!r.ok) return null;
      image = r.value;
    }
    return latest.get(image) ?? null;
  }

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

  /** The value `ARG NAME` (no default) takes from a build arg or a global default, if either exists. */
  const refetched = (name: string): string | null | undefined => {
    if (Object.hasOwn(buildArgs, name)) return buildArgs[name] ?? "";
    const g = globalDefaults.get(name) ?? null;
    if (g === null) return undefined;
    return g.includes("$") ? null : g;
  };

  type Scan = { readonly state: ArgState; readonly value: string | null | undefined };
  const UNDECLARED: Scan = { state: "undeclared", value: undefined };
  /** What `ENV name=value` pins (null: a value with variables, not followed here). */
  const envScan = (value: string): Scan => ({ state: "pinned", value: value.includes("$") ? null : value });

  // Per stage, the ARG/ENV writes of each name in source order (last writer wins, §4 and §7),
  // so every question is a lookup instead of a walk over the stage (files can have 10,000 RUNs).
  // A stage without ARG or ENV shares one empty table.
  type Events = ReadonlyMap<string, readonly { at: number; scan: Scan }[]>;
  const noEvents: Events = new Map();
  const events = new Map<number, Events>();
  const eventsOf = (stage: number): Events => {
    const known = events.get(stage);
    if (known !== undefined) return known;
    const commands = stages[stage]?.commands ?? [];
    if (!commands.some((c) => c.kind === "arg" || c.kind === "env")) {
      events.set(stage, noEvents);
      return noEvents;
    }
    const map = new Map<string, { at: number; scan: Scan }[]>();
    const add = (name: string, at: number, scan: Scan): void => {
      let list = map.get(name);
      if (list === undefined) map.set(name, (list = []));
      list.push({ at, scan });
    };
    for (const c of commands) {
      if (c.kind === "arg") {
        for (const kv of c.args) {
          const r = refetched(kv.key);
          if (kv.value !== null) {
            // A build arg wins over the default (§7).
            const value = Object.hasOwn(buildArgs, kv.key) ? r : kv.value.includes("$") ? null : kv.value;
            add(kv.key, c.span.start, { state: "pinned", value });
          } else {
            // `ARG NAME` re-fetches the build-arg or global value (§7).
            add(kv.key, c.span.start, { state: r === undefined ? "live" : "pinned", value: r });
          }
        }
      } else if (c.kind === "env") {
        for (const kv of c.env) add(kv.key, c.span.start, envScan(kv.value));
      }
    }
    events.set(stage, map);
    return map;
  };

  /** The state of `name` after the whole stage (and its ancestors). */
  const ends = new Map<number, Map<string, Scan>>();
  const endOf = (stage: number, name: string): Scan => {
    let byName = ends.get(stage);
    if (byName === undefined) ends.set(stage, (byName = new Map()));
    let r = byName.get(name);
    if (r === undefined) {
      const own = eventsOf(stage).get(name);
      const parent = parents[stage] ?? null;
      r =
        own !== undefined && own.length > 0
          ? (own[own.length - 1]?.scan ?? UNDECLARED)
          : parent !== null
            ? inheritedFrom(parent, name)
            : UNDECLARED;
      byName.set(name, r);
    }
    return r;
  };

  /**
   * What a stage built `FROM parent` starts with: the parent's values, with
   * the parent's ENV list applied again on top (§4), so an ENV that a later
   * ARG of the same name shadowed in the parent is back in the child.
   */
  const inheritedFrom = (parent: number, name: string): Scan => lastEnvOf(parent, name) ?? endOf(parent, name);

  /** The last `ENV name=…` in the stage's chain, if any. */
  const lastEnvOf = (stage: number, name: string): Scan | undefined => {
    const value = envListOf(stage).get(name);
    return value === undefined ? undefined : envScan(value);
  };

  const scan = (stage: number, at: number, name: string): Scan => {
    const own = eventsOf(stage).get(name) ?? [];
    // The last write before the RUN (binary search: writes are in source order).
    let lo = 0;
    let hi = own.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((own[mid]?.at ?? 0) < at) lo = mid + 1;
      else hi = mid;
    }
    const parent = parents[stage] ?? null;
    const r = lo > 0 ? (own[lo - 1]?.scan ?? UNDECLARED) : parent !== null ? inheritedFrom(parent, name) : UNDECLARED;
    if (r.state === "live" && AUTOMATIC_ARGS.has(name) && Object.hasOwn(buildArgs, name)) {
      return { state: "pinned", value: buildArgs[name] ?? "" };
    }
    return r;
  };

  const argState = (stage: number, at: number, name: string): ArgState => scan(stage, at, name).state;

  const pinnedValue = (stage: number, at: number, name: string): string | null | undefined => {
    const r = scan(stage, at, name);
    return r.state === "undeclared" ? refetched(name) : r.value;
  };

  /** Literal ENV/ARG values at the end of a stage (ancestors included). */
  const envEnds = new Map<number, ReadonlyMap<string, string>>();
  const applyLiteral = (env: Map<string, string>, c: Command): void => {
    if (c.kind === "env") for (const kv of c.env) setLiteral(env, kv.key, kv.value);
    else if (c.kind === "arg") for (const kv of c.args) if (kv.value !== null) setLiteral(env, kv.key, kv.value);
  };
  const envEndOf = (stage: number): ReadonlyMap<string, string> =>
    alongChain(envEnds, stage, (s, parent) => {
      const m = new Map(parent !== null ? inheritedEnv(parent) : []);
      for (const c of stages[s]?.commands ?? []) applyLiteral(m, c);
      return m;
    });
  /** A child's starting literal values: the parent's, with the parent chain's ENV lines on top (§4). */
  const inheritedEnvs = new Map<number, ReadonlyMap<string, string>>();
  const inheritedEnv = (parent: number): ReadonlyMap<string, string> => {
    let env = inheritedEnvs.get(parent);
    if (env === undefined) {
      const list = envListOf(parent);
      const end = envEndOf(parent);
      if (list.size === 0) env = end;
      else {
        const m = new Map(end);
        for (const [k, v] of list) setLiteral(m, k, v);
        env = m;
      }
      inheritedEnvs.set(parent, env);
    }
    return env;
  };
  /** The ENV lines of a stage's chain, last value per name (a stage without ENV shares its parent's). */
  const envLists = new Map<number, ReadonlyMap<string, string>>();
  const envListOf = (stage: number): ReadonlyMap<string, string> =>
    alongChain(envLists, stage, (s, parent) => {
      const list = parent !== null ? (envLists.get(parent) ?? NO_ENV) : NO_ENV;
      let own: Map<string, string> | null = null;
      for (const c of stages[s]?.commands ?? []) {
        if (c.kind === "env") for (const kv of c.env) (own ??= new Map(list)).set(kv.key, kv.value);
      }
      return own ?? list;
    });

  /**
   * A per-stage value that builds on the parent's, computed from the nearest
   * known ancestor down, without recursion: FROM chains can be 10,000 deep.
   */
  function alongChain<T>(memo: Map<number, T>, stage: number, make: (s: number, parent: number | null) => T): T {
    const known = memo.get(stage);
    if (known !== undefined) return known;
    const path: number[] = [];
    for (
      let s: number | null = stage;
      s !== null && !memo.has(s) && path.length <= stages.length;
      s = parents[s] ?? null
    )
      path.push(s);
    let value: T | undefined;
    for (let i = path.length - 1; i >= 0; i--) {
      const s = path[i] as number;
      value = make(s, parents[s] ?? null);
      memo.set(s, value);
    }
    return value as T;
  }

  // RUNs are asked about in source order: each stage keeps a cursor instead of rescanning. Its
  // own copy of the environment is made at the first ENV or ARG value (many stages have none).
  const cursors = new Map<
    number,
    { index: number; at: number; base: ReadonlyMap<string, string>; env: Map<string, string> | null }
  >();
  const literalEnv = (stage: number, at: number): ReadonlyMap<string, string> => {
    let cur = cursors.get(stage);
    if (cur === undefined || at < cur.at) {
      const parent = parents[stage] ?? null;
      cur = { index: 0, at: 0, base: parent !== null ? inheritedEnv(parent) : NO_ENV, env: null };
      cursors.set(stage, cur);
    }
    const commands = stages[stage]?.commands ?? [];
    while (cur.index < commands.length) {
      const c = commands[cur.index];
      if (c === undefined || c.span.start >= at) break;
      if (c.kind === "env" || c.kind === "arg") applyLiteral((cur.env ??= new Map(cur.base)), c);
      cur.index++;
    }
    cur.at = at;
    return cur.env ?? cur.base;
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

const NO_ENV: ReadonlyMap<string, string> = new Map();

function setLiteral(env: Map<string, string>, key: string, value: string): void {
  if (value.includes("$")) env.delete(key);
  else env.set(key, value);
}
