/**
 * The global scope of one platform's conversion: the automatic platform ARGs
 * (df/dockerfile2llb/platform.go defaultArgs) then the ARGs before the first
 * FROM (convert.go buildMetaArgs). FROM lines expand against it; stages see a
 * name only after redeclaring it with `ARG NAME`.
 */
import type { ExpansionMemo } from "./expansion-memo";
import type { ArgCommand } from "../parse/types";
import type { Platform } from "../platform/index";
import { PLATFORM_ARG_NAMES, platformArgs } from "../platform/index";
import { EnvList } from "./env-list";
import type { OriginMemo } from "./origin-memo";
import { AUTOMATIC_ORIGIN, OVERRIDDEN_AUTOMATIC_ORIGIN } from "./origin-memo";
import type { StopError } from "./types";

/** Order of platform.go defaultArgs (it matters for "did you mean" scans). */
const AUTOMATIC_ARG_ORDER = [...PLATFORM_ARG_NAMES, "TARGETSTAGE"] as const;

export const AUTOMATIC_ARGS: ReadonlySet<string> = new Set(AUTOMATIC_ARG_ORDER);

export function defaultArgs(
  target: Platform,
  build: Platform,
  targetStage: string,
  buildArgs: ReadonlyMap<string, string>,
): EnvList {
  const values: Record<string, string> = {
    ...platformArgs(target, build),
    TARGETSTAGE: targetStage === "" ? "default" : targetStage,
  };
  const env = new EnvList();
  for (const key of AUTOMATIC_ARG_ORDER) {
    const override = buildArgs.get(key);
    env.set(
      key,
      override ?? values[key] ?? "",
      override === undefined ? AUTOMATIC_ORIGIN : OVERRIDDEN_AUTOMATIC_ORIGIN,
    );
  }
  return env;
}

/** buildMetaArgs: `--build-arg` wins, else the default expanded against the globals so far. */
export function buildMetaArgs(
  env: EnvList,
  metaArgs: readonly ArgCommand[],
  buildArgs: ReadonlyMap<string, string>,
  expansions: ExpansionMemo,
  origins: OriginMemo,
): StopError | null {
  for (const cmd of metaArgs) {
    for (const kv of cmd.args) {
      const fromBuildArg = buildArgs.get(kv.key);
      let value: string | null = null;
      if (fromBuildArg !== undefined) {
        value = fromBuildArg;
      } else if (kv.value !== null) {
        const r = expansions.expand(kv.value, env);
        if (!r.ok) return { message: r.error, span: cmd.span };
        value = r.value;
      }
      if (value !== null) env.set(kv.key, value, origins.globalArg(cmd, fromBuildArg !== undefined));
    }
  }
  return null;
}
