import { describe, expect, it } from "vitest";
import { parseDockerfile, parseMountDispatch } from "./index";
import type { RunCommand } from "./types";

const FROM = "FROM busybox\n";

const list = <T>(r: T[] | { parseError: string }): T[] => {
  if (!Array.isArray(r)) throw new Error(r.parseError);
  return r;
};

interface Resolved {
  readonly type: string;
  readonly id: string;
  readonly target: string;
  readonly sharing: string;
}

/** Mounts of the RUN after `FROM busybox`, resolved with identity expansion (errors as strings). */
const dispatch = (run: string): (Resolved | string)[] | { parseError: string } => {
  const p = parseDockerfile(FROM + run + "\n");
  if (p.error !== null) return { parseError: p.error.message };
  const cmd = p.commands[1] as RunCommand;
  return cmd.mounts.map((m) => {
    const r = parseMountDispatch(m.fields, (value) => ({ ok: true, value }));
    return r.ok
      ? { type: r.mount.type, id: r.mount.cacheId, target: r.mount.target, sharing: r.mount.sharing }
      : r.error;
  });
};

describe("parseDockerfile errors", () => {
  it("prefixes instruction errors with the instruction's first line, as instructions.Parse does", () => {
    const p = parseDockerfile("FROM a\nRUN \\\n  --Mount=x true\n");
    expect(p.error).toEqual({
      message: "dockerfile parse error on line 2: unknown flag: --Mount (did you mean mount?)",
      line: 2,
      span: { start: 15, end: 24 },
    });
  });

  it("reports instructions before the first FROM bare, ARGs excepted (corpus 037)", () => {
    const p = parseDockerfile("ARG V=1\nRUN echo\nFROM a\n");
    expect(p.error?.message).toBe("no build stage in current context");
    expect(p.error?.line).toBe(2);
    expect(p.commands.map((c) => c.kind)).toEqual(["arg", "from"]);
  });

  it("checks an instruction's own syntax before asking for a stage", () => {
    expect(parseDockerfile("RUN --bogus x\nFROM a\n").error?.message).toBe(
      "dockerfile parse error on line 1: unknown flag: --bogus",
    );
  });

  it("needs a stage", () => {
    expect(parseDockerfile("ARG A=1\n").error?.message).toBe("dockerfile contains no stages to build");
  });

  it("reports parser.Parse's error first, even when an earlier instruction is invalid", () => {
    const p = parseDockerfile("FROM a\nRUN --bogus x\nRUN <<EOF\nno end\n");
    expect(p.error?.message).toBe("unterminated heredoc");
    expect(p.errors.map((e) => e.message)).toEqual([
      "unterminated heredoc",
      "dockerfile parse error on line 2: unknown flag: --bogus",
    ]);
  });

  it("lists one error per failing instruction for the editor", () => {
    const p = parseDockerfile("FROM a AS 1x\nRUN --network=x true\nCOPY a\nRUN ok\n");
    expect(p.errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(p.commands.map((c) => c.kind)).toEqual(["run"]);
  });

  it("keeps later instructions inside the stage of a FROM that failed", () => {
    const p = parseDockerfile("FROM a AS 1x\nRUN ok\n");
    expect(p.errors.map((e) => e.message)).toEqual([
      'dockerfile parse error on line 1: invalid name for build stage: "1x", name can\'t start with a number or contain symbols',
    ]);
  });

  it("returns no error for a valid file", () => {
    const p = parseDockerfile("ARG BASE=alpine\nFROM $BASE AS build\nRUN true\n");
    expect([p.error, p.errors]).toEqual([null, []]);
  });
});

describe("stage name lints", () => {
  it("warns on reserved and duplicate stage names (vector 63)", () => {
    const text = "FROM busybox AS scratch\nRUN true\nFROM a AS x\nFROM b AS X\n";
    const p = parseDockerfile(text);
    expect(p.warnings.map((w) => [w.rule, w.message, text.slice(w.span.start, w.span.end)])).toEqual([
      ["ReservedStageName", 'Stage name should not use the same name as reserved stage "scratch"', "scratch"],
      ["DuplicateStageName", 'Duplicate stage name "x", stage names should be unique', "X"],
    ]);
  });
});

describe("§8 vectors at parse level", () => {
  it("25: suggests `locked` and accepts LOCKED", () => {
    expect(dispatch("RUN --mount=type=cache,target=/c,sharing=lock true")).toEqual([
      'unsupported sharing value "lock" (did you mean locked?)',
    ]);
    expect(dispatch("RUN --mount=type=cache,target=/c,sharing=LOCKED true")).toEqual([
      { type: "cache", id: "", target: "/c", sharing: "locked" },
    ]);
  });

  it("26: suggests `cache` and lower-cases keys and type", () => {
    expect(dispatch("RUN --mount=type=cahce,target=/c true")).toEqual([
      'unsupported mount type "cahce" (did you mean cache?)',
    ]);
    expect(dispatch("RUN --mount=TYPE=CACHE,Target=/c,ID=Foo true")).toEqual([
      { type: "cache", id: "Foo", target: "/c", sharing: "" },
    ]);
  });

  it("27, 28, 29, 32: dispatch-time option errors", () => {
    expect(dispatch("RUN --mount=type=cache,targt=/c true")).toEqual([
      "unexpected key 'targt' in 'targt=/c' (did you mean target?)",
    ]);
    expect(dispatch("RUN --mount=size=1G,type=cache,target=/c true")).toEqual([
      "unexpected key 'size' for mount type 'bind'",
    ]);
    expect(dispatch("RUN --mount=type=cache,target=/c,mode=0o755 true")).toEqual(["invalid value 0o755 for mode"]);
    expect(dispatch("RUN --mount=target=/c,sharing=locked true")).toEqual(["invalid cache sharing set for bind mount"]);
  });

  it("30: a continuation leaves an empty field, or joins the target when unindented", () => {
    expect(dispatch("RUN --mount=type=cache,\\\n    target=/c true")).toEqual([
      "invalid field '' must be a key=value pair",
    ]);
    expect(dispatch("RUN --mount=type=cache,\\\ntarget=/c true")).toEqual([
      { type: "cache", id: "", target: "/c", sharing: "" },
    ]);
  });

  it("33: flag errors are parse errors", () => {
    expect(dispatch("RUN --mount type=cache,target=/c true")).toEqual({
      parseError: "dockerfile parse error on line 2: missing a value on flag: --mount",
    });
  });

  it("38: a quoted space becomes part of the key", () => {
    expect(dispatch('RUN --mount="type=cache, target=/c" true')).toEqual([
      "unexpected key ' target' in ' target=/c' (did you mean target?)",
    ]);
  });

  it("39: a bare quote is a parse error with its column", () => {
    expect(dispatch('RUN --mount=type=cache,target=/c,id=a\\"b true')).toEqual({
      parseError:
        'dockerfile parse error on line 2: failed to parse csv mounts: parse error on line 1, column 26: bare " in non-quoted-field',
    });
  });

  it("40: a CSV quote protected by flag quotes keeps its comma", () => {
    expect(dispatch(`RUN --mount='type=cache,"id=a,b",target=/c' true`)).toEqual([
      { type: "cache", id: "a,b", target: "/c", sharing: "" },
    ]);
  });

  it("41: flag splitting decides what the expander sees", () => {
    const ids = (run: string) => list(dispatch(run)).map((m) => (typeof m === "string" ? m : m.id));
    expect(ids("RUN --mount=type=cache,id='$X',target=/c true")).toEqual(["$X"]);
    expect(ids("RUN --mount=type=cache,id=\\$X,target=/c true")).toEqual(["$X"]);
    expect(ids("RUN --mount=type=cache,id=\\\\$X,target=/c true")).toEqual(["\\$X"]);
    expect(ids("RUN --mount=type=cache,id=\\'$X\\',target=/c true")).toEqual(["'$X'"]);
    const targets = (run: string) => list(dispatch(run)).map((m) => (typeof m === "string" ? m : m.target));
    expect(targets('RUN --mount=type=cache,target="/my cache" true')).toEqual(["/my cache"]);
    expect(targets("RUN --mount=type=cache,target=/my\\ cache true")).toEqual(["/my cache"]);
  });

  it("45: later keys win", () => {
    expect(dispatch("RUN --mount=type=cache,target=/a,target=/b,id=x,id=y true")).toEqual([
      { type: "cache", id: "y", target: "/b", sharing: "" },
    ]);
  });

  it("47: a RUN inside a heredoc body is content", () => {
    expect(
      dispatch("RUN --mount=type=cache,target=/foo <<EOF\nRUN --mount=type=cache,target=/notreal true\nEOF"),
    ).toEqual([{ type: "cache", id: "", target: "/foo", sharing: "" }]);
  });

  it("48: comments and blank lines inside a continuation", () => {
    expect(
      list(
        dispatch("RUN --mount=type=cache,target=/a \\\n# c\n\n    --mount=type=cache,target=/b \\\n  # c\n    true"),
      ).map((m) => (typeof m === "string" ? m : m.target)),
    ).toEqual(["/a", "/b"]);
  });

  it("49: the backtick escape token", () => {
    const p = parseDockerfile(
      "# escape=`\nFROM a\nRUN --mount=type=cache,id=\\$X,target=/c --mount=id=`$X --mount=id=``$X true\n",
    );
    const run = p.commands[1] as RunCommand;
    expect(run.mounts.map((m) => m.fields.find((f) => f.key === "id")?.value?.text)).toEqual(["\\$X", "$X", "`$X"]);
  });

  it("50: `--` ends the flags; later or quoted words are no flags", () => {
    expect(dispatch("RUN --mount=type=cache,target=/a -- --mount=type=cache,target=/b")).toEqual([
      { type: "cache", id: "", target: "/a", sharing: "" },
    ]);
    expect(dispatch("RUN echo --mount=type=cache,target=/a")).toEqual([]);
    expect(dispatch('RUN "--mount=type=cache,target=/a" true')).toEqual([]);
  });
});
