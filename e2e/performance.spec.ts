/**
 * Performance journey (issue 7), against the production build:
 * - keystroke → table updated, p95, for a 1,000-line Dockerfile on 8 platforms,
 *   measured in the page with performance marks (keydown event time → the
 *   table's DOM holds the new value, seen by a MutationObserver);
 * - at 10,000 lines, no main-thread task over 50 ms while typing (longtask);
 * - a share link shows its first table ≤ 1 s after navigation, before the
 *   Monaco chunk has loaded (the chunk is held back on purpose).
 * By default (npm test, CI) the journey runs quick: it records the figures and
 * attaches them (performance-*.json) but asserts only correctness, never timing,
 * so the test command never depends on how loaded the machine is.
 * `npm run test:perf` sets PERF_BUDGETS=1: more samples, and the budgets are
 * asserted. Nothing here needs a hook in the UI.
 */
import type { Page, TestInfo } from "@playwright/test";
import { generateDockerfile } from "../bench/generate";
import { COMMON_TARGET_PLATFORMS } from "../web/core/platform/common-targets";
import { V1_DEFAULTS } from "../web/share/share-state";
import { encodeState } from "../web/share/url-codec";
import { waitForEditor } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

const QUICK = process.env.PERF_BUDGETS !== "1";
const KEYSTROKE_P95_MS = 50;
const LONG_TASK_MS = 50;
const FIRST_TABLE_MS = 1000;
/** Idle periods in a row (about 50 ms each) after which a page counts as settled. */
const SETTLED_IDLE_PERIODS = 10;
/** How long the Monaco chunk is held back in the share-link test. */
const EDITOR_DELAY_MS = 3000;

// One test at a time, in order, none skipped when another fails: timings must not compete.
test.describe.configure({ mode: "default" });

function shareLink(text: string): string {
  return "./" + encodeState({ ...V1_DEFAULTS, text, platforms: COMMON_TARGET_PLATFORMS });
}

/** Where to type so that the first table row changes: right after the first cache mount's target. */
function firstTarget(text: string): { line: number; column: number; target: string } {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /--mount=type=cache,(?:[^ ,]+,)*target=([^ ,]+)/.exec(lines[i]!);
    if (m?.[1] !== undefined) {
      const column = m.index + m[0].length + 1;
      return { line: i + 1, column, target: m[1] };
    }
  }
  throw new Error("no cache mount in the generated Dockerfile");
}

function percentile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1] ?? Number.NaN;
}

async function attachFigures(testInfo: TestInfo, name: string, figures: object): Promise<void> {
  await testInfo.attach(`${name}.json`, {
    body: JSON.stringify({ quick: QUICK, ...figures }, null, 2),
    contentType: "application/json",
  });
}

/** The table is up and holds one column per platform and the first mount's target. */
async function waitForTable(page: Page, target: string): Promise<void> {
  const table = page.getByRole("table", { name: /cache key per target platform/i });
  await expect(table.getByRole("columnheader")).toHaveCount(COMMON_TARGET_PLATFORMS.length + 1, { timeout: 30_000 });
  await expect(table.locator("tbody tr code.row-target").first()).toHaveText(target, { timeout: 30_000 });
}

interface Sample {
  /** keydown → table updated: the figure the budget is about. */
  readonly total: number;
  /** keydown → the request posted to the analysis worker (Monaco, React state, effect). */
  readonly toWorker: number;
  /** Request posted → reply received (analysis in the worker, structured clone both ways). */
  readonly worker: number;
  /** What the worker reported spending on the table: the analysis up to it (the findings come after). */
  readonly analyze: number;
  /** Reply received → the table's DOM updated (React render and commit). */
  readonly render: number;
}

/**
 * Before the app starts: wraps Worker so that the analysis worker's requests and
 * replies are timestamped, to split a keystroke's time into its parts.
 */
