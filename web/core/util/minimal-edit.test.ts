import { describe, expect, it } from "vitest";
import { applyEdits } from "../fix/apply-edits";
import { minimalEdit } from "./minimal-edit";

describe("minimalEdit", () => {
  it("resolves the single edit between two texts, keeping common prefix and suffix", () => {
    expect(minimalEdit("RUN --mount=type=cache,target=/c x", "RUN --mount=type=cache,id=a,target=/c x")).toEqual({
      start: 23,
      end: 23,
      text: "id=a,",
    });
  });

  it("returns null for equal texts and round-trips through applyEdits", () => {
    expect(minimalEdit("same", "same")).toBeNull();
    const from = "aaa\r\nbbb\r\n";
    const to = "aaa\r\nARG X\r\nbbb\r\n";
    const edit = minimalEdit(from, to)!;
    expect(applyEdits(from, [edit])).toBe(to);
  });
});
