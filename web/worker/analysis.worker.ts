/// <reference lib="webworker" />
/**
 * The playground's analysis worker: core.analyze off the main thread, replies
 * sent as changes against the page's last report, in parts (protocol.ts,
 * reply.ts), and the JIT warmed up in idle time (warm-up.ts). It assigns
 * `self.onmessage` (not a listener) so that test hooks can wrap it
 * (e2e/robustness.spec.ts).
 */
import { analyze } from "../core/analyze";
import type { Report } from "../core/report/types";
import type { AnalyzeRequest } from "./protocol";
import { replyMessages, type SentReport } from "./reply";
import { WarmUp } from "./warm-up";

/** The last report sent: the base of the next reply, when the page holds it. */
let last: SentReport | null = null;
const warmUp = new WarmUp();

self.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  warmUp.cancel();
  const { id, text, options, base } = event.data;
  let report: Report;
  const t0 = performance.now();
  try {
    report = analyze(text, options);
  } catch (error) {
    // analyze() is built never to throw; this is the last line of defence.
    self.postMessage({ id, ok: false, error: error instanceof Error ? error.message : String(error) });
    return;
  }
  const ms = performance.now() - t0;
  const messages = replyMessages(id, ms, report, text, last, base ?? null);
  last = { id, report, text };
  for (const message of messages) self.postMessage(message);
  warmUp.ran(text.length, () => analyze(text, options));
};
