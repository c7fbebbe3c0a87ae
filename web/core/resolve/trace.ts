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
import type { Pieces } from "./scratch";
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
    // Pieces joined once: these sentences are made for every stage and
    // platform, and nested templates left a tree of partial strings per
    // sentence for the garbage collector.
    const parts = ctx.input.scratch.sentence;
    parts.add("`").add(name).add("` = ");
    if (value === "") parts.add("an empty string");
    else parts.add("`").add(value).add("`");
    parts.add(", ");
    describeOrigin(parts, name, value, st.env.origin(name), st, ctx);
    return { kind: "variable", text: parts.add(".").take() };
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

/** Where a variable's value came from, as pieces of its sentence. */
function describeOrigin(
  parts: Pieces,
  name: string,
  value: string,
  origin: EnvOrigin | undefined,
  st: StageState,
  ctx: DispatchContext,
): void {
  if (origin === undefined) {
    parts.add("from the stage environment");
    return;
  }
  switch (origin.kind) {
    case "arg": {
      if (origin.via === "default") parts.add("from the default of ");
      else if (origin.via === "build-arg")
        parts.add("from `--build-arg ").add(name).add("=").add(value).add("`, declared by ");
      else {
        describeGlobal(parts, name, origin.global, ctx);
        parts.add(", declared by ");
      }
      parts.add("`ARG ").add(name).add("` on line ").add(origin.line);
      if (origin.stage !== st.stage.stageName) parts.add(" of stage `").add(origin.stage).add("`");
      return;
    }
    case "env":
      parts.add("from `ENV` on line ").add(origin.line);
      if (origin.stage !== st.stage.stageName) parts.add(" of stage `").add(origin.stage).add("`");
      return;
    case "image":
      parts.add("from the ENV of base image `").add(origin.image).add("`");
      return;
    case "default-path":
      parts.add("BuildKit's default PATH (the base image sets none)");
      return;
    case "global-arg":
    case "automatic":
      describeGlobal(parts, name, origin, ctx);
      return;
  }
}

function describeGlobal(parts: Pieces, name: string, origin: EnvOrigin | null, ctx: DispatchContext): void {
  if (origin === null) {
    parts.add("from the global scope");
  } else if (origin.kind === "automatic") {
    if (origin.overridden) parts.add("`--build-arg ").add(name).add("` overrides the automatic platform ARG");
    else if (name === "TARGETSTAGE") parts.add("the automatic ARG naming the target stage");
    else if (name.startsWith("BUILD"))
      parts.add("the automatic platform ARG for the build platform ").add(ctx.buildText);
    else parts.add("the automatic platform ARG for the target platform ").add(ctx.targetText);
  } else if (origin.kind === "global-arg") {
    if (origin.fromBuildArg)
      parts
        .add("from `--build-arg ")
        .add(name)
        .add("` (global `ARG ")
        .add(name)
        .add("` on line ")
        .add(origin.line)
        .add(")");
    else parts.add("from the global `ARG ").add(name).add("` on line ").add(origin.line);
  } else {
    parts.add("from the global scope");
  }
}

/** The exec-platform sentence (mount-cell.ts makes it a step, one object per sentence). */
export function describeExecPlatform(st: StageState, ctx: DispatchContext): string {
  const stage = st.stage.label;
  const p = st.execPlatform;
  const r = st.execReason;
  const implicit = ctx.platform.implicit ? " (no --platform was requested, so the target is the build platform)" : "";
  switch (r.kind) {
    case "flag":
      return flat`Stage ${stage} runs on ${p} because of \`FROM --platform=${r.expr}\`.`;
    case "target":
      // Made for most stages on every platform: the stage's part is made once.
      st.targetPrefix ??= flat`Stage ${stage} runs on the target platform `;
      return st.targetPrefix + p + (ctx.platform.implicit ? IMPLICIT_TARGET_END : TARGET_END);
    case "scratch":
      return flat`Stage ${stage} starts FROM scratch, so it runs on the target platform ${p}${implicit}${ignoredFlag(r.ignoredPlatform)}.`;
    case "inherited":
      return flat`Stage ${stage} starts FROM stage \`${r.from}\`, so it runs where \`${r.from}\` runs: ${p}${ignoredFlag(r.ignoredPlatform)}.`;
  }
}

const TARGET_END = " (its FROM has no --platform).";
const IMPLICIT_TARGET_END = " (no --platform was requested, so the target is the build platform)" + TARGET_END;

function ignoredFlag(expr: string | null): string {
  return expr === null ? "" : `; its ${code(`--platform=${expr}`)} is ignored`;
}
