/**
 * The analysis worker, seen from the page: no React, so that the first request
 * can leave before React's first render (early-start.ts) and a keystroke can
 * post its text from the editor's change event, before any render.
 *
 * - At most one run is in flight; the newest input waits (older queued input is
 *   dropped) and stale replies are ignored.
 * - Newer input waits for a run in flight at most 400 ms (or 3× the last run,
 *   for big files), then the run is cancelled by replacing the worker: a huge
 *   paste or a hung run never holds the results back.
 * - The same text and options are never posted twice in a row, and a text the
 *   editor already posted is not posted again when React state catches up.
 * - A run's table is published as soon as it arrives (`table`), before its
 *   findings; `report` stays the last whole report until the run is done.
 * - Subscribable (useSyncExternalStore): the snapshot changes when a run's table
 *   arrives, when a run ends, and when a request from React state (not the
 *   editor) makes it busy.
 */
import type { AnalyzeOptions, MountReport, Report, ReportTable, TextEdit } from "../core/report/types";
import { applyEdits } from "../core/fix/apply-edits";
import type { AnalysisMessage, AnalyzeRequest, FindingRef, Ref, ReportPart, TableHead } from "./protocol";
import { movedIndex } from "./protocol";
import { moveFinding, type TextShift } from "./text-shift";

export interface AnalysisSnapshot {
  /** The last good report (kept while a newer run is pending or failed). */
  readonly report: Report | null;
  /** The text that `report` was computed from. */
  readonly reportText: string | null;
  /** The options `report` was computed with (optionsKey). */
  readonly reportKey: string | null;
  /**
   * The newest table: a run's comes before its findings (protocol.ts), so it
   * can be newer than `report`; once the run is done its fields are the
   * report's. Null until the first table.
   */
  readonly table: ReportTable | null;
  /** The text that `table` was computed from. */
  readonly tableText: string | null;
  /** A failure of the latest run, shown beside the last good results. */
  readonly error: string | null;
  /** A run is in flight or queued. */
  readonly busy: boolean;
  /** Milliseconds the worker spent on the last run. */
  readonly ms: number | null;
}

/** Where a request comes from: the editor's change event, or React state (options, examples, links). */
export type RequestSource = "editor" | "state";

/** A run may take this long before newer input cancels it… */
export const CANCEL_AFTER_MS = 400;
/** …or this many times the last successful run, for big files that are slow but fine. */
const CANCEL_AFTER_RUNS = 3;
/** Editor texts remembered to recognise React state catching up with them. */
const EDITOR_ECHOES = 16;

interface InFlight {
  readonly id: number;
  readonly since: number;
  readonly text: string;
  readonly options: AnalyzeOptions;
  /** Parts received so far (protocol.ts), indexes into the base report not yet resolved. */
  mounts: Ref<MountReport>[];
  readonly findings: FindingRef[];
  /** Once the table message came: the table, and the base and shift its refs used. */
  step: { readonly table: ReportTable; readonly base: Report | null; readonly shift: TextShift | null } | null;
}

const INITIAL: AnalysisSnapshot = {
  report: null,
  reportText: null,
  reportKey: null,
  table: null,
  tableText: null,
  error: null,
  busy: true,
  ms: null,
};

/** The options as a comparable string (a tiny object: cheaper than a deep compare per keystroke). */
export function optionsKey(options: AnalyzeOptions): string {
  return JSON.stringify([
    options.platforms,
    options.buildPlatform,
    options.buildArgs,
    options.target,
    options.fixStyle,
  ]);
}

