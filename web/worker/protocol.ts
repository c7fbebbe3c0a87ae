/**
 * The playground's wire format to its analysis worker (analysis.worker.ts).
 *
 * A report for a big Dockerfile is big (10,000 lines on 8 platforms: ~10 MB of
 * structured clone), and one structured clone of it blocks the page for 50 ms
 * or more, then feeds the garbage collector. So:
 * - a reply only carries the mounts and findings that changed since the report
 *   the page already holds (`base`); the others are sent as their index in it,
 *   and the page reuses its objects (unchanged rows then skip re-rendering);
 * - a finding that only moved (an edit above it shifted its fix's offsets) is
 *   sent as the base's index, marked moved, and the fixed text as the one edit
 *   that changed it (text-shift.ts): a keystroke's reply stays small;
 * - a big reply comes in parts, so that no message costs the page more than a
 *   few milliseconds to deserialize;
 * - the table comes first, before the rules' checks and fixes have run (about
 *   half the analysis), so typing updates the table sooner.
 * A failure is one message.
 */
import type {
  AnalyzeOptions,
  Collision,
  Finding,
  MountReport,
  PlatformResult,
  ReportTable,
  StageInfo,
  TextEdit,
} from "../core/report/types";
import type { TextShift } from "./text-shift";

/** Page → worker: analyse this text. `id` lets the page drop stale replies. */
export interface AnalyzeRequest {
  readonly id: number;
  readonly text: string;
  readonly options: AnalyzeOptions;
  /** Id of the last report this worker sent that the page assembled, or null. */
  readonly base: number | null;
}

/** An item, or the index of the equal item in the base report. */
export type Ref<T> = T | number;

/**
 * A finding, or a base finding's index `i`: as is (`i`), or moved by the
 * reply's `shift` (`-1 - i`, see movedRef).
 */
export type FindingRef = Ref<Finding>;

/** The ref of base finding `index`, moved by the reply's shift. */
export const movedRef = (index: number): number => -1 - index;
/** The base index a moved ref names (its own inverse). */
export const movedIndex = movedRef;

/** Some of the report's mounts and findings, in order. */
export interface ReportPart {
  readonly mounts: readonly Ref<MountReport>[];
  readonly findings: readonly FindingRef[];
}

/**
 * The table's fields but its mounts (which come in parts), its lists as refs
 * too (a 10,000-line file has ~1,000 stages and collisions of ~2,000 cells).
 */
export interface TableHead extends Omit<ReportTable, "platforms" | "stages" | "collisions" | "mounts"> {
  readonly platforms: readonly Ref<PlatformResult>[];
  readonly stages: readonly Ref<StageInfo>[];
  readonly collisions: readonly Ref<Collision>[];
}

/**
 * Worker → UI. A run answers in two steps: the table (its mounts in parts,
 * then `table`), then the findings (in parts, then `done` with the fixed
 * text). The page shows the table as soon as it has it. Refs index the
 * report `base` names, the page's last whole report.
 */
export type AnalysisMessage =
  /** More mounts (before `table`) or findings (after it). */
  | { readonly id: number; readonly ok: true; readonly part: ReportPart }
  /**
   * The table is complete: the mounts of the parts before, then `part`'s.
   * `shift` moves the base's offsets into this run's text (null: none moved).
   * `ms`: analysis time until now. A run sends a second table only when its
   * second step failed and replaced the report (with no mounts).
   */
  | {
      readonly id: number;
      readonly ok: true;
      readonly ms: number;
      readonly table: TableHead;
      readonly part: ReportPart;
      readonly base: number | null;
      readonly shift: TextShift | null;
    }
  /**
   * The report is complete: the findings of the parts after `table`, then
   * `part`'s. `fixed`: the fixed text, or the one edit that turns the base's
   * fixed text into it. `ms`: the whole analysis.
   */
  | {
      readonly id: number;
      readonly ok: true;
      readonly ms: number;
      readonly fixed: string | TextEdit;
      readonly part: ReportPart;
      readonly done: true;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Cells per part: about 0.6 MB of structured clone, a few ms to deserialize. */
export const CELLS_PER_PART = 2048;
/** Findings per part. */
export const FINDINGS_PER_PART = 512;
