/**
 * dispatchRun's mounts (convert.go dispatchRun → RunCommand.Expand →
 * commands_runmount.go parseMount with the stage's expander, then
 * convert_runmount.go dispatchRunMounts). All mounts are parsed and
 * expanded first, then placed one by one; the first error stops the build.
 */
import type { VariableRef } from "../expand/index";
import { goQuote } from "../expand/index";
import type { MountField, MountSpec, RunCommand, Span } from "../parse/types";
import type { ParsedMount } from "../parse/mount";
import { parseMountDispatch } from "../parse/mount";
import type { DispatchContext } from "./convert";
import type { StageState } from "./stage-state";
import { expandInStage, mountPoint, stageIdentity, unregisteredIdentity } from "./dispatch";
import { join } from "./go-path";
import { isPlainWord } from "./plain-word";
import type { CellCore, FieldExpansion } from "./mount-cell";
import type { MountSlot } from "./mount-slots";
import { buildCore, sameLiteralCore } from "./mount-cell";
import { SCRATCH } from "./prepare";
import type { PreparedCommand, StopError } from "./types";

export interface ParsedRunMount {
  readonly mount: ParsedMount;
  readonly fieldOf: Readonly<Record<string, MountField>>;
  readonly expansions: ReadonlyMap<MountField, FieldExpansion>;
  /** No field has anything to expand: the same on every platform. */
  readonly literal: boolean;
}

/** A mount whose fields have nothing to expand is the same on every platform. */
function isLiteralMount(spec: MountSpec, escape: "\\" | "`"): boolean {
  for (const f of spec.fields) if (f.value !== null && !isPlainWord(f.value.text, escape)) return false;
  return true;
}

export function dispatchRun(
  st: StageState,
  run: RunCommand,
  pc: PreparedCommand,
  span: Span,
  ctx: DispatchContext,
): StopError | null {
  // 1. Parse and expand every mount (setMountState with an expander).
  const cache = (pc.mountCache ??= run.mounts.map((spec) => ({
    literal: literalMount(spec, ctx),
    slot: null,
    cores: null,
  })));
  const mounts: ParsedRunMount[] = [];
  for (let i = 0; i < run.mounts.length; i++) {
    const known = (cache[i] as MountCache).literal;
    const pm = known === false ? parseExpandedMount(st, run.mounts[i] as MountSpec, ctx) : known;
    if ("message" in pm) return pm;
    mounts.push(pm);
  }

  // 2. Place them (dispatchRunMounts).
  for (let i = 0; i < mounts.length; i++) {
    const pm = mounts[i] as ParsedRunMount;
    const spec = run.mounts[i];
    const m = pm.mount;
    let from = m.from;
    if (from === "" && m.type === "cache") from = SCRATCH;
    let srcScratch = true;
    let srcIdentity = "scratch";
    let srcLabel = from;
    if (from !== "") {
      const srcIndex = pc.sources[i] ?? -1;
      const src = ctx.states[srcIndex];
      if (src !== undefined) {
        if (!src.dispatched) {
          return {
            message: `cannot mount from stage ${goQuote(from)} to ${goQuote(m.target)}, stage needs to be defined before current command`,
            span: spec?.flag.span ?? span,
          };
        }
        srcScratch = src.scratch;
        srcIdentity = stageIdentity(src);
        srcLabel = src.stage.stageName;
      } else {
        const u = ctx.unregistered[srcIndex - ctx.states.length];
        srcScratch = u === undefined || u.ref === null;
        srcIdentity = unregisteredIdentity(srcIndex, ctx);
        srcLabel = u?.ref ?? from;
      }
    }
    if (m.type === "tmpfs") {
      srcScratch = true;
      srcIdentity = "scratch";
    }
    if (m.type === "secret") continue;
    if (m.type === "ssh") {
      if (m.source !== "") return { message: "ssh does not support source", span: spec?.flag.span ?? span };
      continue;
    }
    const target = mountPoint(st.dir, m.target);
    if (target === "/") return { message: `invalid mount target ${goQuote(target)}`, span: spec?.flag.span ?? span };

    if (m.type === "cache" && spec !== undefined) {
      const mc = cache[i] as MountCache;
      const slot = (mc.slot ??= ctx.input.slots.get(st.stage.index, run, i, pc.trigger !== null));
      // A literal mount's core is shared by every dispatch with the same inputs (mount-cell.ts).
      const shared = pm.literal ? (mc.cores ??= literalCores(spec, ctx)) : null;
      let core = shared === null ? undefined : sameLiteralCore(shared, slot, target, srcIdentity, srcScratch, srcLabel);
      if (core === undefined) {
        core = buildCore({
          st,
          ctx,
          slot,
          spec,
          parsed: pm,
          mountPoint: target,
          from,
          fromExplicit: m.from !== "",
          srcScratch,
          srcIdentity,
          srcLabel,
          sourcePath: m.source === "" ? "/" : join("/", m.source),
        });
        shared?.push(core);
      }
      st.cores.push(core);
    }
  }

  // An ExecOp carries its platform: the stage's content is now platform-specific.
  st.scratch = false;
  st.platformSpecific = true;
  return null;
}