async function installWorkerProbe(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: { kind: "request" | "reply"; t: number; id: number; ms: number }[] = [];
    (window as unknown as { __workerLog: typeof log }).__workerLog = log;
    const Original = window.Worker;
    window.Worker = class extends Original {
      private readonly analysis: boolean;
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.analysis = options?.name === "analysis";
        if (this.analysis) {
          this.addEventListener("message", (e: MessageEvent<{ id?: number; ms?: number }>) => {
            log.push({ kind: "reply", t: performance.now(), id: e.data?.id ?? -1, ms: e.data?.ms ?? -1 });
          });
        }
      }
      override postMessage(message: unknown, options?: unknown): void {
        if (this.analysis)
          log.push({ kind: "request", t: performance.now(), id: (message as { id?: number })?.id ?? -1, ms: -1 });
        super.postMessage(message, options as StructuredSerializeOptions);
      }
    };
  });
}

/**
 * In the page: a keydown marks `cmp:keydown` at the event's own time; when the first
 * row's target reads `window.__perf.expected`, `cmp:table-updated` is marked, the
 * measure `cmp:keystroke-to-table` recorded, and the time split with the worker log.
 */
async function installKeystrokeProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log = (window as unknown as { __workerLog: { kind: string; t: number; id: number; ms: number }[] })
      .__workerLog;
    const perf = { expected: "", keydown: -1, pending: false, samples: [] as Sample[] };
    (window as unknown as { __perf: typeof perf }).__perf = perf;
    document.addEventListener(
      "keydown",
      (e) => {
        performance.mark("cmp:keydown", { startTime: e.timeStamp });
        perf.keydown = e.timeStamp;
        perf.pending = true;
      },
      { capture: true },
    );
    const firstTarget = () => document.querySelector("table.keys-table tbody tr code.row-target")?.textContent;
    new MutationObserver(() => {
      if (!perf.pending || firstTarget() !== perf.expected) return;
      perf.pending = false;
      const done = performance.mark("cmp:table-updated").startTime;
      const m = performance.measure("cmp:keystroke-to-table", "cmp:keydown", "cmp:table-updated");
      // The last reply before the update, and the request it answers.
      const reply = [...log].reverse().find((e) => e.kind === "reply" && e.t <= done);
      const request = log.find((e) => e.kind === "request" && e.id === reply?.id);
      const ok = reply !== undefined && request !== undefined && request.t >= perf.keydown;
      perf.samples.push({
        total: m.duration,
        toWorker: ok ? request.t - perf.keydown : Number.NaN,
        worker: ok ? reply.t - request.t : Number.NaN,
        analyze: ok ? reply.ms : Number.NaN,
        render: ok ? done - reply.t : Number.NaN,
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

/** Median and p95 of each part of the samples. */
function breakdown(samples: readonly Sample[]): Record<keyof Sample, { median: number; p95: number }> {
  const parts = ["total", "toWorker", "worker", "analyze", "render"] as const;
  const out = {} as Record<keyof Sample, { median: number; p95: number }>;
  for (const k of parts) {
    const xs = samples.map((s) => s[k]).filter((x) => Number.isFinite(x));
    out[k] = { median: round(percentile(xs, 0.5)), p95: round(percentile(xs, 0.95)) };
  }
  return out;
}

/**
 * Waits until the page has settled after opening: the main thread idle for
 * SETTLED_IDLE_PERIODS idle periods in a row, each with nearly all of its 50 ms
 * free. Until then the page is still starting (Monaco's chunk compiling, the
 * editor tokenizing, lazy panels loading), which the share-link journey below
 * measures; this one measures typing into a page that is up, as a user reads
 * the results before editing.
 */
async function waitUntilSettled(page: Page): Promise<void> {
  await page.evaluate(
    (periods) =>
      new Promise<void>((resolve) => {
        let quiet = 0;
        const tick = (deadline: IdleDeadline) => {
          quiet = !deadline.didTimeout && deadline.timeRemaining() >= 45 ? quiet + 1 : 0;
          if (quiet >= periods) resolve();
          else requestIdleCallback(tick, { timeout: 200 });
        };
        requestIdleCallback(tick, { timeout: 200 });
      }),
    SETTLED_IDLE_PERIODS,
  );
}

async function placeCursor(page: Page, line: number, column: number): Promise<void> {
  await waitForEditor(page);
  await page.evaluate(
    ([lineNumber, col]) => {
      const editor = window.__cmp!.editor;
      editor.setPosition({ lineNumber: lineNumber!, column: col! });
      editor.focus();
    },
    [line, column],
  );
}

/** Presses one key and waits until the table shows `expected` (alternating `x` and Backspace keeps the text valid). */
async function keystroke(page: Page, key: string, expected: string, count: number): Promise<void> {
  await page.evaluate((t) => {
    (window as unknown as { __perf: { expected: string } }).__perf.expected = t;
  }, expected);
  await page.keyboard.press(key);
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __perf: { samples: unknown[] } }).__perf.samples.length), {
      timeout: 30_000,
    })
    .toBe(count);
}

