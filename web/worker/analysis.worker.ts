/// <reference lib="webworker" />
/**
 * The playground's analysis worker: core.analyzeInSteps off the main thread,
 * the table sent before the findings, each as changes against the page's last
 * report, in parts (protocol.ts, reply.ts), and the JIT warmed up in idle
 * time (warm-up.ts). It assigns `self.onmessage` (not a listener) so that
 * test hooks can wrap it (e2e/robustness.spec.ts).
 */
import { analyze, analyzeInSteps } from "../core/analyze";
import type { Report, ReportTable } from "../core/report/types";
import type { AnalysisMessage, AnalyzeRequest } from "./protocol";
import { Reply, type SentReport } from "./reply";
import { WarmUp } from "./warm-up";

/** The last report sent: the base of the next reply, when the page holds it. */
let last: SentReport | null = null;
const warmUp = new WarmUp();

self.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  warmUp.cancel();
  const { id, text, options, base } = event.data;
  const reply = new Reply(id, text, last, base ?? null);
  const t0 = performance.now();
  let report: Report;
  try {
    const steps = analyzeInSteps(text, options);
    post(reply.table(performance.now() - t0, steps.table));
    report = steps.finish();
    // Only when the second step failed: the report is an error report, with a table of its own.
    if (!sameTable(report, steps.table)) post(reply.table(performance.now() - t0, report));
  } catch (error) {
    // analyzeInSteps() is built never to throw; this is the last line of defence.
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  post(reply.done(performance.now() - t0, report));
  last = { id, report, text };
  warmUp.ran(text.length, () => analyze(text, options));
};

function post(messages: readonly AnalysisMessage[]): void {
  for (const message of messages) self.postMessage(message);
}

function sameTable(a: ReportTable, b: ReportTable): boolean {
  return a.platforms === b.platforms && a.mounts === b.mounts && a.collisions === b.collisions && a.stages === b.stages;
}
