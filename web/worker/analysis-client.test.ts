import { afterEach, describe, expect, it, vi } from "vitest";
import { analyze } from "../core/analyze";
import type { AnalyzeOptions } from "../core/report/types";
import { AnalysisClient, optionsKey } from "./analysis-client";
import type { AnalysisMessage, AnalyzeRequest } from "./protocol";
import { Reply, replyMessages, type SentReport } from "./reply";

const OPTIONS: AnalyzeOptions = { platforms: ["linux/amd64", "linux/arm64"], buildPlatform: "linux/amd64" };

const A = "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n";
const B = "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apkx apk add git\n";
const C = "FROM alpine\nARG TARGETARCH\nRUN --mount=type=cache,id=apk-$TARGETARCH,target=/var/cache/apk apk add git\n";

/** Plays analysis.worker.ts synchronously, on demand. */
class FakeWorker {
  onmessage: ((event: MessageEvent<AnalysisMessage>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  readonly posted: AnalyzeRequest[] = [];
  private readonly pending: AnalyzeRequest[] = [];
  private last: SentReport | null = null;
  terminated = false;
  /** Every message sent, to count parts. */
  readonly sent: AnalysisMessage[] = [];

  postMessage(request: AnalyzeRequest): void {
    this.posted.push(request);
    this.pending.push(request);
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Analyses the oldest request and delivers its reply. */
  answer(): void {
    const request = this.pending.shift();
    if (!request) throw new Error("nothing to answer");
    const report = analyze(request.text, request.options);
    const messages = replyMessages(request.id, 1, report, request.text, this.last, request.base);
    this.last = { id: request.id, report, text: request.text };
    for (const m of messages) this.deliver(m);
  }
  deliver(message: AnalysisMessage): void {
    this.sent.push(message);
    this.onmessage?.({ data: message } as MessageEvent<AnalysisMessage>);
  }
}

function setup(now: () => number = () => 0) {
  const workers: FakeWorker[] = [];
  const client = new AnalysisClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  }, now);
  const worker = () => workers[workers.length - 1]!;
  return { client, workers, worker };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("AnalysisClient", () => {
  it("resolves the newest text and drops the texts typed while a run was in flight", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    client.request(B, OPTIONS);
    client.request(C, OPTIONS);
    expect(worker().posted.map((r) => r.text)).toEqual([A]);
    worker().answer();
    expect(client.getSnapshot().reportText).toBe(A);
    expect(client.getSnapshot().busy).toBe(true);
    expect(worker().posted.map((r) => r.text)).toEqual([A, C]);
    worker().answer();
    expect(client.getSnapshot()).toMatchObject({ reportText: C, busy: false, error: null });
    expect(client.getSnapshot().report).toEqual(analyze(C, OPTIONS));
  });

  it("keeps a text the editor sent from being sent again when React state catches up", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    worker().answer();
    client.requestText(B);
    client.requestText(C);
    client.request(B, { ...OPTIONS }, "state");
    client.request(C, { ...OPTIONS }, "state");
    worker().answer();
    worker().answer();
    expect(worker().posted.map((r) => r.text)).toEqual([A, B, C]);
    expect(client.getSnapshot().reportText).toBe(C);
  });

  it("sends the text again when the options change", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    worker().answer();
    expect(client.getSnapshot().reportKey).toBe(optionsKey(OPTIONS));
    const other = { ...OPTIONS, platforms: ["linux/s390x"] };
    client.request(A, other);
    expect(worker().posted.map((r) => r.options.platforms)).toEqual([OPTIONS.platforms, ["linux/s390x"]]);
    // The report says which options it was made with, so the page can tell it is not for these.
    expect(client.getSnapshot().reportKey).not.toBe(optionsKey(other));
    worker().answer();
    expect(client.getSnapshot().reportKey).toBe(optionsKey(other));
  });

