/**
 * Lists that every dispatch fills and empties again, one set per analysis:
 * a RUN's parsed mounts and field expansions, a stage's cells, a cell's
 * trace. What outlives the dispatch is copied out at its exact size, so a
 * dispatch allocates only that, not a growing array per RUN, stage and cell
 * on every platform. Dispatches never nest, and each list has one user.
 */
import type { ExpandResult } from "../expand/index";
import type { TraceStep } from "../report/types";
import type { CellCore } from "./mount-cell";
import type { ParsedRunMount } from "./mount-parse";

/**
 * A list over an array that is never shrunk: `array.length = 0` would make
 * V8 drop the array's storage, and the next push allocate it again.
 */
export class ScratchList<T> {
  private readonly items: T[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  clear(): void {
    this.size = 0;
  }

  push(item: T): void {
    if (this.size < this.items.length) this.items[this.size] = item;
    else this.items.push(item);
    this.size++;
  }

  /** The item at `i` (< length). */
  at(i: number): T {
    return this.items[i] as T;
  }

  /** The items at their exact size, or `none` when there are none. */
  copy(none: readonly T[]): readonly T[] {
    return this.size === 0 ? none : this.items.slice(0, this.size);
  }
}

/**
 * A sentence written piece by piece, then joined once (trace.ts): one array
 * for every sentence of the analysis, and no partial strings. Slots past the
 * pieces in use always hold "", so joining the whole array gives the sentence.
 */
export class Pieces {
  private readonly parts: (string | number)[] = [];
  private size = 0;

  add(piece: string | number): this {
    if (this.size < this.parts.length) this.parts[this.size] = piece;
    else this.parts.push(piece);
    this.size++;
    return this;
  }

  /** The sentence; the pieces are cleared for the next one. */
  take(): string {
    const parts = this.parts;
    const sentence = parts.join("");
    for (let i = 0; i < this.size; i++) parts[i] = "";
    this.size = 0;
    return sentence;
  }
}

export class Scratch {
  /** dispatchRun: each mount parsed, before any is placed. */
  readonly mounts = new ScratchList<ParsedRunMount>();
  /** parseExpandedMount: each field's expansion (null for a bare key). */
  readonly fields = new ScratchList<ExpandResult | null>();
  /** The cells of the stage being dispatched (stage-state.ts initState / settle). */
  readonly cores = new ScratchList<CellCore>();
  /** buildCore: the trace of the cell being built. */
  readonly trace = new ScratchList<TraceStep>();
  /** trace.ts describeVariable: the sentence being written. */
  readonly sentence = new Pieces();
  /** dispatchEnv: each key and value, expanded before any is set. */
  readonly strings = new ScratchList<string>();
}
