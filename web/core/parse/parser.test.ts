import { describe, expect, it } from "vitest";
import type { MappedText } from "../source";
import { parseDockerfile } from "./index";
import { parseNodes } from "./parser";
import type { Command, RunCommand } from "./types";

const runs = (text: string): RunCommand[] =>
  parseDockerfile(text).commands.filter((c): c is RunCommand => c.kind === "run");

const only = <T>(list: readonly T[]): T => {
  expect(list).toHaveLength(1);
  return list[0] as T;
};

/** Every character of a mapped text comes from the source character its offset names. */
const expectMapped = (source: string, m: MappedText): void => {
  for (let i = 0; i < m.text.length; i++) expect(source[m.offsets[i] ?? -1]).toBe(m.text[i]);
};

const lines = (c: Command): [number, number] => [c.startLine, c.endLine];

describe("logical lines", () => {
  it("joins a continuation with no separator, so a flag value ends at the line break (vector 30)", () => {
    const text = "FROM busybox\nRUN --mount=type=cache,\\\n    target=/c true\n";
    const run = only(runs(text));
    expect(run.flags.map((f) => f.value?.text)).toEqual(["type=cache,"]);
    expect(run.command).toBe("target=/c true");
    expect(run.mounts[0]?.fields.map((f) => f.raw)).toEqual(["type=cache", ""]);
  });

  it("keeps continuation lines' leading whitespace and joins unindented ones directly", () => {
    const text =
      "FROM a\nRUN echo hello\\\n  world\\\n  goodnight  \\\n  moon\\\n  light\\\nning\nRUN echo hi \\\n \\\n world \\\n\\\n good\\\n\\\nnight\n";
    expect(runs(text).map((r) => r.command)).toEqual([
      "echo hello  world  goodnight    moon  lightning",
      "echo hi   world  goodnight",
    ]);
  });

  it("skips comment lines inside a continuation and warns once for blank ones (vector 48)", () => {
    const text =
      "FROM a\nRUN --mount=type=cache,target=/a \\\n# c\n\n    --mount=type=cache,target=/b \\\n  # c\n    true\n";
    const p = parseDockerfile(text);
    const run = only(runs(text));
    expect(run.flags.map((f) => f.value?.text)).toEqual(["type=cache,target=/a", "type=cache,target=/b"]);
    expect(run.command).toBe("true");
    expect(lines(run)).toEqual([2, 7]);
    const blank = text.indexOf("\n\n") + 1;
    expect(p.warnings).toEqual([
      { rule: "NoEmptyContinuation", message: "Empty continuation line", span: { start: blank, end: blank } },
    ]);
  });

  it("counts a whitespace-only line as an empty continuation", () => {
    const p = parseDockerfile("FROM a\nRUN a \\\n  \t \n b\n");
    expect(p.warnings.map((w) => w.rule)).toEqual(["NoEmptyContinuation"]);
    expect(only(runs("FROM a\nRUN a \\\n  \t \n b\n")).command).toBe("a  b");
  });

  it("accepts a continuation at the end of the file", () => {
    expect(only(runs("FROM a\nRUN echo hi \\")).command).toBe("echo hi");
    expect(only(runs("FROM a\nRUN echo hi \\\n")).command).toBe("echo hi");
  });

  it("does not continue after an escaped escape token", () => {
    const r = runs("FROM a\nRUN echo \\\\\nRUN b\n");
    expect(r.map((x) => x.command)).toEqual(["echo \\\\", "b"]);
  });

  it("continues when blanks follow the escape token", () => {
    expect(only(runs("FROM a\nRUN echo hello  \\  \t\nworld\n")).command).toBe("echo hello  world");
  });

  it("treats a comment line ending in an escape token as a plain comment", () => {
    expect(runs("FROM a\n# RUN Commands \\\nRUN b\n").map((r) => r.command)).toEqual(["b"]);
  });

  it("reads keywords case-insensitively and keeps the lower-case keyword", () => {
    const p = parseDockerfile("from a AS b\nrUn x\n");
    expect(p.commands.map((c) => [c.kind, c.keyword])).toEqual([
      ["from", "from"],
      ["run", "run"],
    ]);
  });

  it("splits lines on \\n only: a lone CR is a blank inside the line", () => {
    const p = parseDockerfile("FROM a\rRUN b\n");
    expect(p.error?.message).toBe("dockerfile parse error on line 1: FROM requires either one or three arguments");
  });

  it("maps every character of a joined line back to the source, across CRLF and continuations", () => {
    const text = 'FROM a\r\nRUN --mount=type=cache,\\\r\ntarget=/c,"id=x" \\\r\n  true\r\n';
    const run = only(runs(text));
    const value = run.flags[0]?.value;
    if (!value) throw new Error("no value");
    expect(value.text).toBe("type=cache,target=/c,id=x");
    expectMapped(text, value);
    for (const f of run.mounts[0]?.fields ?? []) if (f.value) expectMapped(text, f.value);
    expect(text.slice(run.commandSpan.start, run.commandSpan.end)).toBe("true");
    expect(lines(run)).toEqual([2, 4]);
  });

  it("reports the instruction's span from its keyword to its last line", () => {
    const text = "FROM a\n  RUN x \\\n  y\nUSER u\n";
    const run = only(runs(text));
    expect(text.slice(run.span.start, run.span.end)).toBe("RUN x \\\n  y");
  });

  it("says `file with no instructions` for comments only, and refuses an empty file", () => {
    expect(parseDockerfile("# Hello\n# just comments\n\n").error?.message).toBe("file with no instructions");
    expect(parseDockerfile("").error?.message).toBe("the Dockerfile cannot be empty");
  });

  it("stops at a line of 64 KiB or more, as bufio.Scanner does", () => {
    const ok = "FROM a\nRUN " + "x".repeat(65535 - 4) + "\n";
    expect(parseDockerfile(ok).error).toBeNull();
    const long = "FROM a\nRUN " + "x".repeat(65536 - 4) + "\n";
    expect(parseDockerfile(long).error?.message).toBe("dockerfile line greater than max allowed size of 65535");
    expect(parseDockerfile("RUN " + "é".repeat(32766)).error?.message).toBe("file with no instructions");
  });

  it("reports line-parser errors bare (no `dockerfile parse error` prefix)", () => {
    expect(parseDockerfile("FROM busybox\n\nENV PATH\n").error).toEqual({
      message: "ENV must have two arguments",
      line: 3,
      span: { start: 14, end: 22 },
    });
    expect(parseDockerfile("FROM a\nENV A=1 B\n").error?.message).toBe(
      'Syntax error - can\'t find = in "B". Must be of the form: name=value',
    );
    expect(parseDockerfile('FROM a\nCMD [ "echo", [ "nested json" ] ]\n').error?.message).toBe(
      "when using JSON array syntax, arrays must be comprised of strings only",
    );
  });

  it("splits the way BuildKit's parser dumps its nodes", () => {
    const text = [
      "FROM scratch",
      "COPY --user=me --doit=true foo /tmp/",
      "COPY --doit=true -- foo /tmp/",
      'CMD --doit -- [ "a", "b" ]',
      "ENV SCUBA 1 DUBA 3",
      'ENV SCUBA "1 DUBA 3"',
      "LABEL maintainer docker <docker@docker.io>",
      "ONBUILD RUN echo test",
      "FORM x",
    ].join("\n");
    const r = parseNodes(text);
    const dump = r.nodes.map(({ node }) => [
      node.lower,
      node.flags.map((f) => `--${f.name}${f.value === null ? "" : "=" + f.value.text}`),
      node.child === null ? node.args.map((a) => a.text) : [node.child.lower, ...node.child.args.map((a) => a.text)],
    ]);
    expect(dump).toEqual([
      ["from", [], ["scratch"]],
      ["copy", ["--user=me", "--doit=true"], ["foo", "/tmp/"]],
      ["copy", ["--doit=true"], ["foo", "/tmp/"]],
      ["cmd", ["--doit"], ["a", "b"]],
      ["env", [], ["SCUBA", "1 DUBA 3", ""]],
      ["env", [], ["SCUBA", '"1 DUBA 3"', ""]],
      ["label", [], ["maintainer", "docker <docker@docker.io>", ""]],
      ["onbuild", [], ["run", "echo test"]],
      ["form", [], [""]],
    ]);
  });
});

