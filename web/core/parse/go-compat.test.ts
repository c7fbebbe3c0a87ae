import { describe, expect, it } from "vitest";
import { parseGoDuration } from "./go-duration";
import { parseGoBool, parseGoFloat, parseGoInt32, parseGoUint } from "./go-strconv";
import { equalFoldAs, goQuote, goToLower, goToUpper, isGoSpace, utf8Length } from "../util/go-text";
import { ramInBytes } from "./go-units";

describe("Go text helpers", () => {
  it("quotes like strconv.Quote", () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("tab\there\n")).toBe('"tab\\there\\n"');
    expect(goQuote("\x01\x7f")).toBe('"\\x01\\x7f"');
    expect(goQuote("é\u00a0\u200b😀")).toBe('"é\\u00a0\\u200b😀"');
  });

  it("cases per rune like Go", () => {
    expect(goToLower("ONBUİLD")).toBe("onbuild");
    expect(goToLower("ΣΑΣ")).toBe("σασ");
    expect(goToUpper("straße")).toBe("STRAßE");
    expect(equalFoldAs("aS")).toBe(true);
    expect(equalFoldAs("a\u017f")).toBe(true);
    expect(equalFoldAs("at")).toBe(false);
  });

  it("knows unicode.IsSpace", () => {
    expect([0x20, 0x09, 0x0b, 0x85, 0xa0, 0x3000].every(isGoSpace)).toBe(true);
    expect([0x41, 0xfeff, 0x200b].some(isGoSpace)).toBe(false);
  });

  it("counts UTF-8 bytes", () => {
    expect(utf8Length("aé€😀")).toBe(1 + 2 + 3 + 4);
  });
});

describe("strconv", () => {
  it("parses bools like ParseBool", () => {
    expect(["1", "t", "T", "true", "TRUE", "True"].map(parseGoBool)).toEqual(Array(6).fill(true));
    expect(["0", "f", "F", "false", "FALSE", "False"].map(parseGoBool)).toEqual(Array(6).fill(false));
    expect(["yes", "tRUE", "", " true"].map(parseGoBool)).toEqual([null, null, null, null]);
  });

  it("parses unsigned integers with an explicit base", () => {
    expect(parseGoUint("0755", 8, 32)).toEqual({ ok: true, value: 493 });
    expect(parseGoUint("0o755", 8, 32)).toEqual({
      ok: false,
      error: 'strconv.ParseUint: parsing "0o755": invalid syntax',
    });
    expect(parseGoUint("4294967295", 10, 32)).toEqual({ ok: true, value: 4294967295 });
    expect(parseGoUint("4294967296", 10, 32)).toEqual({
      ok: false,
      error: 'strconv.ParseUint: parsing "4294967296": value out of range',
    });
    expect(parseGoUint("1_000", 10, 32).ok).toBe(false);
  });

  it("parses 32-bit signed integers", () => {
    expect(parseGoInt32("+12")).toEqual({ ok: true, value: 12 });
    expect(parseGoInt32("-2147483648")).toEqual({ ok: true, value: -2147483648 });
    expect(parseGoInt32("2147483648")).toEqual({
      ok: false,
      error: 'strconv.ParseInt: parsing "2147483648": value out of range',
    });
    expect(parseGoInt32("-")).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "-": invalid syntax' });
  });

  it("accepts Go float syntax", () => {
    expect(parseGoFloat("1.5")).toBe(1.5);
    expect(parseGoFloat("1e3")).toBe(1000);
    expect(parseGoFloat(".5")).toBe(0.5);
    expect(parseGoFloat("1_000")).toBe(1000);
    expect(parseGoFloat("1__0")).toBeNull();
    expect(parseGoFloat("0x1p4")).toBe(16);
    expect(parseGoFloat("1.2.3")).toBeNull();
  });
});

describe("durations and sizes", () => {
  it("parses durations like time.ParseDuration", () => {
    expect(parseGoDuration("1h2m3.5s")).toEqual({ ok: true, ns: 3723500000000n });
    expect(parseGoDuration("-1.5ms")).toEqual({ ok: true, ns: -1500000n });
    expect(parseGoDuration("0")).toEqual({ ok: true, ns: 0n });
    expect(parseGoDuration("5µs")).toEqual({ ok: true, ns: 5000n });
    expect(parseGoDuration("")).toEqual({ ok: false, error: 'time: invalid duration ""' });
    expect(parseGoDuration("1é")).toEqual({
      ok: false,
      error: 'time: unknown unit "\\xc3\\xa9" in duration "1\\xc3\\xa9"',
    });
    expect(parseGoDuration("3000000h")).toEqual({ ok: false, error: 'time: invalid duration "3000000h"' });
  });

  it("parses sizes like go-units RAMInBytes", () => {
    expect(ramInBytes("64")).toBe(64);
    expect(ramInBytes("1 GiB")).toBe(1024 ** 3);
    expect(ramInBytes("2mb")).toBe(2 * 1024 ** 2);
    expect(ramInBytes("10b")).toBe(10);
    expect(ramInBytes("1kbb")).toBeNull();
    expect(ramInBytes("-1")).toBeNull();
    expect(ramInBytes("k")).toBeNull();
  });
});
