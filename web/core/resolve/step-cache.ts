/**
 * Trace steps whose sentence depends on one or two values only, made once per
 * analysis and shared by every cell that needs them: a cell's trace is mostly
 * these, and building the same sentences again for every stage and platform
 * was a large part of the resolver's time and of the garbage it left.
 */
import type { ExpandResult } from "../expand/index";
import type { MountSpec } from "../parse/types";
import type { Sharing, TraceStep } from "../report/types";
import type { DispatchContext } from "./convert";
import type { ExecReason, StageState } from "./stage-state";
import { flat } from "./flat";
import { code, describeExecPlatform } from "./trace";

/** Why an id was defaulted (mount-cell.ts), in the order of StepCache.defaultIds. */
export const DEFAULT_ID_REASONS = ["id is not set", "id is empty", "id expands to empty"] as const;
export type DefaultIdReason = 0 | 1 | 2;

/** `namespace/id`, what BuildKit sends, with the namespace and key steps of its trace. */
export interface CacheKey {
  readonly cacheKey: string;
  readonly steps: readonly [TraceStep, TraceStep];
}

export const NO_BASE_STEP: TraceStep = { kind: "base", text: "No base: a new cache directory starts empty." };

export class StepCache {
  private readonly written = new Map<MountSpec, { readonly stage: string; readonly step: TraceStep }>();
  private readonly expanded = new Map<ExpandResult, { readonly option: string; readonly step: TraceStep }>();
  private readonly explicitIds = new Map<string, TraceStep>();
  private readonly defaultIds: [Map<string, TraceStep>, Map<string, TraceStep>, Map<string, TraceStep>] = [
    new Map(),
    new Map(),
    new Map(),
  ];
  private readonly cleans = new Map<string, TraceStep>();
  private readonly keys = new Map<string, CacheKey>();
  private readonly sharings = new Map<string, TraceStep>();
  /** Workdir steps by mount point, with the target and WORKDIR that gave it (a few pairs, in every stage and platform). */
  private readonly workdirs = new Map<
    string,
    { readonly target: string; readonly dir: string; readonly step: TraceStep }
  >();
  /** Exec-platform steps per stage index, so equal ones are one object (mount-cell.ts shares traces by it). */
  private readonly execs: { readonly platform: string; readonly reason: ExecReason; readonly step: TraceStep }[][] = [];

  constructor(private readonly namespace: string) {}

  /** `--mount=…` as written, in the stage that runs it. */
  writtenStep(spec: MountSpec, stage: string): TraceStep {
    const seen = this.written.get(spec);
    if (seen !== undefined && seen.stage === stage) return seen.step;
    const written = spec.flag.value?.text ?? "";
    const step: TraceStep = {
      kind: "written",
      // Code spans written inline: no partial strings for code() to join.
      text: flat`The mount is written \`--mount=${written}\` in stage \`${stage}\`.`,
    };
    // An ONBUILD mount runs in several stages: keep the first, build the others.
    if (seen === undefined) this.written.set(spec, { stage, step });
    return step;
  }

  /** `option` word → value; `result` is the (shared) expansion of `written`. */
  expandedStep(option: string, written: string, value: string, result: ExpandResult): TraceStep {
    const seen = this.expanded.get(result);
    if (seen !== undefined && seen.option === option) return seen.step;
    const step: TraceStep = {
      kind: "expanded",
      text: flat`${option} ${code(written)} expands to ${value === "" ? "an empty string" : code(value)}.`,
    };
    if (seen === undefined) this.expanded.set(result, { option, step });
    return step;
  }

  explicitIdStep(id: string): TraceStep {
    let step = this.explicitIds.get(id);
    if (step === undefined) this.explicitIds.set(id, (step = { kind: "default-id", text: flat`id is ${code(id)}.` }));
    return step;
  }

  defaultIdStep(reason: DefaultIdReason, id: string): TraceStep {
    const byId = this.defaultIds[reason];
    let step = byId.get(id);
    if (step === undefined) {
      step = {
        kind: "default-id",
        text: flat`${DEFAULT_ID_REASONS[reason]} → defaults to the cleaned target ${code(id)} (path.Clean of the target as written, before any WORKDIR join).`,
      };
      byId.set(id, step);
    }
    return step;
  }

