/**
 * Plain-words explanations of a cache key's derivation. Each sentence states
 * a fact BuildKit acted on, with the source of every value, so a reader can
 * learn the rules from their own Dockerfile.
 */
import type { VariableRef } from "../expand/index";
import type { TraceStep } from "../report/types";
import type { DispatchContext } from "./convert";
import type { StageState } from "./stage-state";
import type { EnvOrigin } from "./env-list";
import { flat } from "./flat";
import { AUTOMATIC_ARGS } from "./global-args";

export function code(s: string): string {
  return "`" + s + "`";
}

const PLAIN_REF = /^\$(?:\{[A-Za-z0-9_]+\}|[A-Za-z0-9_]+)$/;

export function describeVariable(
  u: VariableRef,
  value: string | null,
  word: string,
  st: StageState,
  ctx: DispatchContext,
): TraceStep {
  const name = u.name;
  const stage = st.stage.label;
  if (u.defined && value !== null) {
    const origin = st.env.origin(name);
    return {
      kind: "variable",
      text: flat`${code(name)} = ${value === "" ? "an empty string" : code(value)}, ${describeOrigin(name, value, origin, st, ctx)}.`,
    };
  }
  const plain = PLAIN_REF.test(word.slice(u.start, u.end));
  const effect = plain ? "so it expands to empty" : `so ${code(word.slice(u.start, u.end))} takes its unset branch`;
  if (AUTOMATIC_ARGS.has(name)) {
    return {
      kind: "undeclared-platform-arg",
      text: flat`${code(name)} is an automatic platform ARG, but it is not declared in stage ${stage} (add ${code(`ARG ${name}`)}), ${effect}.`,
    };
  }
  if (st.declaredArgs.has(name)) {
    return {
      kind: "undefined-variable",
      text: flat`${code(name)} is declared by ${code(`ARG ${name}`)} but has no value (no default, no --build-arg, no global ARG), ${effect}.`,
    };
  }
  const global = ctx.globals.origin(name);
  if (global !== undefined && global.kind === "global-arg") {
    return {
      kind: "undefined-variable",
      text: flat`${code(name)} is a global ARG (line ${global.line}), but stage ${stage} does not redeclare it (add ${code(`ARG ${name}`)}), ${effect}.`,
    };
  }
  if (ctx.input.options.buildArgs.has(name)) {
    return {
      kind: "undefined-variable",
      text: flat`${code(name)} is passed with --build-arg, but stage ${stage} never declares ${code(`ARG ${name}`)}, ${effect}.`,
    };
  }
  return {
    kind: "undefined-variable",
    text: flat`${code(name)} is not defined at this RUN (no ARG or ENV sets it), ${effect}.`,
  };
}

function describeOrigin(
  name: string,
  value: string,
  origin: EnvOrigin | undefined,
  st: StageState,
  ctx: DispatchContext,
): string {
  if (origin === undefined) return "from the stage environment";
  switch (origin.kind) {
    case "arg": {
      const decl = `${code(`ARG ${name}`)} on line ${origin.line}${origin.stage !== st.stage.stageName ? ` of stage ${code(origin.stage)}` : ""}`;
      if (origin.via === "default") return `from the default of ${decl}`;
      if (origin.via === "build-arg") return `from ${code(`--build-arg ${name}=${value}`)}, declared by ${decl}`;
      return `${describeGlobal(name, origin.global, ctx)}, declared by ${decl}`;
    }
    case "env":
      return `from ${code("ENV")} on line ${origin.line}${origin.stage !== st.stage.stageName ? ` of stage ${code(origin.stage)}` : ""}`;
    case "image":
      return `from the ENV of base image ${code(origin.image)}`;
    case "default-path":
      return "BuildKit's default PATH (the base image sets none)";
    case "global-arg":
    case "automatic":
      return describeGlobal(name, origin, ctx);
  }
}

function describeGlobal(name: string, origin: EnvOrigin | null, ctx: DispatchContext): string {
  if (origin === null) return "from the global scope";
  if (origin.kind === "automatic") {
    if (origin.overridden) return `${code(`--build-arg ${name}`)} overrides the automatic platform ARG`;
    if (name === "TARGETSTAGE") return "the automatic ARG naming the target stage";
    const which = name.startsWith("BUILD") ? `build platform ${ctx.buildText}` : `target platform ${ctx.targetText}`;
    return `the automatic platform ARG for the ${which}`;
  }
  if (origin.kind === "global-arg") {
    return origin.fromBuildArg
      ? `from ${code(`--build-arg ${name}`)} (global ${code(`ARG ${name}`)} on line ${origin.line})`
      : `from the global ${code(`ARG ${name}`)} on line ${origin.line}`;
  }
  return "from the global scope";
}

/** The exec-platform sentence (mount-cell.ts makes it a step, one object per sentence). */
export function describeExecPlatform(st: StageState, ctx: DispatchContext): string {
  const stage = st.stage.label;
  const p = st.execPlatform;
  const r = st.execReason;
  const implicit = ctx.platform.implicit ? " (no --platform was requested, so the target is the build platform)" : "";
  switch (r.kind) {
    case "flag":
      return flat`Stage ${stage} runs on ${p} because of ${code(`FROM --platform=${r.expr}`)}.`;
    case "target":
      // Made for most stages on every platform: the stage's part is made once.
      st.targetPrefix ??= flat`Stage ${stage} runs on the target platform `;
      return st.targetPrefix + p + (ctx.platform.implicit ? IMPLICIT_TARGET_END : TARGET_END);
    case "scratch":
      return flat`Stage ${stage} starts FROM scratch, so it runs on the target platform ${p}${implicit}${ignoredFlag(r.ignoredPlatform)}.`;
    case "inherited":
      return flat`Stage ${stage} starts FROM stage ${code(r.from)}, so it runs where ${code(r.from)} runs: ${p}${ignoredFlag(r.ignoredPlatform)}.`;
  }
}

const TARGET_END = " (its FROM has no --platform).";
const IMPLICIT_TARGET_END = " (no --platform was requested, so the target is the build platform)" + TARGET_END;

function ignoredFlag(expr: string | null): string {
  return expr === null ? "" : `; its ${code(`--platform=${expr}`)} is ignored`;
}
