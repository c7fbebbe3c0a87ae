import { describe, expect, it } from "vitest";
import { findDirective, parseCheckOptions } from "./directives";
import { parseDockerfile } from "./index";
import type { RunCommand } from "./types";

const runOf = (text: string): RunCommand => {
  const p = parseDockerfile(text);
  const run = p.commands.find((c) => c.kind === "run");
  if (run?.kind !== "run") throw new Error("no RUN: " + (p.error?.message ?? ""));
  return run;
};

describe("escape directive", () => {
  it("switches the escape token to a backtick", () => {
    const p = parseDockerfile("# escape=`\nFROM a\nRUN echo `\n  b\n");
    expect(p.directives.escapeToken).toBe("`");
    expect(runOf("# escape=`\nFROM a\nRUN echo `\n  b\n").command).toBe("echo   b");
  });

  it("keeps the backslash as an ordinary character under a backtick escape", () => {
    expect(runOf("# escape=`\nFROM a\nRUN echo \\\nRUN b\n").command).toBe("echo \\");
  });

  it("reads keys case-insensitively, with spaces around = and before #", () => {
    for (const line of ["# ESCAPE=`", "#escape = `", "   #  Escape=`  "]) {
      expect(parseDockerfile(`${line}\nFROM a\n`).directives.escapeToken).toBe("`");
    }
  });

  it("stops scanning at a blank line, an ordinary comment, an unknown key or a shebang", () => {
    for (const head of ["\n", "# comment\n", "# foo=bar\n", "#!/bin/sh\n"]) {
      expect(parseDockerfile(`${head}# escape=\`\nFROM a\n`).directives.escapeToken).toBe("\\");
    }
  });

  it("flags a second escape directive", () => {
    const p = parseDockerfile("# escape=\\\n# escape=`\nFROM a\n");
    expect(p.error?.message).toBe("only one escape parser directive can be used");
    expect(p.error?.line).toBe(2);
  });

  it("flags a repeated syntax or check directive with its own name", () => {
    expect(parseDockerfile("# syntax=a\n# syntax=b\nFROM a\n").error?.message).toBe(
      "only one syntax parser directive can be used",
    );
    expect(parseDockerfile("# check=skip=all\n#check=error=true\nFROM a\n").error?.message).toBe(
      "only one check parser directive can be used",
    );
  });

  it("flags an invalid escape token", () => {
    expect(parseDockerfile("# escape=x\nFROM a\n").error?.message).toBe(
      "invalid escape token 'x' does not match ` or \\",
    );
  });

  it("keeps BuildKit's lazy value match: `escape= ` is an escape of one space", () => {
    expect(parseDockerfile("# escape= \nFROM a\n").error?.message).toBe(
      "invalid escape token ' ' does not match ` or \\",
    );
  });

  it("treats `escape=` with no value as an ordinary comment", () => {
    const p = parseDockerfile("# escape=\nFROM a\n");
    expect(p.error).toBeNull();
    expect(p.directives.escapeToken).toBe("\\");
  });

  it("drops a BOM before the first directive", () => {
    expect(parseDockerfile("\uFEFF# escape=`\nFROM a\n").directives.escapeToken).toBe("`");
  });

  it("handles CRLF line endings", () => {
    const p = parseDockerfile("# escape=`\r\nFROM a\r\nRUN a `\r\n b\r\n");
    expect(p.directives.escapeToken).toBe("`");
    expect(runOf("# escape=`\r\nFROM a\r\nRUN a `\r\n b\r\n").command).toBe("a  b");
  });
});

describe("syntax directive", () => {
  it("keeps the first word of the value and the line's span", () => {
    const text = "# syntax = dockerfile:experimental // opts\nFROM busybox\n";
    const p = parseDockerfile(text);
    expect(p.directives.syntax).toEqual({ value: "dockerfile:experimental", span: { start: 0, end: 42 } });
  });

  it("skips a shebang line for syntax, though parser.Parse stops there", () => {
    const p = parseDockerfile("#!/bin/sh\n# syntax = docker/dockerfile:1\n# escape=`\nFROM busybox\n");
    expect(p.directives.syntax?.value).toBe("docker/dockerfile:1");
    expect(p.directives.escapeToken).toBe("\\");
  });

  it("does not look past a blank line after the shebang", () => {
    expect(findDirective("#!/bin/sh\n\n# syntax = x\n", "syntax", true)).toBeNull();
  });

  it("accepts `//` comments and a JSON object", () => {
    expect(findDirective("//syntax=foo\n//key=value", "syntax", true)?.value).toBe("foo");
    expect(findDirective("#!/bin/sh\n//syntax=x", "syntax", true)?.value).toBe("x");
    expect(findDirective('{"syntax": "foo", "bar": ["abc"]}', "syntax", true)?.value).toBe("foo");
    expect(findDirective('{"syntax": "foo"', "syntax", true)).toBeNull();
    expect(findDirective('{"syntax": "foo"}\n# syntax=bar', "syntax", true)).toBeNull();
  });

  it("does not left-trim lines in DetectSyntax", () => {
    const p = parseDockerfile("  # syntax=foo\nFROM a\n");
    expect(p.directives.syntax).toBeNull();
  });

  it("finds syntax after a BOM", () => {
    expect(parseDockerfile("\uFEFF# syntax = myfrontend\nFROM busybox\n").directives.syntax?.value).toBe("myfrontend");
  });
});

describe("check directive", () => {
  it("reads `# check=` only in the # form, after an optional shebang", () => {
    expect(parseDockerfile("#check = skip=all // opts\nFROM a\n").directives.check?.value).toBe("skip=all");
    expect(parseDockerfile("#!/bin/sh\n# check = skip=all\nFROM a\n").directives.check?.value).toBe("skip=all");
    expect(findDirective("// check=skip=all\n", "check", false)).toBeNull();
  });

  it("parses check options like linter.ParseLintOptions", () => {
    expect(parseCheckOptions("skip=JSONArgsRecommended, StageNameCasing;error=true")).toEqual({
      ok: true,
      options: {
        skipAll: false,
        skip: ["JSONArgsRecommended", "StageNameCasing"],
        experimentalAll: false,
        experimental: [],
        error: true,
      },
    });
    expect(parseCheckOptions("skip=all")).toMatchObject({ ok: true, options: { skipAll: true } });
  });

  it("flags bad check options with the frontend's wording", () => {
    expect(parseCheckOptions("skip")).toEqual({
      ok: false,
      error: 'failed to parse check options: invalid check option "skip"',
    });
    expect(parseCheckOptions("foo=bar")).toEqual({
      ok: false,
      error: 'failed to parse check options: invalid check option "foo"',
    });
    expect(parseCheckOptions("error=yes")).toEqual({
      ok: false,
      error:
        'failed to parse check options: failed to parse check option "error=yes": strconv.ParseBool: parsing "yes": invalid syntax',
    });
  });
});
