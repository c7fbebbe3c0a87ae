/**
 * buildkit-semantics.md §4 and §8 at the expander level. The texts are the
 * mount values as the flag splitter hands them over (§1.4 has already
 * removed quotes and one level of escapes).
 */
import { describe, expect, it } from "vitest";
import { expandWord } from "./index";

function expand(word: string, vars: Record<string, string> = {}, escape: "\\" | "`" = "\\") {
  return expandWord(word, new Map(Object.entries(vars)), escape);
}

function value(word: string, vars: Record<string, string> = {}, escape: "\\" | "`" = "\\"): string | undefined {
  const r = expand(word, vars, escape);
  return r.ok ? r.value : undefined;
}

function error(word: string, vars: Record<string, string> = {}): string | undefined {
  const r = expand(word, vars);
  return r.ok ? undefined : r.error;
}

describe("vector 10: set-but-empty TARGETVARIANT", () => {
  const vars = { TARGETVARIANT: "" };
  it("keeps an empty value for ${V-x}", () => expect(value("a${TARGETVARIANT-x}", vars)).toBe("a"));
  it("resolves the default for ${V:-x}", () => expect(value("b${TARGETVARIANT:-x}", vars)).toBe("bx"));
  it("resolves ${V+set} for a defined empty value", () => expect(value("c${TARGETVARIANT+set}", vars)).toBe("cset"));
});

describe("vector 23: ARG E= versus ARG N", () => {
  it("resolves + only for the defined name", () => expect(value("e${E+set}n${N+set}", { E: "" })).toBe("esetn"));
});

describe("vector 37: required variables", () => {
  it("flags ${NEED:?need} with the message", () => {
    expect(error("${NEED:?need}")).toBe('failed to process "${NEED:?need}": NEED: need');
  });
  it("flags ${NEED?} as not allowed to be unset", () => {
    expect(error("${NEED?}")).toBe('failed to process "${NEED?}": NEED: is not allowed to be unset');
  });
  it("flags the first half of an unquoted ${NEED:?set NEED} as a missing brace", () => {
    expect(error("${NEED:?set")).toBe(`failed to process "\${NEED:?set": syntax error: missing '}'`);
  });
  it("flags a set but empty variable with the colon form only", () => {
    expect(error("${NEED:?}", { NEED: "" })).toBe('failed to process "${NEED:?}": NEED: is not allowed to be empty');
    expect(value("${NEED?}", { NEED: "" })).toBe("");
  });
});

describe("vector 41: quotes and escapes after flag splitting", () => {
  const vars = { X: "val" };
  it("resolves id='$X' (quotes already removed) to the value", () => expect(value("$X", vars)).toBe("val"));
  it("keeps \\$X (from \\\\$X) literal", () => expect(value("\\$X", vars)).toBe("$X"));
  it("keeps '$X' (from \\'$X\\') literal", () => expect(value("'$X'", vars)).toBe("$X"));
  it("keeps the space of /my cache", () => expect(value("/my cache", vars)).toBe("/my cache"));
  it("resolves a double-quoted reference", () => expect(value('"$X"', vars)).toBe("val"));
});

describe("vector 42: prefix and suffix removal", () => {
  const vars = { P: "/usr/local/share/cache.d" };
  it("resolves ${P##*/}", () => expect(value("${P##*/}", vars)).toBe("cache.d"));
  it("resolves ${P#*/}", () => expect(value("${P#*/}", vars)).toBe("usr/local/share/cache.d"));
  it("resolves ${P%/*}", () => expect(value("${P%/*}", vars)).toBe("/usr/local/share"));
  it("resolves ${P%%/s*}", () => expect(value("${P%%/s*}", vars)).toBe("/usr/local"));
});

describe("vector 43: replacement on linux/arm/v7", () => {
  const vars = { TARGETPLATFORM: "linux/arm/v7" };
  it("resolves ${TARGETPLATFORM//\\//-} (written \\\\/)", () => {
    expect(value("c-${TARGETPLATFORM//\\//-}", vars)).toBe("c-linux-arm-v7");
  });
  it("resolves ${TARGETPLATFORM////-} (escape eaten by the flag splitter) as an empty pattern", () => {
    expect(value("c-${TARGETPLATFORM////-}", vars)).toBe("c-/-l/-i/-n/-u/-x/-//-a/-r/-m/-//-v/-7/-");
  });
  it("resolves a first-match replacement", () => expect(value("${TARGETPLATFORM/linux/l}", vars)).toBe("l/arm/v7"));
});

describe("vector 44 and the §4 error table", () => {
  it("flags ${}", () => expect(error("${}")).toBe('failed to process "${}": syntax error: bad substitution'));
  it("resolves positional and special parameters as unset names", () => {
    const r = expand("a$1b$$c$@d");
    expect(r).toMatchObject({ ok: true, value: "abcd" });
    expect(r.uses.map((u) => u.name)).toEqual(["1", "$", "@"]);
  });
  it("keeps $ before a non-name character", () => expect(value("a$.b$")).toBe("a$.b$"));
  it("flags ${S:#x}", () => {
    expect(error("${S:#x}", { S: "1" })).toBe('failed to process "${S:#x}": unsupported modifier (:#) in substitution');
  });
  it("flags ${V:=w}", () =>
    expect(error("${V:=w}")).toBe('failed to process "${V:=w}": unsupported modifier (:=) in substitution'));
  it("flags ${ and ${V:-w without the closing brace", () => {
    expect(error("${")).toBe(`failed to process "\${": syntax error: missing '}'`);
    expect(error("${V:-w")).toBe(`failed to process "\${V:-w": syntax error: missing '}'`);
  });
  it("flags ${V with the EOF rune U+FFFD as the modifier", () => {
    expect(error("${V")).toBe('failed to process "${V": unsupported modifier (\uFFFD) in substitution');
  });
  it("flags ${V/a} as a missing slash", () =>
    expect(error("${V/a}")).toBe("failed to process \"${V/a}\": syntax error: missing '/' in ${}"));
  it("flags an invalid pattern escape", () => {
    expect(error("${V#'\\x'}", { V: "a" })).toBe(
      `failed to process "\${V#'\\\\x'}": invalid pattern (\\x) in substitution: invalid escape '\\x'`,
    );
  });
  it("flags a suffix pattern in its reversed form, as BuildKit does", () => {
    expect(error("${V%'a\\x'}", { V: "a" })).toBe(
      `failed to process "\${V%'a\\\\x'}": invalid pattern (\\xa) in substitution: invalid escape '\\x'`,
    );
  });
  it("flags an unterminated quote", () => {
    expect(error("'abc")).toBe(
      `failed to process "'abc": unexpected end of statement while looking for matching single-quote`,
    );
    expect(error('"abc')).toBe(
      `failed to process "\\"abc": unexpected end of statement while looking for matching double-quote`,
    );
  });
});

