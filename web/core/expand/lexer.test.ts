/**
 * Ports of df/shell/lex_test.go and df/shell/envVarTest (BuildKit). Where the
 * Go tests only check that an error occurs, the exact reason BuildKit's
 * lexer gives is asserted here.
 */
import { describe, expect, it } from "vitest";
import { expandWord } from "./index";

type Expected = string | { readonly reason: string };

const ENV_VAR_TEST_ENV = new Map([
  ["PWD", "/home"],
  ["SHELL", "bash"],
  ["KOREAN", "한국어"],
  ["NULL", ""],
]);

/** Every Unix/All line of df/shell/envVarTest. */
const ENV_VAR_TEST: readonly (readonly [string, Expected])[] = [
  ["hello", "hello"],
  ["he'll'o", "hello"],
  ["he'llo", { reason: "unexpected end of statement while looking for matching single-quote" }],
  ["he\\'llo", "he'llo"],
  ["he\\\\'llo", { reason: "unexpected end of statement while looking for matching single-quote" }],
  ["abc\\tdef", "abctdef"],
  ['"abc\\tdef"', "abc\\tdef"],
  ['"abc\\\\tdef"', "abc\\tdef"],
  ["'abc\\tdef'", "abc\\tdef"],
  ["hello\\", "hello"],
  ["hello\\\\", "hello\\"],
  ['"hello', { reason: "unexpected end of statement while looking for matching double-quote" }],
  ['"hello\\"', { reason: "unexpected end of statement while looking for matching double-quote" }],
  ['"hel\'lo"', "hel'lo"],
  ["'hello", { reason: "unexpected end of statement while looking for matching single-quote" }],
  ["'hello\\'", "hello\\"],
  ["'hello\\there'", "hello\\there"],
  ["'hello\\\\there'", "hello\\\\there"],
  ["\"''\"", "''"],
  ["$.", "$."],
  ["he$1x", "hex"],
  ["he$.x", "he$.x"],
  ["he$pwd.", "he."],
  ["he$PWD", "he/home"],
  ["he\\$PWD", "he$PWD"],
  ["he\\\\$PWD", "he\\/home"],
  ['"he\\$PWD"', "he$PWD"],
  ['"he\\\\$PWD"', "he\\/home"],
  ["\\${}", "${}"],
  ["\\${}aaa", "${}aaa"],
  ["he\\${}", "he${}"],
  ["he\\${}xx", "he${}xx"],
  ["${}", { reason: "syntax error: bad substitution" }],
  ["${}aaa", { reason: "syntax error: bad substitution" }],
  ["he${}", { reason: "syntax error: bad substitution" }],
  ["he${}xx", { reason: "syntax error: bad substitution" }],
  ["he${hi}", "he"],
  ["he${hi}xx", "hexx"],
  ["he${PWD}", "he/home"],
  ["he${.}", { reason: "unsupported modifier (.) in substitution" }],
  ["he${XXX:-000}xx", "he000xx"],
  ["he${PWD:-000}xx", "he/homexx"],
  ["he${XXX:-$PWD}xx", "he/homexx"],
  ["he${XXX:-${PWD:-yyy}}xx", "he/homexx"],
  ["he${XXX:-${YYY:-yyy}}xx", "heyyyxx"],
  ["he${XXX:YYY}", { reason: "unsupported modifier (:Y) in substitution" }],
  ["he${XXX?}", { reason: "XXX: is not allowed to be unset" }],
  ["he${XXX:?}", { reason: "XXX: is not allowed to be unset" }],
  ["he${PWD?}", "he/home"],
  ["he${PWD:?}", "he/home"],
  ["he${NULL?}", "he"],
  ["he${NULL:?}", { reason: "NULL: is not allowed to be empty" }],
  ["he${XXX:+${PWD}}xx", "hexx"],
  ["he${PWD:+${XXX}}xx", "hexx"],
  ["he${PWD:+${SHELL}}xx", "hebashxx"],
  ["he${XXX:+000}xx", "hexx"],
  ["he${PWD:+000}xx", "he000xx"],
  ["'he${XX}'", "he${XX}"],
  ['"he${PWD}"', "he/home"],
  ["\"he'$PWD'\"", "he'/home'"],
  ['"$PWD"', "/home"],
  ["'$PWD'", "$PWD"],
  ["'\\$PWD'", "\\$PWD"],
  ["'\"hello\"'", '"hello"'],
  ["he\\$PWD", "he$PWD"],
  ['"he\\$PWD"', "he$PWD"],
  ["'he\\$PWD'", "he\\$PWD"],
  ["he${PWD", { reason: "unsupported modifier (�) in substitution" }],
  ["he${PWD:=000}xx", { reason: "unsupported modifier (:=) in substitution" }],
  ["he${PWD:+${PWD}:}xx", "he/home:xx"],
  ["he${XXX:-\\$PWD:}xx", "he$PWD:xx"],
  ["he${XXX:-\\${PWD}z}xx", "he${PWDz}xx"],
  ["안녕하세요", "안녕하세요"],
  ["안'녕'하세요", "안녕하세요"],
  ["안'녕하세요", { reason: "unexpected end of statement while looking for matching single-quote" }],
  ["안녕\\'하세요", "안녕'하세요"],
  ["안\\\\'녕하세요", { reason: "unexpected end of statement while looking for matching single-quote" }],
  ["안녕\\t하세요", "안녕t하세요"],
  ['"안녕\\t하세요"', "안녕\\t하세요"],
  ["'안녕\\t하세요", { reason: "unexpected end of statement while looking for matching single-quote" }],
  ["안녕하세요\\", "안녕하세요"],
  ["안녕하세요\\\\", "안녕하세요\\"],
  ['"안녕하세요', { reason: "unexpected end of statement while looking for matching double-quote" }],
  ['"안녕하세요\\"', { reason: "unexpected end of statement while looking for matching double-quote" }],
  ['"안녕\'하세요"', "안녕'하세요"],
  ["'안녕하세요", { reason: "unexpected end of statement while looking for matching single-quote" }],
  ["'안녕하세요\\'", "안녕하세요\\"],
  ["안녕$1x", "안녕x"],
  ["안녕$.x", "안녕$.x"],
  ["안녕$pwd.", "안녕."],
  ["안녕$PWD", "안녕/home"],
  ["안녕\\$PWD", "안녕$PWD"],
  ["안녕\\\\$PWD", "안녕\\/home"],
  ["안녕\\${}", "안녕${}"],
  ["안녕\\${}xx", "안녕${}xx"],
  ["안녕${}", { reason: "syntax error: bad substitution" }],
  ["안녕${}xx", { reason: "syntax error: bad substitution" }],
  ["안녕${hi}", "안녕"],
  ["안녕${hi}xx", "안녕xx"],
  ["안녕${PWD}", "안녕/home"],
  ["안녕${.}", { reason: "unsupported modifier (.) in substitution" }],
  ["안녕${XXX:-000}xx", "안녕000xx"],
  ["안녕${PWD:-000}xx", "안녕/homexx"],
  ["안녕${XXX:-$PWD}xx", "안녕/homexx"],
  ["안녕${XXX:-${PWD:-yyy}}xx", "안녕/homexx"],
  ["안녕${XXX:-${YYY:-yyy}}xx", "안녕yyyxx"],
  ["안녕${XXX:YYY}", { reason: "unsupported modifier (:Y) in substitution" }],
  ["안녕${XXX:+${PWD}}xx", "안녕xx"],
  ["안녕${PWD:+${XXX}}xx", "안녕xx"],
  ["안녕${PWD:+${SHELL}}xx", "안녕bashxx"],
  ["안녕${XXX:+000}xx", "안녕xx"],
  ["안녕${PWD:+000}xx", "안녕000xx"],
  ["'안녕${XX}'", "안녕${XX}"],
  ['"안녕${PWD}"', "안녕/home"],
  ["\"안녕'$PWD'\"", "안녕'/home'"],
  ["'\"안녕\"'", '"안녕"'],
  ["안녕\\$PWD", "안녕$PWD"],
  ['"안녕\\$PWD"', "안녕$PWD"],
  ["'안녕\\$PWD'", "안녕\\$PWD"],
  ["안녕${PWD", { reason: "unsupported modifier (�) in substitution" }],
  ["안녕${PWD:=000}xx", { reason: "unsupported modifier (:=) in substitution" }],
  ["안녕${PWD:+${PWD}:}xx", "안녕/home:xx"],
  ["안녕${XXX:-\\$PWD:}xx", "안녕$PWD:xx"],
  ["안녕${XXX:-\\${PWD}z}xx", "안녕${PWDz}xx"],
  ["$KOREAN", "한국어"],
  ["안녕$KOREAN", "안녕한국어"],
  ["${{aaa}", { reason: "syntax error: bad substitution" }],
  ["${aaa}}", "}"],
  ["${aaa", { reason: "unsupported modifier (�) in substitution" }],
  ["${{aaa:-bbb}", { reason: "syntax error: bad substitution" }],
  ["${aaa:-bbb}}", "bbb}"],
  ["${aaa:-bbb", { reason: "syntax error: missing '}'" }],
  ["${aaa:-bbb}", "bbb"],
  ["${aaa:-${bbb:-ccc}}", "ccc"],
  ["${aaa:-bbb ${foo}", { reason: "syntax error: missing '}'" }],
  ["${aaa:-bbb {foo}", "bbb {foo"],
  ["${:}", { reason: "syntax error: bad substitution" }],
  ["${:-bbb}", { reason: "syntax error: bad substitution" }],
  ["${:+bbb}", { reason: "syntax error: bad substitution" }],
  ["$1", ""],
  ["${1}", ""],
  ["${1:+bbb}", ""],
  ["${1:-bbb}", "bbb"],
  ["$2", ""],
  ["${2}", ""],
  ["${2:+bbb}", ""],
  ["${2:-bbb}", "bbb"],
  ["$3", ""],
  ["${3}", ""],
  ["${3:+bbb}", ""],
  ["${3:-bbb}", "bbb"],
  ["$4", ""],
  ["${4}", ""],
  ["${4:+bbb}", ""],
  ["${4:-bbb}", "bbb"],
  ["$5", ""],
  ["${5}", ""],
  ["${5:+bbb}", ""],
  ["${5:-bbb}", "bbb"],
  ["$6", ""],
  ["${6}", ""],
  ["${6:+bbb}", ""],
  ["${6:-bbb}", "bbb"],
  ["$7", ""],
  ["${7}", ""],
  ["${7:+bbb}", ""],
  ["${7:-bbb}", "bbb"],
  ["$8", ""],
  ["${8}", ""],
  ["${8:+bbb}", ""],
  ["${8:-bbb}", "bbb"],
  ["$9", ""],
  ["${9}", ""],
  ["${9:+bbb}", ""],
  ["${9:-bbb}", "bbb"],
  ["$999", ""],
  ["${999}", ""],
  ["${999:+bbb}", ""],
  ["${999:-bbb}", "bbb"],
  ["$999aaa", "aaa"],
  ["${999}aaa", "aaa"],
  ["${999:+bbb}aaa", "aaa"],
  ["${999:-bbb}aaa", "bbbaaa"],
  ["$001", ""],
  ["${001}", ""],
  ["${001:+bbb}", ""],
  ["${001:-bbb}", "bbb"],
  ["$001aaa", "aaa"],
  ["${001}aaa", "aaa"],
  ["${001:+bbb}aaa", "aaa"],
  ["${001:-bbb}aaa", "bbbaaa"],
  ["$@", ""],
  ["${@}", ""],
  ["${@:+bbb}", ""],
  ["${@:-bbb}", "bbb"],
  ["$@@@", "@@"],
  ["$@aaa", "aaa"],
  ["${@}aaa", "aaa"],
  ["${@:+bbb}aaa", "aaa"],
  ["${@:-bbb}aaa", "bbbaaa"],
  ["$*", ""],
  ["${*}", ""],
  ["${*:+bbb}", ""],
  ["${*:-bbb}", "bbb"],
  ["$#", ""],
  ["${#}", ""],
  ["${#:+bbb}", ""],
  ["${#:-bbb}", "bbb"],
  ["$?", ""],
  ["${?}", ""],
  ["${?:+bbb}", ""],
  ["${?:-bbb}", "bbb"],
  ["$-", ""],
  ["${-}", ""],
  ["${-:+bbb}", ""],
  ["${-:-bbb}", "bbb"],
  ["$$", ""],
  ["${$}", ""],
  ["${$:+bbb}", ""],
  ["${$:-bbb}", "bbb"],
  ["$!", ""],
  ["${!}", ""],
  ["${!:+bbb}", ""],
  ["${!:-bbb}", "bbb"],
  ["$0", ""],
  ["${0}", ""],
  ["${0:+bbb}", ""],
  ["${0:-bbb}", "bbb"],
];

