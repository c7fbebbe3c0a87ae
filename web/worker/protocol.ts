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
 *   few milliseconds to deserialize.
 * A failure is one message.
 */
import type {
  AnalyzeOptions,
  Collision,
  Finding,
  MountReport,
  PlatformResult,
  Report,
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

/** The report's other lists, as refs too (a 10,000-line file has ~1,000 stages and collisions of ~2,000 cells). */
export interface ReportHead extends Omit<Report, "platforms" | "stages" | "collisions" | "fixed"> {
  readonly platforms: readonly Ref<PlatformResult>[];
  readonly stages: readonly Ref<StageInfo>[];
  readonly collisions: readonly Ref<Collision>[];
  /** The fixed text, or the one edit that turns the base's fixed text into it. */
  readonly fixed: string | TextEdit;
}

/** Worker → UI. Every message of one run carries the request's `id` and analyze()'s time. */
export type AnalysisMessage =
  /** A part; more follow. */
  | { readonly id: number; readonly ok: true; readonly ms: number; readonly part: ReportPart }
  /**
   * The last message: the report without its mounts and findings, which are the
   * parts before, then `part`; its platforms, stages and collisions as refs.
   * `base` names the report that indexes refer to; `shift` moves the base's
   * offsets into this report's text (null: none moved).
   */
  | {
      readonly id: number;
      readonly ok: true;
      readonly ms: number;
      readonly report: ReportHead;
      readonly part: ReportPart;
      readonly base: number | null;
      readonly shift: TextShift | null;
      readonly done: true;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Cells per part: about 0.6 MB of structured clone, a few ms to deserialize. */
export const CELLS_PER_PART = 2048;
/** Findings per part. */
export const FINDINGS_PER_PART = 512;
