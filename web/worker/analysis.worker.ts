/// <reference lib="webworker" />
/**
 * The playground's analysis worker: core.analyzeInSteps off the main thread,
 * the table sent before the findings, each as changes against the page's last
 * report, in parts (protocol.ts, reply.ts), and the JIT warmed up in idle
 * time (warm-up.ts). It assigns `self.onmessage` (not a listener) so that
 * test hooks can wrap it (e2e/robustness.spec.ts).
 */
import { analyzeInSteps } from "../core/analyze";
import type { ReportTable } from "../core/report/types";
import type { AnalysisMessage, AnalyzeRequest } from "./protocol";
import { Reply, type SentReport } from "./reply";
import { WarmUp } from "./warm-up";

/** The last report sent: the base of the next reply, when the page holds it. */
let last: SentReport | null = null;
const warmUp = new WarmUp();

self.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  warmUp.cancel();
  const request = event.data;
  try {
    last = answer(request, post);
  } catch (error) {
    // analyzeInSteps() is built never to throw; this is the last line of defence.
    self.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  // The warm-up runs what a request runs (analysis and reply, against the report just sent), unposted.
  const sent = last;
  warmUp.ran(request.text.length, () => answer({ ...request, base: sent.id }, () => {}, sent));
};

/** Answers a request through `send`, the table first; returns the report sent, the next reply's base. */
function answer(
  request: AnalyzeRequest,
  send: (messages: readonly AnalysisMessage[]) => void,
  base = last,
): SentReport {
  const { id, text, options } = request;
  const reply = new Reply(id, text, base, request.base ?? null);
  const t0 = performance.now();
  const steps = analyzeInSteps(text, options);
  send(reply.table(performance.now() - t0, steps.table));
  const report = steps.finish();
  // Only when the second step failed: the report is an error report, with a table of its own.
  if (!sameTable(report, steps.table)) send(reply.table(performance.now() - t0, report));
  send(reply.done(performance.now() - t0, report));
  return { id, report, text };
}

function post(messages: readonly AnalysisMessage[]): void {
  for (const message of messages) self.postMessage(message);
}

function sameTable(a: ReportTable, b: ReportTable): boolean {
  return a.platforms === b.platforms && a.mounts === b.mounts && a.collisions === b.collisions && a.stages === b.stages;
}