describe("vector 49: the backtick escape token", () => {
  const vars = { X: "v" };
  it("keeps a backslash literal", () => expect(value("\\$X", vars, "`")).toBe("\\v"));
  it("resolves $X once the splitter removed one backtick", () => expect(value("$X", vars, "`")).toBe("v"));
  it("keeps `$X literal", () => expect(value("`$X", vars, "`")).toBe("$X"));
  it("keeps a backtick-escaped quote inside double quotes", () => expect(value('"a`"b"', vars, "`")).toBe('a"b'));
});

describe("variable references", () => {
  it("resolves nested lookups in evaluation order with their source ranges", () => {
    const r = expand("x${A:-${B}}y$C", { B: "b" });
    expect(r).toEqual({
      ok: true,
      value: "xby",
      uses: [
        { name: "B", defined: true, start: 6, end: 10 },
        { name: "A", defined: false, start: 1, end: 11 },
        { name: "C", defined: false, start: 12, end: 14 },
      ],
    });
  });
  it("keeps the lookups made before an error", () => {
    const r = expand("${A:-$B}${C:?no}");
    expect(r.ok).toBe(false);
    expect(r.uses.map((u) => [u.name, u.defined])).toEqual([
      ["B", false],
      ["A", false],
      ["C", false],
    ]);
  });
  it("resolves ${V/p/r} pattern and replacement lookups before V", () => {
    const r = expand("${V/$P/$R}", { V: "abc", P: "b", R: "X" });
    expect(r).toMatchObject({ ok: true, value: "aXc" });
    expect(r.uses.map((u) => u.name)).toEqual(["P", "R", "V"]);
  });
  it("resolves an empty name for ${+x}", () => {
    const r = expand("${+x}");
    expect(r).toMatchObject({ ok: true, value: "" });
    expect(r.uses).toEqual([{ name: "", defined: false, start: 0, end: 5 }]);
  });
  it("resolves Unicode letters and digits in names", () => {
    expect(value("$한국어-$é1", { 한국어: "k", é1: "e" })).toBe("k-e");
  });
});

describe("scanner details", () => {
  it("keeps heredoc markers and their blanks", () => expect(value("a << b<c", {})).toBe("a << b<c"));
  it("resolves a word starting with a byte-order mark as if it were absent", () => {
    expect(value("\uFEFF$X", { X: "v" })).toBe("v");
    expect(value("a\uFEFF$X", { X: "v" })).toBe("a\uFEFFv");
  });
  it("resolves a lone surrogate to U+FFFD, as Go's UTF-8 decoding does", () => {
    expect(value("a\uD800$X", { X: "v" })).toBe("a\uFFFDv");
  });
  it("keeps characters outside the BMP", () => expect(value("😀${X:-🚀}", {})).toBe("😀🚀"));
  it("quotes non-printable characters in the error like Go's %q", () => {
    expect(error("a\tb\u00a0${")).toBe(`failed to process "a\\tb\\u00a0\${": syntax error: missing '}'`);
  });
});

describe("robustness", () => {
  it("resolves 1,000 nested defaults without recursion", () => {
    const word = "${a:-".repeat(1000) + "x" + "}".repeat(1000);
    const r = expand(word);
    expect(r).toMatchObject({ ok: true, value: "x" });
    expect(r.uses).toHaveLength(1000);
    expect(r.uses[0]).toEqual({ name: "a", defined: false, start: 4995, end: 5002 });
  });
  it("resolves 100,000 nested defaults", () => {
    const word = "${a:-".repeat(100_000) + "x" + "}".repeat(100_000);
    expect(value(word)).toBe("x");
  });
  it("flags deep nesting without closing braces as BuildKit does", () => {
    expect(expand("${a:-".repeat(5000) + "x")).toMatchObject({ ok: false, reason: "syntax error: missing '}'" });
  });
  it("resolves a long word with many references", () => {
    const r = expand("ab$V-".repeat(50_000), { V: "z" });
    expect(r.ok && r.value).toBe("abz-".repeat(50_000));
    expect(r.uses).toHaveLength(50_000);
  });
  it("resolves a pattern with thousands of stars", () => {
    expect(value("${V#" + "*".repeat(5000) + "x}", { V: "a".repeat(5000) + "xb" })).toBe("b");
    expect(value("${V##" + "*?".repeat(300) + "}", { V: "a".repeat(3000) })).toBe("");
  });
  it("flags an exponentially growing replacement instead of throwing", () => {
    const word = "${V//?/".repeat(8) + "${V}" + "}".repeat(8);
    expect(expand(word, { V: "a".repeat(40) })).toMatchObject({ ok: false, reason: "expansion result too large" });
  });
});
