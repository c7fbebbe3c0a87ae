/**
 * One cache mount on one platform: the key BuildKit sends and how it got
 * there (convert_runmount.go dispatchRunMounts, setCacheUIDGID;
 * solver/llbsolver/mounts/mount.go for the base snapshot).
 */
import type { VariableRef } from "../expand/index";
import type { MountSpec, RunCommand } from "../parse/types";
import type { MountBase, Sharing, TraceStep, VariableUse } from "../report/types";
import type { DispatchContext } from "./convert";
import type { StageState } from "./stage-state";
import { clean } from "./go-path";
import type { ParsedRunMount } from "./run";
import { describeExecPlatform, describeVariable, code } from "./trace";

/** What a mount field was before and after expansion. */
export interface FieldExpansion {
  readonly written: string;
  readonly value: string;
  readonly uses: readonly VariableRef[];
  /** Value of each use at the RUN (null when undefined). */
  readonly values: readonly (string | null)[];
}

export interface CellDraft {
  /** Stage that executes the RUN. */
  readonly stageIndex: number;
  readonly run: RunCommand;
  readonly spec: MountSpec;
  readonly mountIndex: number;
  /** An ONBUILD trigger run in a child stage. */
  readonly trigger: boolean;
  /** The line BuildKit attributes the RUN to (the child's FROM for triggers). */
  readonly line: number;
  readonly target: string;
  readonly id: string;
  readonly cacheKey: string;
  readonly sharing: Sharing;
  readonly execPlatform: string;
  readonly hasBase: boolean;
  readonly base: MountBase;
  readonly effectiveKey: string;
  readonly variables: readonly VariableUse[];
  readonly trace: readonly TraceStep[];
}

export interface CellInput {
  readonly st: StageState;
  readonly ctx: DispatchContext;
  readonly run: RunCommand;
  readonly spec: MountSpec;
  readonly mountIndex: number;
  readonly trigger: boolean;
  readonly parsed: ParsedRunMount;
  /** Mount point after the WORKDIR join. */
  readonly mountPoint: string;
  /** `from` after defaulting (`scratch` when absent). */
  readonly from: string;
  readonly fromExplicit: boolean;
  readonly srcScratch: boolean;
  readonly srcIdentity: string;
  readonly srcLabel: string;
  /** `path.Join("/", source)`. */
  readonly sourcePath: string;
}

/** Option keys in the order a trace explains them, with the ParsedMount property each sets. */
const TRACED_OPTIONS = [
  ["id", "cacheId"],
  ["target", "target"],
  ["from", "from"],
  ["source", "source"],
  ["sharing", "sharing"],
  ["uid", "uid"],
  ["gid", "gid"],
  ["mode", "mode"],
] as const;

/** The part of a cell that does not depend on where the RUN executes. */
type CellCore = Omit<CellDraft, "execPlatform" | "trace" | "line" | "run" | "spec" | "mountIndex" | "trigger"> & {
  readonly steps: readonly TraceStep[];
  readonly srcIdentity: string;
  readonly srcScratch: boolean;
  readonly srcLabel: string;
};

export function buildCell(input: CellInput): CellDraft {
  const { st, ctx, parsed, spec } = input;
  let core: CellCore | undefined;
  if (parsed.literal) {
    // A literal mount gives the same core on every platform with the same inputs.
    let seen = ctx.input.cellCores.get(spec) as CellCore[] | undefined;
    if (seen === undefined) ctx.input.cellCores.set(spec, (seen = []));
    core = seen.find(
      (c) =>
        c.stageIndex === st.stage.index &&
        c.target === input.mountPoint &&
        c.srcIdentity === input.srcIdentity &&
        c.srcScratch === input.srcScratch &&
        c.srcLabel === input.srcLabel,
    );
    if (core === undefined) seen.push((core = buildCore(input)));
  } else {
    core = buildCore(input);
  }
  return {
    stageIndex: st.stage.index,
    run: input.run,
    spec,
    mountIndex: input.mountIndex,
    trigger: input.trigger,
    line: input.trigger ? st.stage.from.startLine : input.run.startLine,
    target: core.target,
    id: core.id,
    cacheKey: core.cacheKey,
    sharing: core.sharing,
    execPlatform: st.execPlatform,
    hasBase: core.hasBase,
    base: core.base,
    effectiveKey: core.effectiveKey,
    variables: core.variables,
    trace: core.steps.concat(execStep(st, ctx)),
  };
}

/** One exec-platform sentence per stage and platform. */
export function execStep(st: StageState, ctx: DispatchContext): TraceStep {
  st.execStep ??= describeExecPlatform(st, ctx);
  return st.execStep;
}

