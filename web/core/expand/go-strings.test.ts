import { describe, expect, it } from "vitest";
import { goQuote, goToLower } from "./go-strings";

describe("goQuote (strconv.Quote)", () => {
  const cases: readonly [string, string][] = [
    ["", '""'],
    ["plain ${X}", '"plain ${X}"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ["\t\n\r\u0007\b\f\v", '"\\t\\n\\r\\a\\b\\f\\v"'],
    ["\u0000\u001f\u007f", '"\\x00\\x1f\\x7f"'],
    ["\u00a0\u00ad\u200b", '"\\u00a0\\u00ad\\u200b"'],
    ["안녕 é ✓ 😀", '"안녕 é ✓ 😀"'],
    ["\u{e0001}", '"\\U000e0001"'],
    ["\uFFFD\uD800", '"\uFFFD\uFFFD"'],
  ];
  it.each(cases)("resolves %j as %s", (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe("goToLower", () => {
  it("resolves U+0130 to a plain i, as Go does", () => {
    expect(goToLower("İMAGE")).toBe("image");
  });
});

describe("goToLower, rune by rune as Go's strings.ToLower", () => {
  it("keeps a final capital sigma as σ (JS would write ς)", () => {
    expect(goToLower("ΣΑΣ")).toBe("σασ");
  });
});