/**
 * Opens a generated Dockerfile of `lines` lines by share link, with the cursor
 * right after the first cache mount's target and both probes installed.
 */
async function openForTyping(page: Page, lines: number): Promise<{ text: string; target: string }> {
  const text = generateDockerfile(lines);
  const at = firstTarget(text);
  await installWorkerProbe(page);
  await page.goto(shareLink(text));
  await waitForTable(page, at.target);
  await placeCursor(page, at.line, at.column);
  await waitUntilSettled(page);
  await installKeystrokeProbe(page);
  return { text, target: at.target };
}

/** Types `x` and Backspace by turns (the text stays valid), `gapMs` apart, each one measured. */
async function typeByTurns(page: Page, target: string, strokes: number, gapMs: number): Promise<void> {
  for (let i = 0; i < strokes; i++) {
    const typing = i % 2 === 0;
    await keystroke(page, typing ? "x" : "Backspace", typing ? `${target}x` : target, i + 1);
    await page.waitForTimeout(gapMs);
  }
}

test("a keystroke updates the table quickly: 1,000 lines × 8 platforms", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const { text, target } = await openForTyping(page, 1000);

  // A typist's gap of 50 ms, so each keystroke is measured on its own.
  await typeByTurns(page, target, QUICK ? 4 : 40, 50);
  const samples = await page.evaluate(() => (window as unknown as { __perf: { samples: Sample[] } }).__perf.samples);
  expect(await page.evaluate(() => window.__cmp!.editor.getValue())).toBe(text);

  const parts = breakdown(samples);
  const figures = {
    lines: 1000,
    platforms: COMMON_TARGET_PLATFORMS.length,
    keystrokes: samples.length,
    medianMs: parts.total.median,
    p95Ms: parts.total.p95,
    maxMs: round(Math.max(...samples.map((s) => s.total))),
    // The first keystroke after the page settled: the one that pays what is still cold.
    firstMs: round(samples[0]?.total ?? Number.NaN),
    breakdownMs: parts,
    samplesMs: samples.map((s) => round(s.total)),
  };
  await attachFigures(testInfo, "performance-keystroke-1000", figures);
  console.log(
    `keystroke → table, 1,000 lines × 8: median ${figures.medianMs} ms, p95 ${figures.p95Ms} ms, first ${figures.firstMs} ms; medians: to worker ${parts.toWorker.median}, worker ${parts.worker.median} (analyze ${parts.analyze.median}), render ${parts.render.median}`,
  );
  if (!QUICK) expect(figures.p95Ms, "keystroke → table updated, p95 (ms)").toBeLessThanOrEqual(KEYSTROKE_P95_MS);
});