  it("reuses the unchanged mounts of the report it holds (the same objects)", () => {
    const { client, worker } = setup();
    const two = (target: string) =>
      `FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add git\nRUN --mount=type=cache,target=${target} true\n`;
    client.request(two("/a"), OPTIONS);
    worker().answer();
    const first = client.getSnapshot().report!;
    client.request(two("/b"), OPTIONS);
    expect(worker().posted[1]!.base).toBe(worker().posted[0]!.id);
    worker().answer();
    const second = client.getSnapshot().report!;
    expect(second).toEqual(analyze(two("/b"), OPTIONS));
    expect(second.mounts[0]).toBe(first.mounts[0]);
    expect(second.mounts[1]).not.toBe(first.mounts[1]);
    expect(second.mounts).not.toBe(first.mounts);
    // Lists whose every item is unchanged are the same lists.
    expect(second.platforms).toBe(first.platforms);
    expect(second.stages).toBe(first.stages);
  });

  it("sends a finding that only moved with the text as its base index, and the fixed text as one edit", () => {
    const { client, worker } = setup();
    const lines = ["FROM alpine"];
    for (let i = 0; i < 20; i++) lines.push(`RUN --mount=type=cache,target=/var/cache/apk apk add p${i}`);
    const before = lines.join("\n") + "\n";
    const after = "# one more line above every finding\n" + before;
    client.request(before, OPTIONS);
    worker().answer();
    const first = client.getSnapshot().report!;
    client.request(after, OPTIONS);
    worker().answer();
    const reply = worker().sent.at(-1)!;
    if (!reply.ok || !("done" in reply)) throw new Error("expected the last message of a run");
    // Every finding moved down one line, so it is sent whole (its range changed) …
    expect(reply.part.findings.filter((f) => typeof f !== "number")).toHaveLength(first.findings.length);
    expect(client.getSnapshot().report).toEqual(analyze(after, OPTIONS));

    // … but typing inside the comment moves only the fixes' offsets: every finding is a moved index.
    const typed = after.replace("more", "mor e");
    client.request(typed, OPTIONS);
    worker().answer();
    const small = worker().sent.at(-1)!;
    if (!small.ok || !("done" in small)) throw new Error("expected the last message of a run");
    expect(small.part.findings.length).toBeGreaterThan(0);
    expect(small.part.findings.every((f) => typeof f === "number" && f < 0)).toBe(true);
    expect(typeof small.fixed).toBe("object");
    expect(JSON.stringify(worker().sent.slice(-2)).length).toBeLessThan(2000);
    expect(client.getSnapshot().report).toEqual(analyze(typed, OPTIONS));
  });

