import { describe, expect, it } from "vitest";
import type { MappedText } from "../source";
import { extractBuilderFlags, splitCommand } from "./split-command";

const BACKSLASH = 0x5c;
const BACKTICK = 0x60;

const identity = (text: string): MappedText => ({
  text,
  offsets: Array.from({ length: text.length + 1 }, (_, i) => i),
});

const split = (line: string, esc = BACKSLASH) => {
  const r = splitCommand(identity(line), esc);
  return {
    keyword: r.keyword,
    flags: r.flags.map((f) => [f.name, f.value === null ? null : f.value.text]),
    args: r.args.text,
  };
};

describe("splitCommand", () => {
  it("extracts leading --flags and keeps the rest verbatim", () => {
    expect(split("RUN --mount=type=cache,target=/c --network=none echo  hi ")).toEqual({
      keyword: "RUN",
      flags: [
        ["mount", "type=cache,target=/c"],
        ["network", "none"],
      ],
      args: "echo  hi",
    });
  });

  it("keeps the keyword as written and cuts it at ASCII blanks only", () => {
    expect(split("  rUn\t\tx")).toEqual({ keyword: "rUn", flags: [], args: "x" });
    expect(split("RUN\u00a0x")).toEqual({ keyword: "RUN\u00a0x", flags: [], args: "" });
  });

  it("keeps a bare flag's value null and an empty value empty", () => {
    expect(split("COPY --link --chmod= a b").flags).toEqual([
      ["link", null],
      ["chmod", ""],
    ]);
  });

  it("groups quoted text and drops the quotes", () => {
    expect(split(`RUN --mount="type=cache,target=/my cache" --x='a'"b"c true`).flags).toEqual([
      ["mount", "type=cache,target=/my cache"],
      ["x", "abc"],
    ]);
  });

  it("keeps a CSV quote that the flag quoting protects (vector 40)", () => {
    expect(split(`RUN --mount='type=cache,"id=a,b",target=/c' true`).flags).toEqual([
      ["mount", 'type=cache,"id=a,b",target=/c'],
    ]);
  });

  it("drops the escape token and keeps the next character literally, in and out of quotes (vector 41)", () => {
    expect(
      split("RUN --mount=id=\\$X --a=\\\\$X --b=\\'$X\\' --c='a\\'b' --d=\"a\\\"b\" --e=/my\\ cache x").flags,
    ).toEqual([
      ["mount", "id=$X"],
      ["a", "\\$X"],
      ["b", "'$X'"],
      ["c", "a'b"],
      ["d", 'a"b'],
      ["e", "/my cache"],
    ]);
  });

  it("eats one level of escapes in a lexer pattern (vector 43)", () => {
    expect(split("RUN --mount=id=c-${TARGETPLATFORM//\\\\//-} --mount=id=c-${TARGETPLATFORM//\\//-} x").flags).toEqual([
      ["mount", "id=c-${TARGETPLATFORM//\\//-}"],
      ["mount", "id=c-${TARGETPLATFORM////-}"],
    ]);
  });

  it("uses the file's escape token (vector 49)", () => {
    expect(split("RUN --mount=id=\\$X --a=`$X --b=``$X x", BACKTICK).flags).toEqual([
      ["mount", "id=\\$X"],
      ["a", "$X"],
      ["b", "`$X"],
    ]);
  });

  it("drops a trailing escape token, in a word or in quotes", () => {
    expect(extractBuilderFlags(identity("--a=b\\"), BACKSLASH).flags.map((f) => f.value?.text)).toEqual(["b"]);
    expect(extractBuilderFlags(identity('--a="b\\'), BACKSLASH).flags.map((f) => f.value?.text)).toEqual(["b"]);
  });

  it("ends the flags at a bare `--`, which is dropped (vector 50)", () => {
    expect(split("RUN --mount=type=cache,target=/a -- --mount=type=cache,target=/b")).toEqual({
      keyword: "RUN",
      flags: [["mount", "type=cache,target=/a"]],
      args: "--mount=type=cache,target=/b",
    });
    expect(split("RUN --mount=a --").flags).toEqual([["mount", "a"]]);
  });

  it("does not take a quoted or later word as a flag (vector 50)", () => {
    expect(split(`RUN "--mount=type=cache,target=/a" true`)).toEqual({
      keyword: "RUN",
      flags: [],
      args: `"--mount=type=cache,target=/a" true`,
    });
    expect(split("RUN echo --mount=type=cache,target=/a").flags).toEqual([]);
  });

  it("ends a flag at a space, so an unquoted space splits a value (vector 37)", () => {
    expect(split("RUN --mount=type=cache,id=${NEED:?set NEED} true")).toEqual({
      keyword: "RUN",
      flags: [["mount", "type=cache,id=${NEED:?set"]],
      args: "NEED} true",
    });
  });

  it("re-encodes each non-ASCII byte as one character, both mapped to the source character", () => {
    const line = "RUN --mount=id=café,target=/c true";
    const r = splitCommand(identity(line), BACKSLASH);
    const value = r.flags[0]?.value;
    expect(value?.text).toBe("id=caf\u00c3\u00a9,target=/c");
    const e = line.indexOf("é");
    expect(value?.offsets.slice(6, 9)).toEqual([e, e, e + 1]);
  });

  it("ends a flag word inside a character whose UTF-8 holds byte 0xA0 or 0x85", () => {
    expect(split("RUN --mount=id=à,target=/x true")).toEqual({
      keyword: "RUN",
      flags: [["mount", "id=\u00c3"]],
      args: ",target=/x true",
    });
    // U+0800 is E0 A0 80: the cut leaves the orphan 0x80 byte, which reads as U+FFFD.
    expect(split("RUN --a=\u0800b")).toEqual({ keyword: "RUN", flags: [["a", "\u00e0"]], args: "\ufffdb" });
  });

  it("spans the whole flag word in the source, quotes included", () => {
    const line = `RUN --mount="a,b" --network=host x`;
    const r = splitCommand(identity(line), BACKSLASH);
    expect(r.flags.map((f) => line.slice(f.span.start, f.span.end))).toEqual([`--mount="a,b"`, "--network=host"]);
    const v = r.flags[0]?.value;
    expect(v?.offsets).toEqual([13, 14, 15, 17]);
    expect(line.slice(r.keywordSpan.start, r.keywordSpan.end)).toBe("RUN");
  });
});