test("typing in a 10,000-line Dockerfile never blocks the main thread over 50 ms", async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const { text, target } = await openForTyping(page, 10_000);

  await page.evaluate(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { __longTasks: typeof tasks }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask" });
  });
  const strokes = QUICK ? 2 : 10;
  await typeByTurns(page, target, strokes, 100);
  await page.waitForTimeout(500); // a long task still running shows up once it ends
  const longTasks = await page.evaluate(
    () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
  );
  const samples = await page.evaluate(() => (window as unknown as { __perf: { samples: Sample[] } }).__perf.samples);
  expect(await page.evaluate(() => window.__cmp!.editor.getValue())).toBe(text);

  const figures = {
    lines: 10_000,
    platforms: COMMON_TARGET_PLATFORMS.length,
    keystrokes: strokes,
    longTasks: longTasks.length,
    longestTaskMs: round(Math.max(0, ...longTasks.map((t) => t.duration))),
    longTasksMs: longTasks.map((t) => round(t.duration)),
    keystrokeToTableMedianMs: breakdown(samples).total.median,
    keystrokeToTableP95Ms: breakdown(samples).total.p95,
    breakdownMs: breakdown(samples),
  };
  await attachFigures(testInfo, "performance-typing-10000", figures);
  console.log(
    `typing at 10,000 lines × 8: ${figures.longTasks} long tasks, longest ${figures.longestTaskMs} ms; keystroke → table p95 ${figures.keystrokeToTableP95Ms} ms`,
  );
  if (!QUICK)
    expect(figures.longestTaskMs, "longest main-thread task while typing (ms)").toBeLessThanOrEqual(LONG_TASK_MS);
});

test("a share link shows its first table within 1 s, before the Monaco chunk arrives", async ({ page }, testInfo) => {
  test.setTimeout(60_000);
  const text = generateDockerfile(1000);
  const at = firstTarget(text);
  // Hold the editor chunks back: the table must not wait for them.
  const editorChunk = /\/assets\/(?:monaco-setup|EditorPane)-[^/]*\.js$/;
  let heldBack = 0;
  await page.route(editorChunk, async (route) => {
    heldBack++;
    await new Promise((resolve) => setTimeout(resolve, EDITOR_DELAY_MS));
    await route.fallback();
  });
  await page.addInitScript(() => {
    const seen = { at: -1, editorLoaded: false, editorMounted: false };
    (window as unknown as { __firstTable: typeof seen }).__firstTable = seen;
    const observer = new MutationObserver(() => {
      if (document.querySelector("table.keys-table tbody code.cache-key") === null) return;
      observer.disconnect();
      performance.mark("cmp:first-table");
      seen.at = performance.now();
      seen.editorLoaded = performance
        .getEntriesByType("resource")
        .some((e) => /\/assets\/(?:monaco-setup|EditorPane)-[^/]*\.js$/.test(e.name));
      seen.editorMounted = document.querySelector(".monaco-editor") !== null;
    });
    observer.observe(document, { subtree: true, childList: true });
  });

  await page.goto(shareLink(text));
  await waitForTable(page, at.target);
  const first = await page.evaluate(
    () =>
      (window as unknown as { __firstTable: { at: number; editorLoaded: boolean; editorMounted: boolean } })
        .__firstTable,
  );
  const navigation = await page.evaluate(() => {
    const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    return n ? { domContentLoaded: n.domContentLoadedEventEnd, load: n.loadEventEnd } : null;
  });
  // The editor still arrives, after the table.
  await waitForEditor(page);
  const editorAt = await page.evaluate(() => performance.now());

  expect(heldBack, "the editor chunk was requested (and held back)").toBeGreaterThan(0);
  expect(first.at, "the first table appeared").toBeGreaterThan(0);
  expect(first.editorLoaded, "the Monaco chunk had not loaded when the table showed").toBe(false);
  expect(first.editorMounted, "Monaco was not on the page when the table showed").toBe(false);

  const figures = {
    lines: 1000,
    platforms: COMMON_TARGET_PLATFORMS.length,
    firstTableMs: round(first.at),
    editorHeldBackMs: EDITOR_DELAY_MS,
    editorReadyMs: round(editorAt),
    navigation,
  };
  await attachFigures(testInfo, "performance-share-link", figures);
  console.log(
    `share link → first table: ${figures.firstTableMs} ms after navigation (editor held back ${EDITOR_DELAY_MS} ms)`,
  );
  if (!QUICK) expect(figures.firstTableMs, "share link → first table (ms)").toBeLessThanOrEqual(FIRST_TABLE_MS);
});

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