function buildCore(input: CellInput): CellCore {
  const { st, ctx, parsed, spec } = input;
  const m = parsed.mount;
  const ns = ctx.input.options.cacheNamespace;
  const stageLabel = st.stage.stageName;
  const trace: TraceStep[] = [];
  const variables: VariableUse[] = [];

  const written = spec.flag.value?.text ?? "";
  trace.push({
    kind: "written",
    text: `The mount is written ${code(`--mount=${written}`)} in stage ${code(stageLabel)}.`,
  });

  // Variables, option by option.
  for (const [option, property] of TRACED_OPTIONS) {
    // parse/mount.ts names them by option key; accept the ParsedMount property too.
    const field = parsed.fieldOf[option] ?? parsed.fieldOf[property];
    if (field === undefined) continue;
    const e = parsed.expansions.get(field);
    if (e === undefined) continue;
    e.uses.forEach((u, i) => {
      const value = e.values[i] ?? null;
      variables.push({ option, name: u.name, defined: u.defined, value });
      trace.push(describeVariable(u, value, e.written, st, ctx));
    });
    if (e.uses.length > 0 || e.value !== e.written) {
      trace.push({
        kind: "expanded",
        text: `${option} ${code(e.written)} expands to ${e.value === "" ? "an empty string" : code(e.value)}.`,
      });
    }
  }

  // The id (convert_runmount.go: empty → path.Clean of the target as written).
  let id = m.cacheId;
  if (id === "") {
    const idField = parsed.fieldOf["id"] ?? parsed.fieldOf["cacheId"];
    const why =
      idField === undefined
        ? "id is not set"
        : (idField.value?.text ?? "") === ""
          ? "id is empty"
          : "id expands to empty";
    id = clean(m.target);
    trace.push({
      kind: "default-id",
      text: `${why} → defaults to the cleaned target ${code(id)} (path.Clean of the target as written, before any WORKDIR join).`,
    });
    if (id !== m.target) {
      trace.push({
        kind: "clean",
        text: `path.Clean turns ${code(m.target === "" ? '""' : m.target)} into ${code(id)}.`,
      });
    }
  } else {
    trace.push({ kind: "default-id", text: `id is ${code(id)}.` });
  }

  const cacheKey = `${ns}/${id}`;
  trace.push({
    kind: "namespace",
    text:
      ns === ""
        ? `The namespace (--build-arg BUILDKIT_CACHE_MOUNT_NS) is empty → key ${code(cacheKey)}.`
        : `The namespace ${code(ns)} (--build-arg BUILDKIT_CACHE_MOUNT_NS) is prefixed → key ${code(cacheKey)}.`,
  });
  trace.push({
    kind: "key",
    text: `BuildKit sends the cache key ${code(cacheKey)}; the platform is never part of it.`,
  });

  if (input.mountPoint !== m.target) {
    trace.push({
      kind: "workdir",
      text: `The relative target ${code(m.target === "" ? "(none)" : m.target)} is joined to WORKDIR ${code(st.dir === "" ? "/" : st.dir)} → mounted at ${code(input.mountPoint)}; the id does not include WORKDIR.`,
    });
  }

  // The base a new cache directory starts from.
  const mkdir = m.uid !== null || m.gid !== null || m.mode !== null;
  const uid = m.uid ?? 0;
  const gid = m.gid ?? 0;
  const mode = m.mode ?? 0o755;
  let base: MountBase;
  let hasBase: boolean;
  let identity = "";
  if (input.sourcePath !== "/") {
    hasBase = !input.srcScratch;
    identity = `${input.srcIdentity}:${input.sourcePath}`;
    base = hasBase ? { kind: "from", from: input.srcLabel, source: input.sourcePath, identity } : { kind: "none" };
    trace.push({
      kind: "base",
      text: hasBase
        ? `A new cache directory starts with ${code(input.sourcePath)} of ${describeSource(input)}${mkdir ? " (uid/gid/mode are ignored with a source)" : ""}.`
        : `A new cache directory starts empty: ${describeSource(input)} has no content${mkdir ? " (uid/gid/mode are ignored with a source)" : ""}.`,
    });
  } else if (mkdir) {
    hasBase = true;
    const mk = `mkdir(uid=${uid},gid=${gid},mode=0${mode.toString(8)})`;
    identity = input.srcScratch ? mk : `${input.srcIdentity}+${mk}`;
    base = input.srcScratch
      ? { kind: "mkdir", uid, gid, mode }
      : { kind: "from", from: input.srcLabel, source: "/", identity };
    trace.push({
      kind: "base",
      text: `uid/gid/mode without source → a new cache directory starts as an internal mkdir owned by ${uid}:${gid} with mode 0${mode.toString(8)}${input.srcScratch ? "" : ` on top of ${describeSource(input)}`}, so it is a different directory from the same key without them.`,
    });
  } else {
    hasBase = !input.srcScratch;
    identity = input.srcIdentity;
    base = hasBase ? { kind: "from", from: input.srcLabel, source: "/", identity } : { kind: "none" };
    trace.push({
      kind: "base",
      text: hasBase
        ? `A new cache directory starts with the content of ${describeSource(input)}, so it is a different directory from the same key without it.`
        : "No base: a new cache directory starts empty.",
    });
  }
  const effectiveKey = hasBase ? `${cacheKey}:${identity}` : cacheKey;

  const sharing: Sharing = m.sharing === "private" || m.sharing === "locked" ? m.sharing : "shared";
  trace.push({
    kind: "sharing",
    text: m.sharing === "" ? `Sharing is ${code("shared")} (the default).` : `Sharing is ${code(sharing)}.`,
  });

  return {
    stageIndex: st.stage.index,
    target: input.mountPoint,
    id,
    cacheKey,
    sharing,
    hasBase,
    base,
    effectiveKey,
    variables,
    steps: trace,
    srcIdentity: input.srcIdentity,
    srcScratch: input.srcScratch,
    srcLabel: input.srcLabel,
  };
}

function describeSource(input: CellInput): string {
  if (input.srcIdentity.startsWith("stage ")) {
    const s = `stage ${code(input.srcLabel)}`;
    return input.fromExplicit ? s : `${s} (a stage named scratch replaces the empty default base)`;
  }
  if (input.srcIdentity.startsWith("image ")) return `image ${code(input.srcLabel)}`;
  return input.fromExplicit ? `${code(input.from)} (empty)` : "the empty default";
}
