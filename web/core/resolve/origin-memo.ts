/**
 * Where environment values come from (env-list.ts EnvOrigin), one object per
 * distinct origin for the whole analysis. Every stage dispatch on every
 * platform records an origin for each ARG and ENV it runs, and they are
 * mostly the same ones; traces only read their fields.
 */
import type { ArgCommand, EnvCommand, KeyValue } from "../parse/types";
import type { EnvOrigin } from "./env-list";

type ArgOrigin = Extract<EnvOrigin, { readonly kind: "arg" }>;
type StageEnvOrigin = Extract<EnvOrigin, { readonly kind: "env" }>;
type GlobalOrigin = Extract<EnvOrigin, { readonly kind: "global-arg" }>;

/** An automatic platform ARG, and one that `--build-arg` overrides (platform.go defaultArgs). */
export const AUTOMATIC_ORIGIN: EnvOrigin = { kind: "automatic", overridden: false };
export const OVERRIDDEN_AUTOMATIC_ORIGIN: EnvOrigin = { kind: "automatic", overridden: true };

export class OriginMemo {
  // A command can give several: an ONBUILD trigger runs in several stages, a value comes several ways.
  // Most give one: the lists are kept at their exact size (see withOrigin).
  private readonly args = new Map<KeyValue, readonly ArgOrigin[]>();
  private readonly envs = new Map<EnvCommand, readonly StageEnvOrigin[]>();
  private readonly globals = new Map<ArgCommand, readonly GlobalOrigin[]>();

  /** A stage ARG's value (dispatchArg), from `via`. */
  stageArg(kv: KeyValue, line: number, stage: string, via: ArgOrigin["via"], global: EnvOrigin | null): ArgOrigin {
    const list = this.args.get(kv);
    if (list !== undefined)
      for (const o of list) if (o.line === line && o.stage === stage && o.via === via && o.global === global) return o;
    const o: ArgOrigin = { kind: "arg", line, stage, via, global };
    this.args.set(kv, withOrigin(list, o));
    return o;
  }

  /** An ENV's values (dispatchEnv). */
  env(cmd: EnvCommand, stage: string): StageEnvOrigin {
    const list = this.envs.get(cmd);
    if (list !== undefined) for (const o of list) if (o.stage === stage) return o;
    const o: StageEnvOrigin = { kind: "env", line: cmd.startLine, stage };
    this.envs.set(cmd, withOrigin(list, o));
    return o;
  }

  /** A global ARG's value (buildMetaArgs). */
  globalArg(cmd: ArgCommand, fromBuildArg: boolean): GlobalOrigin {
    const list = this.globals.get(cmd);
    if (list !== undefined) for (const o of list) if (o.fromBuildArg === fromBuildArg) return o;
    const o: GlobalOrigin = { kind: "global-arg", line: cmd.startLine, fromBuildArg };
    this.globals.set(cmd, withOrigin(list, o));
    return o;
  }
}

/**
 * `list` plus `o`, at its exact size: these lists live as long as the
 * analysis and nearly all hold one origin, where an empty array grown by
 * push would reserve room for seventeen.
 */
function withOrigin<T>(list: readonly T[] | undefined, o: T): readonly T[] {
  return list === undefined ? [o] : [...list, o];
}
