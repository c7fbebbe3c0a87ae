import type { AnalyzeOptions, Report } from "../core/report/types";

/** UI → worker: analyse this text. `id` lets the UI drop stale replies. */
export interface AnalyzeRequest {
  readonly id: number;
  readonly text: string;
  readonly options: AnalyzeOptions;
}

/** Worker → UI. */
export type AnalyzeResponse =
  | { readonly id: number; readonly ok: true; readonly report: Report; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string };
