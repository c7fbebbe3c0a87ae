import { describe, expect, it } from "vitest";
import { sameValue } from "./same-value";

describe("sameValue", () => {
  it("keeps equal nested data equal", () => {
    expect(sameValue({ a: [1, { b: "x", c: null }], d: true }, { d: true, a: [1, { b: "x", c: null }] })).toBe(true);
  });

  it("flags a changed leaf, a missing key and a longer array", () => {
    expect(sameValue({ a: [1, { b: "x" }] }, { a: [1, { b: "y" }] })).toBe(false);
    expect(sameValue({ a: 1, b: undefined }, { a: 1, c: undefined })).toBe(false);
    expect(sameValue([1, 2], [1, 2, 3])).toBe(false);
  });

  it("flags an array against an object with the same keys", () => {
    expect(sameValue([1], { 0: 1 })).toBe(false);
    expect(sameValue({ 0: 1 }, [1])).toBe(false);
  });
});
