/**
 * dispatchRun's mounts (convert.go dispatchRun → RunCommand.Expand →
 * commands_runmount.go parseMount with the stage's expander, then
 * convert_runmount.go dispatchRunMounts). All mounts are parsed and
 * expanded first, then placed one by one; the first error stops the build.
 */
import { goQuote } from "../expand/index";
import type { MountSpec, RunCommand, Span } from "../parse/types";
import type { DispatchContext } from "./convert";
import type { StageState } from "./stage-state";
import { stageIdentity, unregisteredIdentity, unregisteredRef } from "./dispatch";
import { isAbs, join } from "./go-path";
import type { CellCore } from "./mount-cell";
import type { MountShape } from "./mount-parse";
import { parseRunMount } from "./mount-parse";
import type { MountSlot } from "./mount-slots";
import { buildCore, sameLiteralCore } from "./mount-cell";
import { SCRATCH } from "./prepare";
import type { PreparedCommand, StopError } from "./types";

export function dispatchRun(
  st: StageState,
  run: RunCommand,
  pc: PreparedCommand,
  span: Span,
  ctx: DispatchContext,
): StopError | null {
  // 1. Parse and expand every mount (setMountState with an expander).
  const cache = (pc.mountCache ??= mountCaches(run, ctx));
  const mounts = ctx.input.scratch.mounts;
  mounts.clear();
  for (let i = 0; i < run.mounts.length; i++) {
    const pm = parseRunMount((cache[i] as MountCache).shape, run.mounts[i] as MountSpec, st, ctx);
    if ("message" in pm) return pm;
    mounts.push(pm);
  }

  // 2. Place them (dispatchRunMounts).
  const cores = ctx.input.scratch.cores;
  for (let i = 0; i < mounts.length; i++) {
    const pm = mounts.at(i);
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
        const ref = unregisteredRef(srcIndex, ctx);
        srcScratch = ref === null;
        srcIdentity = unregisteredIdentity(srcIndex, ctx);
        srcLabel = ref ?? from;
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
    const target = mountPoint(st.dir, m.target, ctx);
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
      cores.push(core);
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
  /** How the mount is written (mount-parse.ts). */
  readonly shape: MountShape;
  /** The row of its cells (one command runs in one stage), made with its first cell. */
  slot: MountSlot | null;
  /** Cores of a literal mount (mount-cell.ts sameLiteralCore), fetched with its first cell. */
  cores: CellCore[] | null;
}

function mountCaches(run: RunCommand, ctx: DispatchContext): MountCache[] {
  const caches = new Array<MountCache>(run.mounts.length);
  for (let i = 0; i < caches.length; i++)
    caches[i] = { shape: ctx.input.mountShapes.of(run.mounts[i] as MountSpec), slot: null, cores: null };
  return caches;
}

function literalCores(spec: MountSpec, ctx: DispatchContext): CellCore[] {
  let cores = ctx.input.cellCores.get(spec);
  if (cores === undefined) ctx.input.cellCores.set(spec, (cores = []));
  return cores;
}

/**
 * The mount point of a relative target (convert_runmount.go):
 * `filepath.Join("/", dir, target)`, remembered per WORKDIR and target as
 * the same few pairs come back in every stage and platform.
 */
function mountPoint(dir: string, target: string, ctx: DispatchContext): string {
  // Cleaning never changes whether a path starts with "/".
  if (isAbs(target)) return target;
  let byTarget = ctx.input.mountPoints.get(dir);
  if (byTarget === undefined) ctx.input.mountPoints.set(dir, (byTarget = new Map()));
  let p = byTarget.get(target);
  if (p === undefined) byTarget.set(target, (p = join("/", dir, target)));
  return p;
}
