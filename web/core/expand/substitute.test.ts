/**
 * Pattern operators: lex.go convertShellPatternToRegex / reversePattern
 * (TestConvertShellPatternToRegex, TestReversePattern) and Go regexp's
 * matching and ReplaceAllString rules, checked through the public API.
 */
import { describe, expect, it } from "vitest";
import { findGlob } from "./glob-match";
import { codePoints, compileGlob, reversePattern } from "./glob-pattern";
import { expandWord } from "./index";

function value(word: string, v: string): string {
  const r = expandWord(word, new Map([["V", v]]), "\\");
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

function reason(word: string, v: string): string | null {
  const r = expandWord(word, new Map([["V", v]]), "\\");
  return r.ok ? null : r.reason;
}

const text = (cps: readonly number[]) => String.fromCodePoint(...cps);

describe("glob compilation (TestConvertShellPatternToRegex)", () => {
  it("resolves * ? and escaped wildcards", () => {
    expect(value("${V#*}", "abc")).toBe("abc");
    expect(value("${V##*}", "abc")).toBe("");
    expect(value("${V#?}", "abc")).toBe("bc");
    expect(value("${V#\\*}", "*bc")).toBe("bc");
    expect(value("${V#\\*}", "abc")).toBe("abc");
  });
  it("keeps regexp metacharacters literal", () => {
    expect(value("${V#(()[]{\\}^$.\\*\\?|\\\\}", "(()[]{}^$.*?|\\rest")).toBe("rest");
  });
  it("flags a trailing or unknown escape", () => {
    for (const pattern of ["\\", "\\x", "\\\\\\"]) {
      expect(compileGlob(codePoints(pattern), true, true).ok).toBe(false);
    }
    expect(compileGlob(codePoints("\\x"), true, true)).toEqual({ ok: false, error: "invalid escape '\\x'" });
    expect(reason("${V#'\\'}", "ab")).toBe("invalid pattern (\\) in substitution: invalid escape '\\\uFFFD'");
  });
  it("resolves \\} and \\/ as the separators themselves", () => {
    expect(value("${V#*\\}}", "a}b}c")).toBe("b}c");
    expect(value("${V%%\\}*}", "a}b}c")).toBe("a");
    expect(value("${V//\\//-}", "a/b/c")).toBe("a-b-c");
  });
});

describe("reversePattern (TestReversePattern)", () => {
  const cases: readonly [string, string][] = [
    ["a\\*c", "c\\*a"],
    ["\\\\\\ab", "b\\a\\\\"],
    ["ab\\", "\\ba"],
    ["👽\\🚀🖖", "🖖\\🚀👽"],
    ["\\\\b", "b\\\\"],
  ];
  it.each(cases)("resolves %j reversed as %j", (pattern, reversed) => {
    expect(text(reversePattern(codePoints(pattern)))).toBe(reversed);
  });
  it("resolves the shortest and longest suffix on reversed text", () => {
    expect(value("${V%🚀*}", "a🚀b🚀c")).toBe("a🚀b");
    expect(value("${V%%🚀*}", "a🚀b🚀c")).toBe("a");
  });
});

describe("Go regexp semantics", () => {
  it("keeps newlines out of * and ?", () => {
    expect(value("${V#*}", "a\nb")).toBe("a\nb");
    expect(value("${V##*}", "a\nb")).toBe("\nb");
    expect(value("${V%%*}", "a\nb")).toBe("a\n");
    expect(value("${V##?}", "\nb")).toBe("\nb");
  });
  it("resolves leftmost-first matches with greedy stars", () => {
    const program = compileGlob(codePoints("a*b"), true, false);
    expect(program.ok && findGlob(program.program, codePoints("xxab_ab_"), 0)).toEqual([2, 7]);
    const lazy = compileGlob(codePoints("a*b"), false, false);
    expect(lazy.ok && findGlob(lazy.program, codePoints("xxab_ab_"), 0)).toEqual([2, 4]);
  });
  it("resolves an empty pattern as an empty match everywhere (ReplaceAll)", () => {
    expect(value("${V///x}", "ab")).toBe("xaxbx");
  });
  it("skips an empty match right after a previous match", () => {
    expect(value("${V//*/x}", "ab\ncd")).toBe("x\nx");
  });
  it("resolves $0 in a replace-all replacement as the match, like ReplaceAllString", () => {
    expect(value("${V//?/'<$0>'}", "a😀")).toBe("<a><😀>");
    expect(value("${V//a/'$$-${0}-$1-$x-${x-$'}", "ab")).toBe("$-a---${x-$b");
  });
  it("keeps a single replacement literal", () => {
    expect(value("${V/?/'<$0>'}", "ab")).toBe("<$0>b");
  });
  it("resolves a replacement coming from a variable", () => {
    const r = expandWord(
      "${V//b*/[$R]}",
      new Map([
        ["V", "ab\nbc"],
        ["R", "$0"],
      ]),
      "\\",
    );
    expect(r).toMatchObject({ ok: true, value: "a[b]\n[bc]" });
  });
});
