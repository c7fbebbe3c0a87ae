/**
 * The reply protocol's invariant: whatever the edits, the report the page
 * assembles from a reply (refs, moved findings, an edit of the fixed text) is
 * exactly the report analyze() gives for the new text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../core/analyze";
import type { AnalyzeOptions } from "../core/report/types";
import { cleanDockerfile, mutate, mutation } from "../core/robustness/arbitraries";
import { AnalysisClient } from "./analysis-client";
import type { AnalysisMessage, AnalyzeRequest } from "./protocol";
import { replyMessages, type SentReport } from "./reply";

const OPTIONS: AnalyzeOptions = { platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7"] };

/** analysis.worker.ts, answering at once. */
function connect(): AnalysisClient {
  let last: SentReport | null = null;
  return new AnalysisClient(() => {
    const worker = {
      onmessage: null as ((event: MessageEvent<AnalysisMessage>) => void) | null,
      onerror: null,
      terminate() {},
      postMessage(request: AnalyzeRequest) {
        const report = analyze(request.text, request.options);
        const messages = replyMessages(request.id, 1, report, request.text, last, request.base);
        last = { id: request.id, report, text: request.text };
        for (const data of messages) worker.onmessage?.({ data } as MessageEvent<AnalysisMessage>);
      },
    };
    return worker as unknown as Worker;
  });
}

describe("reply protocol", () => {
  it("assembles, edit after edit, exactly the report analyze() gives", () => {
    fc.assert(
      fc.property(
        cleanDockerfile,
        fc.array(fc.array(mutation, { minLength: 1, maxLength: 2 }), { maxLength: 6 }),
        (text, edits) => {
          const client = connect();
          let current = text;
          client.request(current, OPTIONS);
          expect(client.getSnapshot().report).toEqual(analyze(current, OPTIONS));
          for (const edit of edits) {
            current = mutate(current, edit);
            client.request(current, OPTIONS);
            expect(client.getSnapshot().report).toEqual(analyze(current, OPTIONS));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
