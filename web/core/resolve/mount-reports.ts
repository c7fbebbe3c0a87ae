/**
 * The Report's `mounts`: every written `type=cache` mount in source order (an
 * ONBUILD mount once per stage that runs it), with one cell per platform —
 * the resolved key where the platform built it, an explanation where not.
 */
import { TARGET_KEYS } from "../parse/mount";
import type { RunCommand } from "../parse/types";
import type { MountCell, MountReport, TraceStep } from "../report/types";
import type { LineIndex } from "../source";
import type { PlatformOutcome } from "./convert";
import { traceOf } from "./mount-cell";
import type { MountSlot, MountSlots } from "./mount-slots";
import type { Prepared } from "./prepare";
import { flat } from "./flat";
import { code } from "./trace";

/** The type a mount has before expansion (last `type=` wins; bind by default). */
function writtenType(run: RunCommand, mountIndex: number): string {
  let type = "bind";
  for (const f of run.mounts[mountIndex]?.fields ?? [])
    if (f.key === "type" && f.value !== null) type = f.value.text.toLowerCase();
  return type;
}

function writtenTarget(run: RunCommand, mountIndex: number): string {
  let target = "";
  for (const f of run.mounts[mountIndex]?.fields ?? []) {
    if (TARGET_KEYS.has(f.key) && f.value !== null) target = f.value.text;
  }
  return target;
}

export function buildMountReports(
  prep: Prepared,
  outcomes: readonly PlatformOutcome[],
  requested: readonly { readonly requested: string }[],
  lineIndex: LineIndex,
  slots: MountSlots,
  targetName: string | null,
): MountReport[] {
  // Built cells by row (slot id), per platform.
  const n = outcomes.length;
  const built: (MountCell | undefined)[][] = [];
  outcomes.forEach((o, p) => {
    for (const group of o.cells) {
      for (const c of group.cores) {
        (built[c.slot.id] ??= new Array<MountCell | undefined>(n))[p] = {
          platformIndex: p,
          built: true,
          target: c.target,
          id: c.id,
          cacheKey: c.cacheKey,
          sharing: c.sharing,
          execPlatform: group.execPlatform,
          hasBase: c.hasBase,
          base: c.base,
          effectiveKey: c.effectiveKey,
          variables: c.variables,
          trace: traceOf(c, group.execStep),
        };
      }
    }
  });

  // Written cache mounts, and ONBUILD cache mounts in every stage built FROM their stage.
  // Only an ONBUILD needs the children: most files have none.
  let children: Map<number, Set<number>> | null = null;
  /** The stage whose ONBUILD holds a trigger RUN. */
  const triggerOwner = new Map<RunCommand, number>();
  for (const stage of prep.stages) {
    for (const pc of stage.commands) {
      const c = pc.command;
      const run =
        c.kind === "run" ? c : c.kind === "onbuild" && c.inner !== null && c.inner.kind === "run" ? c.inner : null;
      if (run === null || run.mounts.length === 0) continue;
      const isTrigger = c.kind === "onbuild";
      if (isTrigger && !triggerOwner.has(run)) triggerOwner.set(run, stage.index);
      const runners = isTrigger ? [...((children ??= childStages(outcomes)).get(stage.index) ?? [])] : null;
      if (runners !== null && runners.length === 0) runners.push(stage.index);
      for (let mountIndex = 0; mountIndex < run.mounts.length; mountIndex++) {
        if (writtenType(run, mountIndex) !== "cache") continue;
        if (runners === null) slots.get(stage.index, run, mountIndex, false);
        else for (const s of runners) slots.get(s, run, mountIndex, true);
      }
    }
  }

  const ordered = [...slots.all].sort(
    (a, b) => a.stageIndex - b.stageIndex || a.ordinal - b.ordinal || a.mountIndex - b.mountIndex,
  );
  return ordered.map((slot, index) => {
    const stage = prep.stages[slot.stageIndex];
    const spec = slot.run.mounts[slot.mountIndex];
    // The row of built cells becomes the list, its gaps filled: one array per mount.
    const cells = built[slot.id] ?? new Array<MountCell | undefined>(n);
    for (let p = 0; p < n; p++) {
      cells[p] ??= unbuiltCell(p, outcomes[p], requested[p]?.requested ?? "", stage?.stageName ?? "", slot, targetName);
    }
    return {
      index,
      line:
        slot.trigger && stage !== undefined && stage.index !== (triggerOwner.get(slot.run) ?? -1)
          ? stage.from.startLine
          : slot.run.startLine,
      stageIndex: slot.stageIndex,
      stage: stage?.name ?? null,
      range: lineIndex.range(spec?.flag.span ?? slot.run.span),
      writtenTarget: writtenTarget(slot.run, slot.mountIndex),
      command: slot.run.command,
      cells: cells as MountCell[],
    };
  });
}

/** The stages built FROM each stage, on any platform. */
function childStages(outcomes: readonly PlatformOutcome[]): Map<number, Set<number>> {
  const children = new Map<number, Set<number>>();
  for (const o of outcomes) {
    for (const [child, base] of o.links) {
      let set = children.get(base);
      if (set === undefined) children.set(base, (set = new Set()));
      set.add(child);
    }
  }
  return children;
}

function unbuiltCell(
  platformIndex: number,
  o: PlatformOutcome | undefined,
  requested: string,
  stageName: string,
  slot: MountSlot,
  targetName: string | null,
): MountCell {
  let step: TraceStep;
  if (o !== undefined && o.error !== null) {
    step = { kind: "error", text: flat`BuildKit stops converting ${requested} before this mount: ${o.error.message}` };
  } else if (o !== undefined && o.built[slot.stageIndex] !== true) {
    const t = targetName === null ? "the target stage" : `target ${code(targetName)}`;
    step = {
      kind: "written",
      text: flat`Stage ${code(stageName)} is not built for ${t} on ${requested}: nothing the target needs reaches it, so BuildKit never evaluates this mount.`,
    };
  } else if (slot.trigger) {
    step = {
      kind: "written",
      text: flat`This ONBUILD mount only runs in stages built FROM its stage; none is built on ${requested}.`,
    };
  } else {
    step = { kind: "written", text: flat`On ${requested} this mount's type does not expand to ${code("cache")}.` };
  }
  return {
    platformIndex,
    built: false,
    target: "",
    id: "",
    cacheKey: "",
    sharing: "shared",
    execPlatform: "",
    hasBase: false,
    base: { kind: "none" },
    effectiveKey: "",
    variables: [],
    trace: [step],
  };
}
