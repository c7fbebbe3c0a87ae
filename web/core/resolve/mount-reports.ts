/**
 * The Report's `mounts`: every written `type=cache` mount in source order (an
 * ONBUILD mount once per stage that runs it), with one cell per platform —
 * the resolved key where the platform built it, an explanation where not.
 */
import type { Command, RunCommand } from "../parse/types";
import type { MountCell, MountReport, TraceStep } from "../report/types";
import type { LineIndex } from "../source";
import type { PlatformOutcome } from "./convert";
import type { CellDraft } from "./mount-cell";
import type { Prepared } from "./prepare";
import { code } from "./trace";

/** A written cache mount run by one stage (a trigger mount can run in several). */
interface MountSlot {
  readonly stageIndex: number;
  readonly ordinal: number;
  readonly mountIndex: number;
  readonly run: RunCommand;
  readonly trigger: boolean;
}

/** A number, not a string, so that thousands of cells cost no string building. */
function slotKey(stageIndex: number, ordinal: number, mountIndex: number): number {
  return (stageIndex * 1_048_576 + (ordinal + 1)) * 4096 + mountIndex;
}

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
    if ((f.key === "target" || f.key === "dst" || f.key === "destination") && f.value !== null) target = f.value.text;
  }
  return target;
}

export function buildMountReports(
  prep: Prepared,
  outcomes: readonly PlatformOutcome[],
  requested: readonly { readonly requested: string }[],
  lineIndex: LineIndex,
  ordinals: ReadonlyMap<Command, number>,
  targetName: string | null,
): MountReport[] {
  // Cells by slot, per platform.
  const cellsBySlot = new Map<number, (CellDraft | undefined)[]>();
  const slots = new Map<number, MountSlot>();
  const addSlot = (slot: MountSlot) => {
    const key = slotKey(slot.stageIndex, slot.ordinal, slot.mountIndex);
    if (!slots.has(key)) slots.set(key, slot);
    return key;
  };
  outcomes.forEach((o, p) => {
    for (const c of o.cells) {
      const ordinal = ordinals.get(c.run) ?? -1;
      const key = addSlot({
        stageIndex: c.stageIndex,
        ordinal,
        mountIndex: c.mountIndex,
        run: c.run,
        trigger: c.trigger,
      });
      let arr = cellsBySlot.get(key);
      if (arr === undefined) {
        arr = new Array<CellDraft | undefined>(outcomes.length);
        cellsBySlot.set(key, arr);
      }
      arr[p] = c;
    }
  });

  // Written cache mounts, and ONBUILD cache mounts in every stage built FROM their stage.
  const children = new Map<number, Set<number>>();
  for (const o of outcomes) {
    for (const [child, base] of o.links) {
      let set = children.get(base);
      if (set === undefined) children.set(base, (set = new Set()));
      set.add(child);
    }
  }
  for (const stage of prep.stages) {
    for (const pc of stage.commands) {
      const c = pc.command;
      const run =
        c.kind === "run" ? c : c.kind === "onbuild" && c.inner !== null && c.inner.kind === "run" ? c.inner : null;
      if (run === null) continue;
      const ordinal = ordinals.get(run) ?? -1;
      const isTrigger = c.kind === "onbuild";
      const runners = isTrigger ? [...(children.get(stage.index) ?? [])] : [stage.index];
      if (isTrigger && runners.length === 0) runners.push(stage.index);
      run.mounts.forEach((_, mountIndex) => {
        if (writtenType(run, mountIndex) !== "cache") return;
        for (const s of runners) addSlot({ stageIndex: s, ordinal, mountIndex, run, trigger: isTrigger });
      });
    }
  }

  const ordered = [...slots.entries()].sort(
    ([, a], [, b]) => a.stageIndex - b.stageIndex || a.ordinal - b.ordinal || a.mountIndex - b.mountIndex,
  );
  return ordered.map(([key, slot], index) => {
    const stage = prep.stages[slot.stageIndex];
    const spec = slot.run.mounts[slot.mountIndex];
    const drafts = cellsBySlot.get(key);
    const cells: MountCell[] = outcomes.map((o, p) => {
      const d = drafts?.[p];
      if (d !== undefined) {
        return {
          platformIndex: p,
          built: true,
          target: d.target,
          id: d.id,
          cacheKey: d.cacheKey,
          sharing: d.sharing,
          execPlatform: d.execPlatform,
          hasBase: d.hasBase,
          base: d.base,
          effectiveKey: d.effectiveKey,
          variables: d.variables,
          trace: d.trace,
        };
      }
      return unbuiltCell(p, o, requested[p]?.requested ?? "", stage?.stageName ?? "", slot, targetName);
    });
    return {
      index,
      line:
        slot.trigger && stage !== undefined && stage.index !== prepStageOf(prep, slot.run)
          ? stage.from.startLine
          : slot.run.startLine,
      stageIndex: slot.stageIndex,
      stage: stage?.name ?? null,
      range: lineIndex.range(spec?.flag.span ?? slot.run.span),
      writtenTarget: writtenTarget(slot.run, slot.mountIndex),
      command: slot.run.command,
      cells,
    };
  });
}

/** Stage index whose ONBUILD holds this trigger RUN. */
function prepStageOf(prep: Prepared, run: RunCommand): number {
  for (const s of prep.stages) {
    for (const pc of s.commands)
      if (pc.command === run || (pc.command.kind === "onbuild" && pc.command.inner === run)) return s.index;
  }
  return -1;
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
    step = { kind: "error", text: `BuildKit stops converting ${requested} before this mount: ${o.error.message}` };
  } else if (o !== undefined && o.built[slot.stageIndex] !== true) {
    const t = targetName === null ? "the target stage" : `target ${code(targetName)}`;
    step = {
      kind: "written",
      text: `Stage ${code(stageName)} is not built for ${t} on ${requested}: nothing the target needs reaches it, so BuildKit never evaluates this mount.`,
    };
  } else if (slot.trigger) {
    step = {
      kind: "written",
      text: `This ONBUILD mount only runs in stages built FROM its stage; none is built on ${requested}.`,
    };
  } else {
    step = { kind: "written", text: `On ${requested} this mount's type does not expand to ${code("cache")}.` };
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
