/**
 * The playground's wire format to its analysis worker (analysis.worker.ts).
 *
 * A report for a big Dockerfile is big (10,000 lines on 8 platforms: ~10 MB of
 * structured clone), and one structured clone of it blocks the page for 50 ms
 * or more, then feeds the garbage collector. So:
 * - a reply only carries the mounts and findings that changed since the report
 *   the page already holds (`base`); the others are sent as their index in it,
 *   and the page reuses its objects (unchanged rows then skip re-rendering);
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
} from "../core/report/types";

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

/** Some of the report's mounts and findings, in order. */
export interface ReportPart {
  readonly mounts: readonly Ref<MountReport>[];
  readonly findings: readonly Ref<Finding>[];
}

/** The report's other lists, as refs too (a 10,000-line file has ~1,000 stages and collisions of ~2,000 cells). */
export interface ReportHead extends Omit<Report, "platforms" | "stages" | "collisions"> {
  readonly platforms: readonly Ref<PlatformResult>[];
  readonly stages: readonly Ref<StageInfo>[];
  readonly collisions: readonly Ref<Collision>[];
}

/** Worker → UI. Every message of one run carries the request's `id` and analyze()'s time. */
export type AnalysisMessage =
  /** A part; more follow. */
  | { readonly id: number; readonly ok: true; readonly ms: number; readonly part: ReportPart }
  /**
   * The last message: the report without its mounts and findings, which are the
   * parts before, then `part`; its platforms, stages and collisions as refs.
   * `base` names the report that indexes refer to.
   */
  | {
      readonly id: number;
      readonly ok: true;
      readonly ms: number;
      readonly report: ReportHead;
      readonly part: ReportPart;
      readonly base: number | null;
      readonly done: true;
    }
  | { readonly id: number; readonly ok: false; readonly error: string };

/** Cells per part: about 0.6 MB of structured clone, a few ms to deserialize. */
export const CELLS_PER_PART = 2048;
/** Findings per part. */
export const FINDINGS_PER_PART = 512;
