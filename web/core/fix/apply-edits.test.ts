import { describe, expect, it } from "vitest";
import { applyEdits, normalizeEdits } from "./apply-edits";

describe("applyEdits", () => {
  it("keeps every byte outside the edits", () => {
    const text = "FROM a\r\n# c\r\nRUN x `\r\n  y";
    expect(applyEdits(text, [{ start: 8, end: 8, text: "ARG B\r\n" }])).toBe(
      "FROM a\r\nARG B\r\n# c\r\nRUN x `\r\n  y",
    );
  });

  it("resolves edits given in any order to the same text", () => {
    const text = "abcdef";
    const edits = [
      { start: 4, end: 5, text: "E" },
      { start: 1, end: 1, text: "+" },
      { start: 1, end: 1, text: "-" },
      { start: 0, end: 1, text: "A" },
    ];
    const expected = "A+-bcdEf";
    expect(applyEdits(text, edits)).toBe(expected);
    expect(applyEdits(text, [...edits].reverse())).toBe(expected);
  });

  it("collapses duplicate edits into one", () => {
    const e = { start: 2, end: 2, text: "ARG X\n" };
    expect(applyEdits("a\nb\n", [e, e, { ...e }])).toBe("a\nARG X\nb\n");
  });

  it("drops an edit that overlaps one already kept", () => {
    const kept = normalizeEdits([
      { start: 2, end: 6, text: "x" },
      { start: 4, end: 8, text: "y" },
      { start: 3, end: 3, text: "inside" },
      { start: 6, end: 6, text: "after" },
    ]);
    expect(kept).toEqual([
      { start: 2, end: 6, text: "x" },
      { start: 6, end: 6, text: "after" },
    ]);
  });

  it("puts an insertion before a replacement that starts at the same offset", () => {
    expect(
      applyEdits("shared", [
        { start: 0, end: 6, text: "locked" },
        { start: 0, end: 0, text: "," },
      ]),
    ).toBe(",locked");
  });

  it("returns the text itself when there is nothing to apply", () => {
    const text = "FROM a";
    expect(applyEdits(text, [])).toBe(text);
  });
});
