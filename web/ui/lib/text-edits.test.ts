import { describe, expect, it } from "vitest";
import { applyTextEdits } from "./text-edits";

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