describe("envVarTest", () => {
  it.each(ENV_VAR_TEST)("resolves %j", (word, expected) => {
    const r = expandWord(word, ENV_VAR_TEST_ENV, "\\");
    if (typeof expected === "string") {
      expect(r).toMatchObject({ ok: true, value: expected });
    } else {
      expect(r).toMatchObject({ ok: false, reason: expected.reason });
    }
  });
});

function env(entries: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(entries));
}

/** BuildKit's Matched / Unmatched sets, from the ordered lookups. */
/** ProcessWordWithMatches' view of a result: the value or the bare error, plus the names found and missed. */
interface MatchResult {
  readonly value?: string;
  readonly error?: string;
  readonly matched: string[];
  readonly unmatched: string[];
}

function matches(word: string, vars: Record<string, string>): MatchResult {
  const r = expandWord(word, env(vars), "\\");
  const names = (defined: boolean) =>
    [...new Set(r.uses.filter((u) => u.defined === defined).map((u) => u.name))].sort();
  return { ...(r.ok ? { value: r.value } : { error: r.reason }), matched: names(true), unmatched: names(false) };
}

describe("TestProcessWithMatches", () => {
  const cases: readonly [string, Record<string, string>, string | null, string[], string[]][] = [
    ["x", { DUMMY: "dummy" }, "x", [], []],
    ["x ${UNUSED}", { DUMMY: "dummy" }, "x ", [], ["UNUSED"]],
    ["x ${FOO}", { FOO: "y" }, "x y", ["FOO"], []],
    ["${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", { FOO: "xxx", BAR: "" }, "xxx  ccc", ["BAR", "FOO"], ["BAZ"]],
    ["${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", { FOO: "xxx", BAR: "" }, "xxx bbb ccc", ["BAR", "FOO"], ["BAZ"]],
    ["${FOO:-}", { FOO: "xxx", BAR: "" }, "xxx", ["FOO"], []],
    ["${FOO:-}", {}, "", [], ["FOO"]],
    ["${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", { FOO: "xxx", BAR: "" }, "aaa bbb ", ["BAR", "FOO"], ["BAZ"]],
    ["${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", { FOO: "xxx", BAR: "" }, "aaa  ", ["BAR", "FOO"], ["BAZ"]],
    ["${FOO?aaa}", { FOO: "xxx", BAR: "" }, "xxx", ["FOO"], []],
    ["${BAR?bbb}", { FOO: "xxx", BAR: "" }, "", ["BAR"], []],
    ["${FOO:?aaa}", { FOO: "xxx", BAR: "" }, "xxx", ["FOO"], []],
    ["${FOO#()[]{\\}^$.\\*\\?|\\\\}", { FOO: "()[]{}^$.*?|\\x" }, "x", ["FOO"], []],
    ["${FOO%%\\**}", { FOO: "xx**" }, "xx", ["FOO"], []],
    ["${FOO#*x*y}", { FOO: "xxyy" }, "y", ["FOO"], []],
    ["${FOO#*}", { FOO: "xxyy" }, "xxyy", ["FOO"], []],
    ["${FOO#$BAR}", { FOO: "xxyy", BAR: "x" }, "xyy", ["BAR", "FOO"], []],
    ["${FOO#$BAR}", { FOO: "xxyy", BAR: "" }, "xxyy", ["BAR", "FOO"], []],
    ["${FOO#}", { FOO: "xxyy" }, "xxyy", ["FOO"], []],
    ["${FOO##*x}", { FOO: "xxyy" }, "yy", ["FOO"], []],
    ["${FOO##}", { FOO: "xxyy" }, "xxyy", ["FOO"], []],
    ["${FOO#?\\?}", { FOO: "???y" }, "?y", ["FOO"], []],
    ["${ABC:-.}${FOO%x}${ABC:-.}", { FOO: "xxyy" }, ".xxyy.", ["FOO"], ["ABC"]],
    ["${FOO%%\\**\\*}", { FOO: "a***yy*" }, "a", ["FOO"], []],
    ["${FOO%}", { FOO: "xxyy" }, "xxyy", ["FOO"], []],
    ["${FOO%%$BAR}", { FOO: "xxyy", BAR: "" }, "xxyy", ["BAR", "FOO"], []],
    [
      "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
      { FOO: "/foo*/*/*.txt", NEEDLE: "\\*/" },
      "/foo.*/*.txt - /foo..*.txt",
      ["FOO", "NEEDLE"],
      [],
    ],
    [
      "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
      { FOO: "/tmp/tmp/bar.txt", NEEDLE: "/tmp" },
      "/tmp/bar.txt - /bar.txt",
      ["FOO", "NEEDLE"],
      [],
    ],
    [
      "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
      { FOO: "/a/foo/b/c.txt", NEEDLE: "/?/", REPLACEMENT: "/" },
      "/foo/b/c.txt - /foo/c.txt",
      ["FOO", "NEEDLE", "REPLACEMENT"],
      [],
    ],
    [
      "${FOO/$NEEDLE/$REPLACEMENT}",
      { FOO: "http://google.de", NEEDLE: "http://", REPLACEMENT: "https://" },
      "https://google.de",
      ["FOO", "NEEDLE", "REPLACEMENT"],
      [],
    ],
    ["${FOO//\\//\\/}", { FOO: "/tmp/foo.txt" }, "\\/tmp\\/foo.txt", ["FOO"], []],
    ["${FOO/$BAR/ww}", { FOO: "xxyy", BAR: "" }, "wwxxyy", ["BAR", "FOO"], []],
    ["${FOO///}", { FOO: "xxyy" }, "xxyy", ["FOO"], []],
    ["${FOO///}", {}, "", [], ["FOO"]],
  ];
  it.each(cases)("resolves %j", (word, vars, value, matched, unmatched) => {
    expect(matches(word, vars)).toEqual({ value, matched, unmatched });
  });

  const failures: readonly [string, Record<string, string>, string, string[], string[]][] = [
    ["${BAZ?ccc}", { FOO: "xxx", BAR: "" }, "BAZ: ccc", [], ["BAZ"]],
    ["${BAR:?bbb}", { FOO: "xxx", BAR: "" }, "BAR: bbb", ["BAR"], []],
    ["${BAZ:?ccc}", { FOO: "xxx", BAR: "" }, "BAZ: ccc", [], ["BAZ"]],
    ["${BAZ:?}", { FOO: "xxx", BAR: "" }, "BAZ: is not allowed to be unset", [], ["BAZ"]],
    ["${FOO=aaa}", { FOO: "xxx", BAR: "" }, "unsupported modifier (=) in substitution", [], []],
    ["${FOO=:aaa}", { FOO: "xxx", BAR: "" }, "unsupported modifier (=) in substitution", [], []],
    ["${FOO=}", {}, "unsupported modifier (=) in substitution", [], []],
    ["${FOO:#}", {}, "unsupported modifier (:#) in substitution", [], []],
    ["${FOO:##}", {}, "unsupported modifier (:#) in substitution", [], []],
    ["${FOO:%}", {}, "unsupported modifier (:%) in substitution", [], []],
    ["${FOO:%%}", {}, "unsupported modifier (:%) in substitution", [], []],
    ["${FOO//ww}", { FOO: "xxyy" }, "syntax error: missing '/' in ${}", [], []],
    ["${FOO//}", { FOO: "xxyy" }, "syntax error: missing '/' in ${}", [], []],
  ];
  it.each(failures)("flags %j", (word, vars, error, matched, unmatched) => {
    expect(matches(word, vars)).toEqual({ error, matched, unmatched });
  });
});

