/**
 * The parser cuts quote-free flag words and --mount values straight out of the
 * line (split-command.ts plainFlag, mount-fields.ts plainMountFields) instead of
 * unquoting them character by character. These check that the short cuts give
 * what the general path gives.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MappedText } from "../source";
import { csvFields } from "./csv";
import { parseDockerfile } from "./index";
import { mountField, parseMountSpecs } from "./mount-fields";
import type { Flag, RunCommand } from "./types";

const shifted = (text: string, base: number): MappedText => ({
  text,
  offsets: Array.from({ length: text.length + 1 }, (_, i) => base + i),
});

/** Characters of --mount values, quotes excluded (they take the general path). */
const valueChar = fc.constantFrom(..."abcXYZ019=,/._-${}:+é€ ".split(""));

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
