import { describe, expect, it } from "vitest";
import type { EnvOrigin } from "./env-list";
import { EnvList } from "./env-list";

const ENV: EnvOrigin = { kind: "env", line: 1, stage: "a" };
const ARG: EnvOrigin = { kind: "default-path" };

/** An environment with `n` keys K0…K(n-1), K_i = v_i. */
function filled(n: number): EnvList {
  const env = new EnvList();
  for (let i = 0; i < n; i++) env.set(`K${i}`, `v${i}`, i % 2 === 0 ? ENV : ARG);
  return env;
}

describe("EnvList", () => {
  // Small environments are one array, larger ones a Map: both forms must behave alike.
  for (const n of [3, 6, 7, 40]) {
    it(`keeps AddOrReplace order with ${n} keys: a re-set key moves to the end`, () => {
      const env = filled(n);
      env.set("K1", "again", ENV);
      const keys = [...Array.from({ length: n }, (_, i) => `K${i}`).filter((k) => k !== "K1"), "K1"];
      expect(env.keys()).toEqual(keys);
      expect(env.get("K1")).toBe("again");
    });
    it(`resolves values and origins with ${n} keys, the last set winning`, () => {
      const env = filled(n);
      env.set("K0", "x", ARG);
      expect(env.get("K0")).toBe("x");
      expect(env.origin("K0")).toBe(ARG);
      expect(env.origin(`K${n - 1}`)).toBe((n - 1) % 2 === 0 ? ENV : ARG);
      expect(env.has("K2")).toBe(true);
      expect(env.has("nope")).toBe(false);
      expect(env.get("nope")).toBeUndefined();
      expect(env.origin("nope")).toBeUndefined();
    });
    it(`keeps a clone apart from its original with ${n} keys`, () => {
      const env = filled(n);
      const copy = env.clone();
      copy.set("K0", "changed", ARG);
      copy.set("new", "1", ENV);
      expect(env.get("K0")).toBe("v0");
      expect(env.has("new")).toBe(false);
      expect(copy.get("K0")).toBe("changed");
      expect(copy.keys().slice(-2)).toEqual(["K0", "new"]);
    });
  }
  it("keeps order and origins when it grows past its small form", () => {
    const env = new EnvList();
    for (let i = 0; i < 6; i++) env.set(`K${i}`, `v${i}`, ENV);
    env.set("K0", "moved", ARG);
    env.set("K6", "v6", ENV);
    expect(env.keys()).toEqual(["K1", "K2", "K3", "K4", "K5", "K0", "K6"]);
    expect(env.origin("K0")).toBe(ARG);
    expect(env.origin("K1")).toBe(ENV);
  });
});
