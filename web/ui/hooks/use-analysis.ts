import { useEffect, useRef, useState } from "react";
import type { AnalyzeOptions, Report } from "../../core/report/types";
import type { AnalyzeRequest, AnalyzeResponse } from "../../worker/protocol";

export interface AnalysisState {
  /** The last good report (kept while a newer run is pending or failed). */
  readonly report: Report | null;
  /** The text that `report` was computed from. */
  readonly reportText: string | null;
  /** A failure of the latest run, shown beside the last good results. */
  readonly error: string | null;
  readonly pending: boolean;
  /** Milliseconds the worker spent on the last run. */
  readonly ms: number | null;
}

/** A run that takes longer than this is cancelled (worker restarted) when newer input arrives. */
const CANCEL_AFTER_MS = 400;

/**
 * Runs core.analyze in a Web Worker. Requests are coalesced: at most one run is in
 * flight, the newest input waits, and stale replies are dropped. A run that takes
 * too long is cancelled by restarting the worker, so a huge paste never freezes typing.
 */
export function useAnalysis(text: string, options: AnalyzeOptions): AnalysisState {
  const [state, setState] = useState<AnalysisState>({
    report: null,
    reportText: null,
    error: null,
    pending: true,
    ms: null,
  });
  const workerRef = useRef<Worker | null>(null);
  const inFlight = useRef<{ id: number; since: number; text: string } | null>(null);
  const queued = useRef<AnalyzeRequest | null>(null);
  const nextId = useRef(1);
  const sendRef = useRef<((request: AnalyzeRequest) => void) | null>(null);

  useEffect(() => {
    const spawn = (): Worker => {
      const worker = new Worker(new URL("../../worker/analysis.worker.ts", import.meta.url), {
        type: "module",
        name: "analysis",
      });
      worker.onmessage = (event: MessageEvent<AnalyzeResponse>) => {
        const reply = event.data;
        const current = inFlight.current;
        if (!current || reply.id !== current.id) return; // stale
        inFlight.current = null;
        const next = queued.current;
        queued.current = null;
        if (reply.ok) {
          setState({
            report: reply.report,
            reportText: current.text,
            error: null,
            pending: next !== null,
            ms: reply.ms,
          });
        } else {
          setState((s) => ({ ...s, error: reply.error, pending: next !== null }));
        }
        if (next) send(next);
      };
      worker.onerror = (event) => {
        inFlight.current = null;
        setState((s) => ({ ...s, error: `The analysis worker failed: ${event.message}`, pending: false }));
      };
      return worker;
    };
    const send = (request: AnalyzeRequest) => {
      inFlight.current = { id: request.id, since: performance.now(), text: request.text };
      workerRef.current?.postMessage(request);
    };
    workerRef.current = spawn();
    sendRef.current = (request: AnalyzeRequest) => {
      const running = inFlight.current;
      if (!running) return send(request);
      if (performance.now() - running.since > CANCEL_AFTER_MS) {
        // Cancel the slow run: a fresh worker is cheaper than waiting for stale work.
        workerRef.current?.terminate();
        workerRef.current = spawn();
        return send(request);
      }
      queued.current = request;
    };
    return () => {
      workerRef.current?.terminate();
      workerRef.current = null;
      inFlight.current = null;
      queued.current = null;
    };
  }, []);

  useEffect(() => {
    const request: AnalyzeRequest = { id: nextId.current++, text, options };
    sendRef.current?.(request);
  }, [text, options]);

  // Pending is derived: the results shown are for older text, or a newer run is queued.
  return state.reportText === text && !state.pending ? state : { ...state, pending: true };
}