export class AnalysisClient {
  private worker: Worker | null = null;
  private inFlight: InFlight | null = null;
  private queued: AnalyzeRequest | null = null;
  /** The last report assembled from this worker's replies: the base its next reply may refer to. */
  private base: { readonly id: number; readonly report: Report } | null = null;
  private latest: { readonly text: string; readonly options: AnalyzeOptions; readonly key: string } | null = null;
  private editorTexts: string[] = [];
  private nextId = 1;
  private lastMs = 0;
  private cancelTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshot: AnalysisSnapshot = INITIAL;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly spawn: () => Worker,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Analyses `text` with `options`, unless that is what was asked last. */
  request(text: string, options: AnalyzeOptions, source: RequestSource = "state"): void {
    const key = optionsKey(options);
    const latest = this.latest;
    if (latest !== null && latest.key === key) {
      if (latest.text === text) return;
      // React state lagging behind the editor (text updates render at low priority): already sent.
      if (source === "state" && this.editorTexts.includes(text)) return;
    } else {
      this.editorTexts = [];
    }
    if (source === "editor") {
      this.editorTexts.push(text);
      if (this.editorTexts.length > EDITOR_ECHOES) this.editorTexts.shift();
    }
    this.latest = { text, options, key };
    const request: AnalyzeRequest = { id: this.nextId++, text, options, base: null };
    if (this.inFlight === null) this.send(request);
    else {
      this.queued = request;
      this.cancelIfSlow();
    }
    // Not from the editor: a keystroke must not re-render the page before its text is even sent.
    if (source === "state" && !this.snapshot.busy) this.publish({ ...this.snapshot, busy: true });
  }

  /** The editor's text changed: analyse it with the latest options, now. */
  requestText(text: string): void {
    if (this.latest !== null) this.request(text, this.latest.options, "editor");
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): AnalysisSnapshot => this.snapshot;

  /** Stops the worker (the last report stays); the next request starts a new one. */
  stop(): void {
    this.clearCancelTimer();
    this.worker?.terminate();
    this.worker = null;
    this.base = null;
    this.inFlight = null;
    this.queued = null;
    this.latest = null;
    this.editorTexts = [];
  }

  /**
   * Newer input waits for the run in flight at most its allowance (from the run's
   * start); past that, the run is cancelled, now or when the allowance ends.
   */
  private cancelIfSlow(): void {
    const running = this.inFlight;
    if (running === null || this.queued === null) return;
    const left = running.since + Math.max(CANCEL_AFTER_MS, CANCEL_AFTER_RUNS * this.lastMs) - this.now();
    if (left <= 0) {
      // A fresh worker is cheaper than waiting for stale work.
      this.worker?.terminate();
      this.worker = null;
      this.send(this.queued);
    } else if (this.cancelTimer === null) {
      this.cancelTimer = setTimeout(() => {
        this.cancelTimer = null;
        if (this.inFlight === running) this.cancelIfSlow();
      }, left);
    }
  }

  private clearCancelTimer(): void {
    if (this.cancelTimer !== null) clearTimeout(this.cancelTimer);
    this.cancelTimer = null;
  }

  private send(request: AnalyzeRequest): void {
    this.clearCancelTimer();
    this.inFlight = {
      id: request.id,
      since: this.now(),
      text: request.text,
      options: request.options,
      mounts: [],
      findings: [],
      step: null,
    };
    this.queued = null;
    const worker = (this.worker ??= this.start());
    worker.postMessage({ ...request, base: this.base?.id ?? null });
  }

  private start(): Worker {
    // A new worker knows no report: its first reply is whole.
    this.base = null;
    const worker = this.spawn();
    worker.onmessage = (event: MessageEvent<AnalysisMessage>) => {
      if (worker === this.worker) this.receive(event.data);
    };
    worker.onerror = (event: ErrorEvent) => {
      // Handled here (the banner says it): not an uncaught error of the page.
      event.preventDefault();
      if (worker !== this.worker) return;
      this.inFlight = null;
      this.finish({ ...this.snapshot, error: `The analysis worker failed: ${event.message}` });
    };
    return worker;
  }

  private receive(message: AnalysisMessage): void {
    const current = this.inFlight;
    if (current === null || message.id !== current.id) return; // stale
    if (!message.ok) {
      this.inFlight = null;
      this.finish({ ...this.snapshot, error: message.error });
      return;
    }
    collect(current, message.part);
    if ("table" in message) this.receiveTable(current, message.table, message.base, message.shift);
    else if ("done" in message) this.receiveDone(current, message.fixed, message.ms);
  }

  /** The table of the run in flight: shown now, ahead of its findings. */
  private receiveTable(current: InFlight, head: TableHead, baseId: number | null, shift: TextShift | null): void {
    const base = baseId === null ? null : this.base?.id === baseId ? this.base.report : undefined;
    const table = base === undefined ? null : assembleTable(head, current.mounts, base);
    if (table === null) return this.askAgain(current);
    current.mounts = [];
    current.step = { table, base: base ?? null, shift };
    this.publish({ ...this.snapshot, table, tableText: current.text });
  }

