/**
 * The rows of the Report's mounts table: a written cache mount as one stage
 * runs it (an ONBUILD mount runs in every stage built FROM its stage). Each
 * row is made once per analysis and shared by every platform's cells, so
 * grouping cells into rows is an array index, not a lookup.
 */
import type { Command, MountSpec, RunCommand } from "../parse/types";

export interface MountSlot {
  /** Creation order: an index for per-row arrays. */
  readonly id: number;
  readonly stageIndex: number;
  /** Position of the RUN (or of its ONBUILD) in the file's commands. */
  readonly ordinal: number;
  readonly mountIndex: number;
  readonly run: RunCommand;
  readonly trigger: boolean;
}

export class MountSlots {
  readonly all: MountSlot[] = [];
  /** The first stage that runs a mount: the only one, except for ONBUILD mounts. */
  private readonly first = new Map<MountSpec, MountSlot>();
  /** Further stages running an ONBUILD mount, by stage index. */
  private readonly more = new Map<MountSpec, Map<number, MountSlot>>();

  constructor(private readonly ordinals: ReadonlyMap<Command, number>) {}

  /** The row of `run`'s mount `mountIndex` in stage `stageIndex`; the first call decides `trigger`. */
  get(stageIndex: number, run: RunCommand, mountIndex: number, trigger: boolean): MountSlot {
    const spec = run.mounts[mountIndex];
    if (spec === undefined) return this.make(stageIndex, run, mountIndex, trigger);
    const first = this.first.get(spec);
    if (first === undefined) {
      const slot = this.make(stageIndex, run, mountIndex, trigger);
      this.first.set(spec, slot);
      return slot;
    }
    if (first.stageIndex === stageIndex) return first;
    let more = this.more.get(spec);
    if (more === undefined) this.more.set(spec, (more = new Map()));
    let slot = more.get(stageIndex);
    if (slot === undefined) more.set(stageIndex, (slot = this.make(stageIndex, run, mountIndex, trigger)));
    return slot;
  }

  private make(stageIndex: number, run: RunCommand, mountIndex: number, trigger: boolean): MountSlot {
    const slot: MountSlot = {
      id: this.all.length,
      stageIndex,
      ordinal: this.ordinals.get(run) ?? -1,
      mountIndex,
      run,
      trigger,
    };
    this.all.push(slot);
    return slot;
  }
}
