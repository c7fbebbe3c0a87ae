/**
 * The parser cuts quote-free flag words and --mount values straight out of the
 * line (split-command.ts plainFlag, mount-fields.ts plainMountFields) instead of
 * unquoting them character by character. These check that the short cuts give
 * what the general path gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MappedText } from "../source";
import { RunMappedText } from "../source";
import { csvFields } from "./csv";
import { parseDockerfile } from "./index";
import { mountField, parseMountSpecs } from "./mount-fields";
import { splitCommand } from "./split-command";
import type { Flag, RunCommand } from "./types";

const shifted = (text: string, base: number): MappedText => ({
  text,
  offsets: Array.from({ length: text.length + 1 }, (_, i) => base + i),
});

/** Characters of --mount values, quotes excluded (they take the general path). */
const valueChar = fc.constantFrom(..."abcXYZ019=,/._-${}:+é€ ".split(""));

/**
 * `text` as the parser keeps a logical line: runs of offsets (see RunMappedText),
 * a new run (after a gap, as after a line break) at each of `cuts`.
 */
const inPieces = (text: string, cuts: readonly number[]): MappedText => {
  const runs: number[] = [];
  let offset = 3;
  for (let i = 0; i < text.length; i++) {
    if (i === 0 || cuts.includes(i)) {
      if (i > 0) offset += 2;
      runs.push(i, offset);
    }
    offset++;
  }
  return new RunMappedText(text, runs.length === 0 ? [0, offset] : runs, 0, offset);
};

/** A mapped text with its offsets read out: what tests compare. */
const plain = (m: MappedText | null) => (m === null ? null : { text: m.text, offsets: Array.from(m.offsets) });

/** Any object graph with every mapped text read out. */
const plainDeep = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(plainDeep);
  if (v === null || typeof v !== "object") return v;
  if (v instanceof RunMappedText) return plain(v);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainDeep(x)]));
};

describe("fast paths", () => {
  it("keeps parseMountSpecs equal to csvFields + mountField on quote-free values", () => {
    fc.assert(
      fc.property(fc.array(valueChar, { minLength: 1, maxLength: 40 }), fc.nat(50), (chars, base) => {
        const value = shifted(chars.join(""), base + 8);
        const flag: Flag = { name: "mount", value, span: { start: base, end: base + 8 + value.text.length } };
        const fast = parseMountSpecs([flag]);
        const csv = csvFields(value);
        if (!csv.ok) throw new Error(csv.error);
        expect(fast).toEqual({ ok: true, mounts: [{ flag, fields: csv.fields.map(mountField) }] });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps parseMountSpecs on a value read in pieces equal to the same value as an offsets array", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'abc=,/"é'.split("")), { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(30)),
        (chars, cuts) => {
          const pieces = inPieces(chars.join(""), cuts);
          const array = plain(pieces)!;
          const flag = (value: MappedText): Flag => ({ name: "mount", value, span: { start: 0, end: 99 } });
          expect(plainDeep(parseMountSpecs([flag(pieces)]))).toEqual(plainDeep(parseMountSpecs([flag(array)])));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("keeps splitCommand on a line read in pieces equal to the same line as an offsets array", () => {
    const lineChar = fc.constantFrom(..."RUN --mount=a,b x'\"\\`é€😀 \t\u00a0".split(""));
    fc.assert(
      fc.property(fc.array(lineChar, { maxLength: 40 }), fc.array(fc.nat(40)), (chars, cuts) => {
        const text = "RUN --" + chars.join("");
        const pieces = inPieces(text, cuts);
        for (const escape of [0x5c, 0x60]) {
          expect(plainDeep(splitCommand(pieces, escape))).toEqual(plainDeep(splitCommand(plain(pieces)!, escape)));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps every flag value character mapped to the source character it came from", () => {
    const text = [
      "FROM --platform=$BUILDPLATFORM alpine AS a",
      "RUN --mount=type=cache,target=/var/cache/apk,id=apk-$TARGETARCH \\",
      "    --network=none \\",
      "  --mount=type=bind,target=/src,from=a apk add git",
      "",
    ].join("\n");
    const parsed = parseDockerfile(text);
    expect(parsed.errors).toEqual([]);
    const flags = parsed.commands.flatMap((c) => c.flags);
    expect(flags.map((f) => [f.name, f.value?.text ?? null])).toEqual([
      ["platform", "$BUILDPLATFORM"],
      ["mount", "type=cache,target=/var/cache/apk,id=apk-$TARGETARCH"],
      ["network", "none"],
      ["mount", "type=bind,target=/src,from=a"],
    ]);
    for (const f of flags) {
      const v = f.value!;
      for (let i = 0; i < v.text.length; i++) expect(text[v.offsets[i]!]).toBe(v.text[i]);
      expect(v.offsets[v.text.length]).toBe(f.span.end);
      expect(text.slice(f.span.start, f.span.end)).toBe(`--${f.name}=${v.text}`);
    }
    const run = parsed.commands[1] as RunCommand;
    const id = run.mounts[0]!.fields[2]!;
    expect([
      id.key,
      id.raw,
      text.slice(id.keySpan.start, id.keySpan.end),
      text.slice(id.span.start, id.span.end),
    ]).toEqual(["id", "id=apk-$TARGETARCH", "id", "id=apk-$TARGETARCH"]);
    // The last offset is just past the value: the blank before the continuation.
    expect(id.value!.offsets.map((o) => text[o]).join("")).toBe("apk-$TARGETARCH ");
  });

  it("ends a flag value where its word ends, also when the next blank is on the next line", () => {
    const text = "FROM a\nRUN --mount=type=cache,target=/a\\\n  --network=none true\n";
    const run = parseDockerfile(text).commands[1] as RunCommand;
    const [mount, network] = run.flags;
    expect(text.slice(mount!.span.start, mount!.span.end)).toBe("--mount=type=cache,target=/a");
    expect(mount!.value!.offsets[mount!.value!.text.length]).toBe(text.indexOf("\\\n"));
    expect(text.slice(network!.span.start, network!.span.end)).toBe("--network=none");
  });

  it("keeps a quoted flag word on the general path", () => {
    const parsed = parseDockerfile('FROM alpine\nRUN --mount="type=cache,target=/a b" --network=no"ne" true\n');
    const run = parsed.commands[1] as RunCommand;
    expect(run.flags.map((f) => [f.name, f.value?.text ?? null])).toEqual([
      ["mount", "type=cache,target=/a b"],
      ["network", "none"],
    ]);
    expect(parsed.errors).toEqual([]);
  });
});