describe("TestShellParserMandatoryEnvVars", () => {
  const noEmpty = "${VAR:?message here$ARG}";
  const noUnset = "${VAR?message here$ARG}";
  it("resolves a set variable through both forms", () => {
    expect(matches(noEmpty, { VAR: "plain", ARG: "x" }).value).toBe("plain");
    expect(matches(noUnset, { VAR: "plain", ARG: "x" }).value).toBe("plain");
  });
  it("flags an empty variable only with the colon form, with the expanded message", () => {
    expect(expandWord(noEmpty, env({ VAR: "", ARG: "x" }), "\\")).toMatchObject({
      ok: false,
      error: 'failed to process "${VAR:?message here$ARG}": VAR: message herex',
    });
    expect(matches(noUnset, { VAR: "", ARG: "x" }).value).toBe("");
  });
  it("flags an unset variable with both forms", () => {
    expect(matches(noEmpty, { ARG: "x" }).error).toBe("VAR: message herex");
    expect(matches(noUnset, { ARG: "x" }).error).toBe("VAR: message herex");
  });
});

describe("TestProcessWithMatchesPlatform", () => {
  const release = "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz";
  it("resolves the variant suffix only when the variant is non-empty", () => {
    const base = { VERSION: "v1.2.3", TARGETOS: "linux" };
    expect(matches(release, { ...base, TARGETARCH: "arm", TARGETVARIANT: "v7" }).value).toBe(
      "something-v1.2.3.linux-arm-v7.tar.gz",
    );
    expect(matches(release, { ...base, TARGETARCH: "arm64", TARGETVARIANT: "" }).value).toBe(
      "something-v1.2.3.linux-arm64.tar.gz",
    );
    expect(matches(release, { ...base, TARGETARCH: "arm64" }).value).toBe("something-v1.2.3.linux-arm64.tar.gz");
  });
});
