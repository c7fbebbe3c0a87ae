import { describe, expect, it } from "vitest";
import { WARM_MAX_CHARS, WARM_RUNS, WarmUp, type Schedule } from "./warm-up";

/** A schedule run by hand: tasks wait until `next()`. */
function manual() {
  const tasks: (() => void)[] = [];
  const schedule: Schedule = (run) => {
    tasks.push(run);
    return () => tasks.splice(tasks.indexOf(run), 1);
  };
  const drain = () => {
    while (tasks.length > 0) tasks.shift()!();
  };
  return { schedule, tasks, drain };
}

describe("WarmUp", () => {
  it("repeats the first analysis until the worker has run WARM_RUNS in all, one per task", () => {
    const { schedule, tasks, drain } = manual();
    const warm = new WarmUp(schedule);
    let again = 0;
    warm.ran(10, () => again++);
    expect(again).toBe(0);
    expect(tasks).toHaveLength(1);
    tasks.shift()!();
    expect(again).toBe(1);
    drain();
    expect(again).toBe(WARM_RUNS - 1);
    // Warm now: a later analysis is not repeated.
    warm.ran(10, () => again++);
    drain();
    expect(again).toBe(WARM_RUNS - 1);
  });

  it("lets a request go first: the runs still planned are dropped, real runs count", () => {
    const { schedule, tasks, drain } = manual();
    const warm = new WarmUp(schedule);
    let again = 0;
    warm.ran(10, () => again++);
    tasks.shift()!();
    warm.cancel();
    expect(tasks).toHaveLength(0);
    warm.ran(10, () => again++);
    drain();
    // 2 real runs + the repeats make WARM_RUNS.
    expect(again).toBe(WARM_RUNS - 2);
  });

  it("does not repeat the analysis of a big text", () => {
    const { schedule, tasks } = manual();
    const warm = new WarmUp(schedule);
    warm.ran(WARM_MAX_CHARS + 1, () => {
      throw new Error("repeated");
    });
    expect(tasks).toHaveLength(0);
  });
});
