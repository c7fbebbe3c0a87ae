import { describe, expect, it } from "vitest";
import type { MappedText } from "../source";
import { csvFields } from "./csv";
import { mountField, parseMountSpecs } from "./mount-fields";
import type { Flag } from "./types";

const identity = (text: string, base = 0): MappedText => ({
  text,
  offsets: Array.from({ length: text.length + 1 }, (_, i) => base + i),
});

const fields = (value: string): string[] | string => {
  const r = csvFields(identity(value));
  return r.ok ? r.fields.map((f) => f.text.text) : r.error;
};

const mountFlag = (value: string): Flag => ({
  name: "mount",
  value: identity(value, 8),
  span: { start: 0, end: 8 + value.length },
});

describe("csvFields", () => {
  it("splits on commas without trimming", () => {
    expect(fields("type=cache, target=/c")).toEqual(["type=cache", " target=/c"]);
    expect(fields("type=cache,")).toEqual(["type=cache", ""]);
    expect(fields(",,")).toEqual(["", "", ""]);
  });

  it('unquotes quoted fields, `""` standing for a quote', () => {
    expect(fields('type=cache,"id=a,b",target=/c')).toEqual(["type=cache", "id=a,b", "target=/c"]);
    expect(fields('"a""b",c')).toEqual(['a"b', "c"]);
    expect(fields('""')).toEqual([""]);
  });

  it("flags a bare quote with its 1-based byte column (vector 39)", () => {
    expect(fields('type=cache,target=/c,id=a"b')).toBe('parse error on line 1, column 26: bare " in non-quoted-field');
  });

  it("counts re-encoded bytes as two columns each", () => {
    // `é` after flag splitting is two characters, each two UTF-8 bytes in Go.
    expect(fields('id=\u00c3\u00a9"')).toBe('parse error on line 1, column 8: bare " in non-quoted-field');
  });

  it("flags text after a closing quote and an unterminated quote", () => {
    expect(fields('"a"b')).toBe('parse error on line 1, column 3: extraneous or missing " in quoted-field');
    expect(fields('x,"abc')).toBe('parse error on line 1, column 4: extraneous or missing " in quoted-field');
  });

  it("says EOF for an empty value", () => {
    expect(fields("")).toBe("EOF");
    expect(fields("\n")).toBe("EOF");
  });

  it("allows one trailing newline", () => {
    expect(fields("a,b\r\n")).toEqual(["a", "b"]);
  });

  it("maps unquoted characters to the source and spans fields with their quotes", () => {
    const value = identity('a,"b""c"', 100);
    const r = csvFields(value);
    if (!r.ok) throw new Error(r.error);
    expect(r.fields.map((f) => [f.text.text, f.text.offsets, f.span])).toEqual([
      ["a", [100, 101], { start: 100, end: 101 }],
      ['b"c', [103, 105, 106, 107], { start: 102, end: 108 }],
    ]);
  });
});

describe("mount fields at parse time", () => {
  it("lower-cases keys and keeps the value as written after the first =", () => {
    const r = csvFields(identity("TYPE=CACHE,Target=/c=d,ro"));
    if (!r.ok) throw new Error(r.error);
    expect(r.fields.map(mountField).map((f) => [f.key, f.raw, f.value?.text ?? null])).toEqual([
      ["type", "TYPE=CACHE", "CACHE"],
      ["target", "Target=/c=d", "/c=d"],
      ["ro", "ro", null],
    ]);
  });

  it("spans the key and the field", () => {
    const r = csvFields(identity("type=cache,targt=/c", 10));
    if (!r.ok) throw new Error(r.error);
    const f = mountField(r.fields[1] as (typeof r.fields)[number]);
    expect([f.keySpan, f.span]).toEqual([
      { start: 21, end: 26 },
      { start: 21, end: 29 },
    ]);
  });

  it("prefixes CSV errors and points at the offending quote", () => {
    expect(parseMountSpecs([mountFlag('type=cache,target=/c,id=a"b')])).toEqual({
      ok: false,
      error: 'failed to parse csv mounts: parse error on line 1, column 26: bare " in non-quoted-field',
      span: { start: 33, end: 34 },
    });
    expect(parseMountSpecs([mountFlag("")])).toEqual({
      ok: false,
      error: "failed to parse csv mounts: EOF",
      span: { start: 0, end: 8 },
    });
  });

  it("rejects a variable in `from` unless `$` is its last character (vector 34)", () => {
    const err = "'from' doesn't support variable expansion, define alias stage instead";
    expect(parseMountSpecs([mountFlag("from=$ttt,type=cache,target=/tmp")])).toMatchObject({ ok: false, error: err });
    expect(parseMountSpecs([mountFlag("FROM=a${b}c")])).toMatchObject({ ok: false, error: err });
    expect(parseMountSpecs([mountFlag("from=a$,target=/x")])).toMatchObject({ ok: true });
    expect(parseMountSpecs([mountFlag("id=$X,target=$Y")])).toMatchObject({ ok: true });
  });

  it("checks mounts in order, the first error winning", () => {
    const r = parseMountSpecs([mountFlag("from=$x"), mountFlag('a"')]);
    expect(r).toMatchObject({
      ok: false,
      error: "'from' doesn't support variable expansion, define alias stage instead",
    });
  });
});