describe("heredocs", () => {
  const heredocsOf = (text: string) =>
    runs(text).map((r) => r.heredocs.map((h) => [h.name, h.content, h.expand, h.chomp]));

  it("reads bodies raw up to the terminator, with <<-, quoting and fd prefixes", () => {
    const text = [
      "FROM a",
      "RUN <<EMPTY",
      "EMPTY",
      "RUN 3<<EMPTY2",
      "EMPTY2",
      "RUN <<-UNINDENT",
      "\tbaz",
      "\tquux",
      "\tUNINDENT",
      "RUN <<-'NOEXPAND'",
      "\tdon't expand $NAME",
      "NOEXPAND",
      "RUN <<COMMENT",
      "# internal comment",
      "RUN echo inside",
      "COMMENT",
      "RUN <<eo'f'",
      "echo foo",
      "eof",
      "RUN <<eo\\'f",
      "echo foo",
      "eo'f",
      "RUN <<'one two'",
      "echo bar",
      "one two",
      "RUN <<$EOF",
      "$EOF",
      "RUN <<  EOF  > foo",
      "EOF",
      "",
    ].join("\n");
    expect(heredocsOf(text)).toEqual([
      [["EMPTY", "", true, false]],
      [["EMPTY2", "", true, false]],
      [["UNINDENT", "\tbaz\n\tquux\n", true, true]],
      [["NOEXPAND", "\tdon't expand $NAME\n", false, true]],
      [["COMMENT", "# internal comment\nRUN echo inside\n", true, false]],
      [["eof", "echo foo\n", false, false]],
      [["eo'f", "echo foo\n", true, false]],
      [["one two", "echo bar\n", false, false]],
      [["$EOF", "", true, false]],
      [["EOF", "", true, false]],
    ]);
  });

  it("reads several heredocs of one line in order", () => {
    const text = "FROM a\nCOPY <<X <<Y /dest\nY\nX\nX\nY\nRUN true\n";
    const p = parseDockerfile(text);
    expect(p.commands.map((c) => c.kind)).toEqual(["from", "copy", "run"]);
    expect(lines(p.commands[1] as Command)).toEqual([2, 6]);
    const nodes = parseNodes(text).nodes;
    expect(nodes[1]?.heredocs.map((h) => [h.name, h.content])).toEqual([
      ["X", "Y\n"],
      ["Y", "X\n"],
    ]);
  });

  it("takes flags from the instruction line only (vector 47)", () => {
    const text = "FROM a\nRUN --mount=type=cache,target=/foo <<EOF\nRUN --mount=type=cache,target=/notreal true\nEOF\n";
    const run = only(runs(text));
    expect(run.mounts.map((m) => m.flag.value?.text)).toEqual(["type=cache,target=/foo"]);
    expect(run.heredocs[0]?.content).toBe("RUN --mount=type=cache,target=/notreal true\n");
    expect(text.slice(run.heredocs[0]?.span.start, run.heredocs[0]?.span.end)).toBe(
      "RUN --mount=type=cache,target=/notreal true\nEOF",
    );
    expect(lines(run)).toEqual([2, 4]);
  });

  it("finds no heredoc in quotes, in JSON form, or on instructions other than RUN/COPY/ADD", () => {
    expect(heredocsOf('FROM a\nRUN "<<NOHEREDOC"\nRUN ["<<EOF"]\n')).toEqual([[], []]);
    const p = parseDockerfile("FROM a\nUSER <<INVALID\nINVALID\n");
    expect(p.error?.message).toBe("dockerfile parse error on line 3: unknown instruction: INVALID");
  });

  it("finds no heredoc on a line the shell lexer rejects", () => {
    const text = "FROM a\nRUN cat <<EOF ${}\nEOF\n";
    expect(parseDockerfile(text).error?.message).toBe(
      "dockerfile parse error on line 3: unknown instruction: EOF (did you mean ENV?)",
    );
  });

  it("reads heredocs of an ONBUILD trigger", () => {
    const p = parseDockerfile("FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\nRUN b\n");
    expect(p.error).toBeNull();
    expect(p.commands.map((c) => c.kind)).toEqual(["from", "onbuild", "run"]);
  });

  it("flags an unterminated heredoc", () => {
    const p = parseDockerfile("FROM a\nRUN <<EOF\necho hi\n");
    expect(p.error?.message).toBe("unterminated heredoc");
    expect(p.error?.line).toBe(2);
  });

  it("matches the terminator after trimming CRLF", () => {
    expect(heredocsOf("FROM a\r\nRUN <<EOF\r\necho hi\r\nEOF\r\n")).toEqual([[["EOF", "echo hi\r\n", true, false]]]);
  });
});
