import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from "react";
import type { AnalyzeOptions, Report, ReportTable } from "../../core/report/types";
import { AnalysisClient, optionsKey, spawnAnalysisWorker } from "../../worker/analysis-client";

export interface AnalysisState {
  /** The last good report (kept while a newer run is pending or failed). */
  readonly report: Report | null;
  /** The text that `report` was computed from. */
  readonly reportText: string | null;
  /** The newest table: ahead of `report` while a run's findings are on their way (protocol.ts). */
  readonly table: ReportTable | null;
  /** A failure of the latest run, shown beside the last good results. */
  readonly error: string | null;
  readonly pending: boolean;
  /** Milliseconds the worker spent on the last run. */
  readonly ms: number | null;
}

export interface Analysis extends AnalysisState {
  /**
   * Sends the editor's new text to the worker now, with the current options,
   * without waiting for React to render it (the text's state update can then
   * render at low priority). Stable across renders.
   */
  readonly analyzeNow: (text: string) => void;
}

/**
 * Runs core.analyze in a Web Worker (web/worker/analysis-client.ts: coalescing,
 * stale replies dropped, slow runs cancelled). `boot` hands over a client that
 * is already analysing the first state (analysis/early-start.ts).
 */
export function useAnalysis(text: string, options: AnalyzeOptions, boot?: () => AnalysisClient | null): Analysis {
  const [client] = useState(() => boot?.() ?? new AnalysisClient(spawnAnalysisWorker));
  useEffect(() => () => client.stop(), [client]);
  // Options changes, examples, links; typing was already sent by analyzeNow (the client drops repeats).
  useEffect(() => client.request(text, options), [client, text, options]);
  const snapshot = useSyncExternalStore(client.subscribe, client.getSnapshot, client.getSnapshot);
  const analyzeNow = useCallback((next: string) => client.requestText(next), [client]);

  // Pending is derived: the results shown are for older text or other options, or a newer run is on its
  // way. Derived here, not from the client's busy flag alone: that one is set by an effect, a render
  // after the options changed, and a click in between would apply a fix made for the old options.
  const key = useMemo(() => optionsKey(options), [options]);
  const pending = snapshot.reportText !== text || snapshot.reportKey !== key || snapshot.busy;
  const { report, reportText, table, error, ms } = snapshot;
  return useMemo(
    () => ({ report, reportText, table, error, pending, ms, analyzeNow }),
    [report, reportText, table, error, pending, ms, analyzeNow],
  );
}
