import { describe, expect, it } from "vitest";
import { applyTextEdits, minimalEdit } from "./text-edits";

describe("applyTextEdits", () => {
  it("applies edits given in any order against the original offsets", () => {
    expect(
      applyTextEdits("FROM a\nRUN x\n", [
        { start: 11, end: 12, text: "y" },
        { start: 7, end: 7, text: "ARG T\n" },
      ]),
    ).toBe("FROM a\nARG T\nRUN y\n");
  });

  it("keeps the first of two overlapping edits", () => {
    expect(
      applyTextEdits("abcdef", [
        { start: 1, end: 4, text: "X" },
        { start: 2, end: 5, text: "Y" },
      ]),
    ).toBe("aXef");
  });
});

describe("minimalEdit", () => {
  it("resolves the single edit between two texts, keeping common prefix and suffix", () => {
    expect(minimalEdit("RUN --mount=type=cache,target=/c x", "RUN --mount=type=cache,id=a,target=/c x")).toEqual({
      start: 23,
      end: 23,
      text: "id=a,",
    });
  });

  it("returns null for equal texts and round-trips through applyTextEdits", () => {
    expect(minimalEdit("same", "same")).toBeNull();
    const from = "aaa\r\nbbb\r\n";
    const to = "aaa\r\nARG X\r\nbbb\r\n";
    const edit = minimalEdit(from, to)!;
    expect(applyTextEdits(from, [edit])).toBe(to);
  });
});
