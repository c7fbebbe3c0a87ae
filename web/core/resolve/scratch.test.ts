import { describe, expect, it } from "vitest";
import { ScratchList } from "./scratch";

describe("ScratchList", () => {
  it("keeps only what was pushed since the last clear", () => {
    const list = new ScratchList<number>();
    list.push(1);
    list.push(2);
    list.push(3);
    list.clear();
    list.push(4);
    expect(list.length).toBe(1);
    expect(list.at(0)).toBe(4);
    expect(list.copy([])).toEqual([4]);
  });
  it("copies at the exact size, and gives `none` when empty", () => {
    const none: readonly string[] = [];
    const list = new ScratchList<string>();
    expect(list.copy(none)).toBe(none);
    list.push("a");
    list.push("b");
    const copy = list.copy(none);
    list.clear();
    list.push("c");
    expect(copy).toEqual(["a", "b"]);
  });
});