  it("shows a run's table before its findings arrive", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    worker().answer();
    const first = client.getSnapshot();
    client.request(B, OPTIONS);
    const request = worker().posted[1]!;
    const report = analyze(B, OPTIONS);
    const messages = replyMessages(
      request.id,
      1,
      report,
      B,
      { id: worker().posted[0]!.id, report: first.report!, text: A },
      request.base,
    );
    const table = messages.findIndex((m) => m.ok && "table" in m);
    for (const m of messages.slice(0, table + 1)) worker().deliver(m);
    const between = client.getSnapshot();
    expect(between).toMatchObject({ reportText: A, tableText: B, busy: true });
    expect(between.report).toBe(first.report);
    const { findings: _f, fixed: _x, ...tableOfB } = report;
    expect(between.table).toEqual(tableOfB);
    for (const m of messages.slice(table + 1)) worker().deliver(m);
    const after = client.getSnapshot();
    expect(after).toMatchObject({ reportText: B, tableText: B, busy: false });
    expect(after.report).toEqual(report);
    // The table the page already shows stays the same object: no second render of it.
    expect(after.table).toBe(between.table);
    expect(after.report!.mounts).toBe(between.table!.mounts);
  });

  it("takes a run's second table over its first (the worker sends one when the second step failed)", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    const id = worker().posted[0]!.id;
    const reply = new Reply(id, A, null, null);
    const first = analyze(A, OPTIONS);
    const replaced = analyze(C, OPTIONS);
    for (const m of reply.table(1, first)) worker().deliver(m);
    expect(client.getSnapshot().table?.mounts).toEqual(first.mounts);
    for (const m of [...reply.table(2, replaced), ...reply.done(3, replaced)]) worker().deliver(m);
    expect(client.getSnapshot()).toMatchObject({ report: replaced, reportText: A, busy: false, ms: 3 });
    expect(client.getSnapshot().report!.mounts).toBe(client.getSnapshot().table!.mounts);
  });

  it("assembles a big report sent in parts", () => {
    const { client, worker } = setup();
    // 300 mounts × 8 platforms: over CELLS_PER_PART cells.
    const eight = {
      ...OPTIONS,
      platforms: ["amd64", "arm64", "arm/v7", "arm/v6", "386", "ppc64le", "s390x", "riscv64"],
    };
    const lines = ["FROM alpine"];
    for (let i = 0; i < 300; i++) lines.push(`RUN --mount=type=cache,target=/cache/${i} true`);
    const text = lines.join("\n") + "\n";
    client.request(text, eight);
    worker().answer();
    // The mounts in two messages (a part, then the table), then the findings with the fixed text.
    expect(worker().sent.length).toBe(3);
    expect(client.getSnapshot().report).toEqual(analyze(text, eight));
  });

  it("cancels a run that takes too long when newer input arrives, and ignores its late reply", () => {
    let t = 0;
    const { client, workers } = setup(() => t);
    client.request(A, OPTIONS);
    t = 1000;
    client.request(C, OPTIONS);
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.posted.map((r) => r.text)).toEqual([C]);
    expect(workers[1]!.posted[0]!.base).toBeNull();
    workers[0]!.answer();
    expect(client.getSnapshot().report).toBeNull();
    workers[1]!.answer();
    expect(client.getSnapshot().reportText).toBe(C);
  });

  it("cancels a hung run once it has run too long, when newer input waits behind it", () => {
    vi.useFakeTimers();
    const { client, workers } = setup(() => Date.now());
    client.request(A, OPTIONS);
    workers[0]!.answer();
    client.request(B, OPTIONS);
    vi.advanceTimersByTime(100);
    client.request(C, OPTIONS);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(299);
    expect(workers).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(workers).toHaveLength(2);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.posted.map((r) => r.text)).toEqual([C]);
    workers[1]!.answer();
    expect(client.getSnapshot()).toMatchObject({ reportText: C, busy: false });
  });

  it("reports a crashed worker as the run's error, not as an error of the page", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    let prevented = false;
    const event = {
      message: "simulated crash",
      preventDefault: () => {
        prevented = true;
      },
    };
    worker().onerror?.(event as unknown as ErrorEvent);
    expect(prevented).toBe(true);
    expect(client.getSnapshot()).toMatchObject({ error: "The analysis worker failed: simulated crash", busy: false });
  });

  it("keeps the last good report beside a failed run's error", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    worker().answer();
    client.request(B, OPTIONS);
    worker().deliver({ id: worker().posted[1]!.id, ok: false, error: "simulated failure" });
    expect(client.getSnapshot()).toMatchObject({ reportText: A, error: "simulated failure", busy: false });
  });

  it("asks again for a whole report when a reply refers to a report it does not hold", () => {
    const { client, worker } = setup();
    client.request(A, OPTIONS);
    const id = worker().posted[0]!.id;
    const report = analyze(A, OPTIONS);
    worker().deliver({
      id,
      ok: true,
      ms: 1,
      table: { ...report, platforms: [0, 1], stages: [0], collisions: [0] },
      part: { mounts: [0], findings: [] },
      base: 999,
      shift: null,
    });
    expect(client.getSnapshot().report).toBeNull();
    expect(worker().posted).toHaveLength(2);
    expect(worker().posted[1]).toMatchObject({ text: A, base: null });
  });
});