/**
 * What a RUN's mount needs across dispatches, kept on its PreparedCommand:
 * the Map lookups by mount are done once, not on every platform. (A trigger
 * command is prepared again per platform; the Maps behind keep it shared.)
 */
export interface MountCache {
  /** parseMountDispatch of a literal mount, or false when it has something to expand. */
  readonly literal: ParsedRunMount | StopError | false;
  /** The row of its cells (one command runs in one stage), made with its first cell. */
  slot: MountSlot | null;
  /** Cores of a literal mount (mount-cell.ts sameLiteralCore), fetched with its first cell. */
  cores: CellCore[] | null;
}

function literalMount(spec: MountSpec, ctx: DispatchContext): ParsedRunMount | StopError | false {
  let known = ctx.input.literalMounts.get(spec);
  if (known === undefined) {
    known = isLiteralMount(spec, ctx.input.parsed.directives.escapeToken) ? parseLiteralMount(spec) : false;
    ctx.input.literalMounts.set(spec, known);
  }
  return known;
}

function literalCores(spec: MountSpec, ctx: DispatchContext): CellCore[] {
  let cores = ctx.input.cellCores.get(spec);
  if (cores === undefined) ctx.input.cellCores.set(spec, (cores = []));
  return cores;
}

/** A literal mount parses the same everywhere: once per analysis. */
function parseLiteralMount(spec: MountSpec): ParsedRunMount | StopError {
  const r = parseMountDispatch(spec.fields, (value) => ({ ok: true, value }));
  return r.ok
    ? { mount: r.mount, fieldOf: r.fieldOf, expansions: NO_EXPANSIONS, literal: true }
    : { message: r.error, span: r.field?.span ?? spec.flag.span };
}

/** setMountState with the stage's expander, recording each field's expansion for the trace. */
function parseExpandedMount(st: StageState, spec: MountSpec, ctx: DispatchContext): ParsedRunMount | StopError {
  const expansions = new Map<MountField, FieldExpansion>();
  const r = parseMountDispatch(spec.fields, (value, field) => {
    const e = expandInStage(st, value, field.span, ctx);
    expansions.set(field, {
      written: value,
      result: e,
      value: e.ok ? e.value : "",
      uses: e.uses,
      values: valuesOf(st, e.uses),
    });
    return e.ok ? { ok: true, value: e.value } : { ok: false, error: e.error };
  });
  return r.ok
    ? { mount: r.mount, fieldOf: r.fieldOf, expansions, literal: false }
    : { message: r.error, span: r.field?.span ?? spec.flag.span };
}

const NO_EXPANSIONS: ReadonlyMap<MountField, FieldExpansion> = new Map();

function valuesOf(st: StageState, uses: readonly VariableRef[]): (string | null)[] {
  return uses.map((u) => (u.defined ? (st.env.get(u.name) ?? null) : null));
}
