/**
 * Warming the JIT before the first keystroke.
 *
 * A fresh worker runs analyze() cold: V8 starts it in the interpreter and
 * compiles the hot paths on a background thread, which on a small machine
 * competes with the page for a core. So the first runs are the slow ones. In
 * Chromium, for 1,000 lines × 8 platforms, the page's first five keystrokes
 * took 56, 66, 49, 43 and 32 ms to analyse, and the ones after them 15–18 ms
 * (e2e/performance.spec.ts). Those first keystrokes are the ones a user makes
 * right after opening a link.
 *
 * So after each reply, until the worker has run WARM_RUNS analyses in all, it
 * answers the last request again when idle, analysis and reply (against the
 * report just sent, as the next keystroke's reply will be), and drops the
 * messages: the page's first reply is followed by the repeats while the user
 * reads it. Warming the analysis alone was not enough: the reply's code and
 * the heap's sizing stayed cold, and the first keystrokes still took 40–80 ms.
 * Each run is a task of its own, so a real request waits for at most one of
 * them, and a request stops the ones still planned. The first run's time says
 * nothing (it is the cold one: 240 ms for those 1,000 lines), so the size
 * decides: a big text warms the JIT by itself and is not repeated.
 */

/** Analyses a fresh worker runs, real ones included, before it stops warming up. */
export const WARM_RUNS = 8;
/** Texts longer than this (about 3,000 lines) are not repeated: one warm run of them already takes ~30 ms. */
export const WARM_MAX_CHARS = 120_000;

export type Schedule = (run: () => void) => () => void;

/** The next task, cancellable (setTimeout 0: a message that arrives first is handled first). */
const nextTask: Schedule = (run) => {
  const timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
};

export class WarmUp {
  private runs = 0;
  private cancelPlanned: (() => void) | null = null;

  constructor(private readonly schedule: Schedule = nextTask) {}

  /** A real analysis of `chars` characters ran: repeat it with `again` in the next tasks while the worker is cold. */
  ran(chars: number, again: () => void): void {
    this.cancel();
    this.runs++;
    if (chars > WARM_MAX_CHARS) return;
    const step = () => {
      this.cancelPlanned = null;
      if (this.runs >= WARM_RUNS) return;
      this.runs++;
      again();
      this.cancelPlanned = this.schedule(step);
    };
    this.cancelPlanned = this.schedule(step);
  }

  /** A request arrived: it goes first, and the runs still planned are dropped. */
  cancel(): void {
    this.cancelPlanned?.();
    this.cancelPlanned = null;
  }
}