  /** The run's last message: the report is complete. */
  private receiveDone(current: InFlight, fixedRef: string | TextEdit, ms: number): void {
    const step = current.step;
    const report = step === null ? null : assembleReport(step.table, current.findings, fixedRef, step.base, step.shift);
    if (step === null || report === null) return this.askAgain(current);
    this.inFlight = null;
    this.base = { id: current.id, report };
    this.lastMs = ms;
    this.finish({
      report,
      reportText: current.text,
      reportKey: optionsKey(current.options),
      table: step.table,
      tableText: current.text,
      error: null,
      busy: false,
      ms,
    });
  }

  /** Cannot happen (one run at a time, replies in order); should it, ask again for a whole report. */
  private askAgain(current: InFlight): void {
    this.inFlight = null;
    this.base = null;
    this.send(this.queued ?? { id: this.nextId++, text: current.text, options: current.options, base: null });
  }

  /** A run ended: start the queued one first (the worker works while the page renders), then publish. */
  private finish(next: AnalysisSnapshot): void {
    this.clearCancelTimer();
    const queued = this.queued;
    if (queued !== null) this.send(queued);
    this.publish({ ...next, busy: queued !== null });
  }

  private publish(next: AnalysisSnapshot): void {
    this.snapshot = next;
    for (const listener of [...this.listeners]) listener();
  }
}

function collect(into: InFlight, part: ReportPart): void {
  for (const m of part.mounts) into.mounts.push(m);
  for (const f of part.findings) into.findings.push(f);
}

/**
 * The table from its head and mounts: indexes become the base report's items
 * (the same objects, so unchanged rows keep their identity). Null when an index
 * has no item.
 */
function assembleTable(head: TableHead, mounts: readonly Ref<MountReport>[], base: Report | null): ReportTable | null {
  const platforms = resolve(head.platforms, base?.platforms ?? []);
  const stages = resolve(head.stages, base?.stages ?? []);
  const collisions = resolve(head.collisions, base?.collisions ?? []);
  const resolved = resolve(mounts, base?.mounts ?? []);
  if (!platforms || !stages || !collisions || !resolved) return null;
  return { ...head, platforms, stages, collisions, mounts: resolved };
}

/**
 * The report: the table, its findings (a moved one is the base's moved by
 * `shift`) and its fixed text (an edit of the base's). Null when a ref has no item.
 */
function assembleReport(
  table: ReportTable,
  refs: readonly FindingRef[],
  fixedRef: string | TextEdit,
  base: Report | null,
  shift: TextShift | null,
): Report | null {
  const findings = resolve(refs, base?.findings ?? [], (f) => (shift === null ? undefined : moveFinding(f, shift)));
  const fixed = typeof fixedRef === "string" ? fixedRef : base === null ? null : applyEdits(base.fixed, [fixedRef]);
  if (!findings || fixed === null) return null;
  return { ...table, findings, fixed };
}

/**
 * Refs to items; a negative index (findings only) names a base item to `move`.
 * A list whose every item is the base's, in order, is the base list itself, so
 * what is memoized on it (the target-stage menu on `stages`) keeps still.
 */
function resolve<T extends object>(
  refs: readonly Ref<T>[],
  base: readonly T[],
  move: (item: T) => T | undefined = () => undefined,
): readonly T[] | null {
  const out = new Array<T>(refs.length);
  let unchanged = refs.length === base.length;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i]!;
    let item: T | undefined;
    if (typeof r !== "number") item = r;
    else if (r >= 0) item = base[r];
    else {
      const moved = base[movedIndex(r)];
      item = moved === undefined ? undefined : move(moved);
    }
    if (item === undefined) return null;
    if (item !== base[i]) unchanged = false;
    out[i] = item;
  }
  return unchanged ? base : out;
}

/** The playground's analysis worker (named, so that tools and tests can tell it from Monaco's). */
export function spawnAnalysisWorker(): Worker {
  return new Worker(new URL("./analysis.worker.ts", import.meta.url), { type: "module", name: "analysis" });
}