  /** path.Clean of `target` (which gives `id`, a function of it). */
  cleanStep(target: string, id: string): TraceStep {
    let step = this.cleans.get(target);
    if (step === undefined) {
      step = { kind: "clean", text: flat`path.Clean turns ${code(target === "" ? '""' : target)} into ${code(id)}.` };
      this.cleans.set(target, step);
    }
    return step;
  }

  /** The cache key of `id` (the namespace is the analysis's), one string for every cell with that id, and its steps. */
  cacheKey(id: string): CacheKey {
    let key = this.keys.get(id);
    if (key === undefined) {
      const ns = this.namespace;
      const cacheKey = flat`${ns}/${id}`;
      const steps: readonly [TraceStep, TraceStep] = [
        {
          kind: "namespace",
          text:
            ns === ""
              ? flat`The namespace (--build-arg BUILDKIT_CACHE_MOUNT_NS) is empty → key ${code(cacheKey)}.`
              : flat`The namespace ${code(ns)} (--build-arg BUILDKIT_CACHE_MOUNT_NS) is prefixed → key ${code(cacheKey)}.`,
        },
        { kind: "key", text: flat`BuildKit sends the cache key ${code(cacheKey)}; the platform is never part of it.` },
      ];
      key = { cacheKey, steps };
      this.keys.set(id, key);
    }
    return key;
  }

  /** A relative `target` joined to WORKDIR `dir` gives `mountPoint`. */
  workdirStep(target: string, dir: string, mountPoint: string): TraceStep {
    const seen = this.workdirs.get(mountPoint);
    if (seen !== undefined && seen.target === target && seen.dir === dir) return seen.step;
    const step: TraceStep = {
      kind: "workdir",
      text: flat`The relative target ${code(target === "" ? "(none)" : target)} is joined to WORKDIR ${code(dir === "" ? "/" : dir)} → mounted at ${code(mountPoint)}; the id does not include WORKDIR.`,
    };
    if (seen === undefined) this.workdirs.set(mountPoint, { target, dir, step });
    return step;
  }

  /** `sharing` as written (after expansion), `effective` what BuildKit uses. */
  sharingStep(written: string, effective: Sharing): TraceStep {
    let step = this.sharings.get(written);
    if (step === undefined) {
      step = {
        kind: "sharing",
        text: written === "" ? flat`Sharing is ${code("shared")} (the default).` : flat`Sharing is ${code(effective)}.`,
      };
      this.sharings.set(written, step);
    }
    return step;
  }

  /**
   * Where a stage's RUNs execute. The sentence depends only on the stage, the
   * platform and the reason, so it is made once per distinct pair, without
   * building it to look it up.
   */
  execStep(st: StageState, ctx: DispatchContext): TraceStep {
    // On the target platform (no --platform, or FROM scratch) the sentence names
    // this platform's target: no other platform can share it.
    if (st.execReason.kind === "target" || st.execReason.kind === "scratch") {
      return { kind: "exec-platform", text: describeExecPlatform(st, ctx) };
    }
    const list = (this.execs[st.stage.index] ??= []);
    for (const e of list) if (e.platform === st.execPlatform && sameReason(e.reason, st.execReason)) return e.step;
    const step: TraceStep = { kind: "exec-platform", text: describeExecPlatform(st, ctx) };
    list.push({ platform: st.execPlatform, reason: st.execReason, step });
    return step;
  }
}

function sameReason(a: ExecReason, b: ExecReason): boolean {
  switch (a.kind) {
    case "target":
      return b.kind === "target";
    case "flag":
      return b.kind === "flag" && a.expr === b.expr;
    case "scratch":
      return b.kind === "scratch" && a.ignoredPlatform === b.ignoredPlatform;
    case "inherited":
      return b.kind === "inherited" && a.from === b.from && a.ignoredPlatform === b.ignoredPlatform;
  }
}
