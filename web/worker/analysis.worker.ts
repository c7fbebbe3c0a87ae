/// <reference lib="webworker" />
// The thin Web Worker around core.analyze: heavy files never block typing.
import { analyze } from "../core/analyze";
import type { AnalyzeRequest, AnalyzeResponse } from "./protocol";

self.onmessage = (event: MessageEvent<AnalyzeRequest>) => {
  const { id, text, options } = event.data;
  let reply: AnalyzeResponse;
  try {
    const t0 = performance.now();
    const report = analyze(text, options);
    reply = { id, ok: true, report, ms: performance.now() - t0 };
  } catch (error) {
    // analyze() is built never to throw; this is the last line of defence.
    reply = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
