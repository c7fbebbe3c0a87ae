/**
 * The CLI's behaviour (exit codes, stdin, several files, --fix, --write,
 * colour, links) against a fake analyze() whose findings are written into the
 * Dockerfile as comments, so each case says exactly what it tests. The real
 * analysis is exercised end to end in main.test.ts and fixtures.test.ts.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { AnalyzeOptions, Finding, Report, Severity } from "../core/report/types";
import { readLink } from "../share/url-codec";
import { memoryIo } from "./memory-io";
import { runCli } from "./run";

const calls = vi.hoisted(() => [] as { text: string; options: AnalyzeOptions }[]);

/** `# error` / `# warning` / `# info` lines are findings; `BAD` is an error whose safe fix writes `GOOD`. */
vi.mock("../core/analyze", () => ({
  analyze(text: string, options: AnalyzeOptions): Report {
    calls.push({ text, options });
    const findings: Finding[] = [];
    const finding = (severity: Severity, line: number, fix: Finding["fix"]): Finding => ({
      ruleId: `fake-${severity}`,
      severity,
      message: `a ${severity}`,
      range: { startLine: line, startColumn: 1, endLine: line, endColumn: 2 },
      platforms: [],
      mounts: [],
      fix,
    });
    text.split("\n").forEach((l, i) => {
      const m = /^# (error|warning|info)$/.exec(l);
      if (m) findings.push(finding(m[1] as Severity, i + 1, null));
    });
    const bad = text.indexOf("BAD");
    if (bad >= 0) {
      findings.push(
        finding("error", 1, {
          description: "BAD → GOOD",
          safety: "safe",
          edits: [{ start: bad, end: bad + 3, text: "GOOD" }],
        }),
      );
    }
    const platforms = options.platforms.length > 0 ? options.platforms : [options.buildPlatform ?? "linux/amd64"];
    return {
      schema: 1,
      buildPlatform: options.buildPlatform ?? "linux/amd64",
      platforms: platforms.map((p) =>
        p === "bogus"
          ? {
              requested: p,
              normalized: null,
              error:
                'failed to parse target platform bogus: "bogus": unknown operating system or architecture: invalid argument',
              errorRange: null,
            }
          : { requested: p, normalized: p, error: null, errorRange: null },
      ),
      stages: [],
      target: null,
      mounts: [],
      collisions: [],
      findings,
      fixed: bad >= 0 ? text.slice(0, bad) + "GOOD" + text.slice(bad + 3) : text,
      syntax: null,
    };
  },
  toCliJson(report: Report) {
    return { schema: 1, buildPlatform: report.buildPlatform, results: [] };
  },
}));

beforeEach(() => {
  calls.length = 0;
});

async function cli(argv: string[], io = memoryIo({})) {
  const code = await runCli(argv, io);
  return { code, out: io.out.join(""), err: io.err.join(""), io };
}

describe("exit codes", () => {
  it("resolves 0 when nothing is at or above --fail-on", async () => {
    const io = memoryIo({ Dockerfile: "FROM x\n# warning\n# info\n" });
    expect((await cli(["Dockerfile"], io)).code).toBe(0);
    expect((await cli(["--fail-on", "never", "Dockerfile"], memoryIo({ Dockerfile: "# error\n" }))).code).toBe(0);
  });

  it("resolves 1 when a finding is at or above --fail-on", async () => {
    expect((await cli(["Dockerfile"], memoryIo({ Dockerfile: "# error\n" }))).code).toBe(1);
    expect((await cli(["--fail-on", "warning", "D"], memoryIo({ D: "# warning\n" }))).code).toBe(1);
    expect((await cli(["--fail-on", "warning", "D"], memoryIo({ D: "# info\n" }))).code).toBe(0);
    expect((await cli(["--fail-on", "info", "D"], memoryIo({ D: "# info\n" }))).code).toBe(1);
    expect((await cli(["--fail-on", "info", "D"], memoryIo({ D: "# error\n" }))).code).toBe(1);
  });

  it("resolves 1 when any of several files has a finding", async () => {
    const r = await cli(["a", "b"], memoryIo({ a: "FROM x\n", b: "# error\n" }));
    expect(r.code).toBe(1);
  });

  it("resolves 2 with one line on stderr and nothing on stdout for a usage error", async () => {
    const r = await cli(["--format", "xml", "Dockerfile"]);
    expect(r).toMatchObject({ code: 2, out: "" });
    expect(r.err).toBe(
      'cache-mount-playground: invalid argument "xml" for "--format": must be one of text, json, markdown, sarif, github, link (see --help)\n',
    );
  });

  it("resolves 2 for an unreadable file, before printing anything for the others", async () => {
    const r = await cli(["a", "missing"], memoryIo({ a: "# error\n" }));
    expect(r).toEqual({
      code: 2,
      out: "",
      err: "cache-mount-playground: cannot read missing: no such file or directory\n",
      io: r.io,
    });
  });

  it("resolves 2 for a directory", async () => {
    const io = memoryIo({});
    const r = await cli(["dir"], {
      ...io,
      readFile: async () => {
        throw Object.assign(new Error("EISDIR: illegal operation on a directory, read"), { code: "EISDIR" });
      },
    });
    expect([r.code, io.err.join("")]).toEqual([2, "cache-mount-playground: cannot read dir: is a directory\n"]);
  });

  it("resolves 2 for a bad platform string with BuildKit's message", async () => {
    const r = await cli(["--platform", "linux/amd64,bogus", "D"], memoryIo({ D: "FROM x\n" }));
    expect([r.code, r.out, r.err]).toEqual([
      2,
      "",
      'cache-mount-playground: failed to parse target platform bogus: "bogus": unknown operating system or architecture: invalid argument\n',
    ]);
  });

  it("resolves 2 for a bad build platform", async () => {
    const r = await cli(["--build-platform", "bogus", "D"], memoryIo({ D: "FROM x\n" }));
    expect([r.code, r.out]).toEqual([2, ""]);
    expect(r.err).toBe(
      'cache-mount-playground: failed to parse build platform bogus: "bogus": unknown operating system or architecture: invalid argument\n',
    );
  });

  it("resolves 0 for --help and --version", async () => {
    const help = await cli(["--help"]);
    expect([help.code, help.err]).toEqual([0, ""]);
    expect(help.out).toContain("Usage: cache-mount-playground [options] FILE...");
    expect(help.out).toContain("(default: https://cache-mount-playground.github.io/)");
    const version = await cli(["--version"]);
    expect([version.code, version.out]).toEqual([
      0,
      "cache-mount-playground 0.1.0 (reproduces BuildKit's Dockerfile frontend v0.24.0 – current)\n",
    ]);
  });
});

describe("inputs", () => {
  it("resolves - to standard input and names it <stdin>", async () => {
    const r = await cli(["-"], memoryIo({}, { stdin: "# warning\n" }));
    expect(r.out).toBe("<stdin>:1:1: warning fake-warning: a warning\nFound 0 errors, 1 warning, 0 info in 1 file.\n");
  });

  it("resolves several files and stdin in the order given", async () => {
    const r = await cli(["b", "-", "a"], memoryIo({ a: "# info\n", b: "# error\n" }, { stdin: "# warning\n" }));
    expect(r.out).toBe(
      [
        "b:1:1: error fake-error: a error",
        "<stdin>:1:1: warning fake-warning: a warning",
        "a:1:1: info fake-info: a info",
        "Found 1 error, 1 warning, 1 info in 3 files.",
        "",
      ].join("\n"),
    );
  });

  it("keeps binary, NUL bytes and invalid UTF-8 as text with replacement characters", async () => {
    const bytes = new Uint8Array([0x46, 0x52, 0x4f, 0x4d, 0x00, 0xff, 0xfe, 0xc3, 0x0a]);
    const r = await cli(["bin"], memoryIo({ bin: bytes }));
    expect(r.code).toBe(0);
    expect(calls[0]?.text).toBe("FROM\u0000\ufffd\ufffd\ufffd\n");
  });

  it("keeps a BOM in the analysed text", async () => {
    await cli(["D"], memoryIo({ D: "\ufeffFROM x\n" }));
    expect(calls[0]?.text).toBe("\ufeffFROM x\n");
  });

  it("resolves the analysis options from the flags and the environment", async () => {
    await cli(
      [
        "--platform=linux/amd64,linux/arm64",
        "--build-platform",
        "linux/arm64",
        "--build-arg",
        "BUILDKIT_CACHE_MOUNT_NS",
        "--build-arg",
        "A=1",
        "--target",
        "final",
        "--style",
        "TARGETARCH",
        "D",
      ],
      memoryIo({ D: "FROM x\n" }, { env: { BUILDKIT_CACHE_MOUNT_NS: "proj" } }),
    );
    expect(calls.at(-1)?.options).toEqual({
      platforms: ["linux/amd64", "linux/arm64"],
      buildPlatform: "linux/arm64",
      buildArgs: { BUILDKIT_CACHE_MOUNT_NS: "proj", A: "1" },
      target: "final",
      fixStyle: "TARGETARCH",
    });
  });
});

describe("--fix and --write", () => {
  it("prints the fixed Dockerfile verbatim with --fix, exiting on what the fix leaves", async () => {
    const fixable = await cli(["--fix", "D"], memoryIo({ D: "FROM BAD\r\n" }));
    expect([fixable.code, fixable.out]).toEqual([0, "FROM GOOD\r\n"]);
    const left = await cli(["--fix", "-"], memoryIo({}, { stdin: "FROM BAD\n# error\n" }));
    expect([left.code, left.out]).toEqual([1, "FROM GOOD\n# error\n"]);
  });

  it("keeps an unchanged file byte-identical and unwritten with --write", async () => {
    const original = new TextEncoder().encode("\ufeffFROM x\r\n# warning\n");
    const io = memoryIo({ D: original });
    const r = await cli(["--write", "D"], io);
    expect(r.code).toBe(0);
    expect(io.writes).toEqual([]);
    expect(io.files.get("D")).toBe(original);
  });

  it("rewrites a fixable file with --write and reports what remains", async () => {
    const io = memoryIo({ D: "\ufeffFROM BAD\r\n# warning\n", E: "FROM x\n" });
    const r = await cli(["--write", "D", "E"], io);
    expect(io.writes).toEqual(["D"]);
    expect(new TextDecoder("utf-8", { ignoreBOM: true }).decode(io.files.get("D"))).toBe(
      "\ufeffFROM GOOD\r\n# warning\n",
    );
    expect([r.code, r.out]).toEqual([
      0,
      "D:2:1: warning fake-warning: a warning\nFound 0 errors, 1 warning, 0 info in 2 files.\n",
    ]);
  });

  it("keeps a file that is not valid UTF-8 unwritten with --write, and says so", async () => {
    const io = memoryIo({ D: new Uint8Array([0x42, 0x41, 0x44, 0xff, 0x0a]) });
    const r = await cli(["--write", "D"], io);
    expect(io.writes).toEqual([]);
    expect(r.err).toBe("cache-mount-playground: D: not rewritten: it is not valid UTF-8\n");
    expect(r.code).toBe(1);
  });
});

describe("output", () => {
  it("uses colour only on a terminal without NO_COLOR", async () => {
    const files = { D: "# error\n" };
    expect((await cli(["D"], memoryIo(files, { tty: true }))).out).toContain("\x1b[");
    expect((await cli(["D"], memoryIo(files, { tty: true, env: { NO_COLOR: "1" } }))).out).not.toContain("\x1b[");
    expect((await cli(["D"], memoryIo(files, { tty: true, env: { NO_COLOR: "" } }))).out).toContain("\x1b[");
    expect((await cli(["D"], memoryIo(files, { tty: false }))).out).not.toContain("\x1b[");
  });

  it("prints one link per file that opens the same Dockerfile and options in the playground", async () => {
    const r = await cli(
      [
        "--format",
        "link",
        "--base-url",
        "https://example.test/p/#old",
        "--platform",
        "linux/arm64",
        "--target",
        "t",
        "a",
        "b",
      ],
      memoryIo({ a: "FROM a\n", b: "FROM b\n" }),
    );
    const lines = r.out.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe("");
    expect(lines[0]).toMatch(/^https:\/\/example\.test\/p\/#v1=/);
    const link = readLink(lines[1]!.slice(lines[1]!.indexOf("#")));
    expect(link).toMatchObject({
      kind: "state",
      state: { text: "FROM b\n", platforms: ["linux/arm64"], buildPlatform: "linux/amd64", target: "t" },
    });
  });

  it("resolves the json shape by the number of files named", async () => {
    const one = await cli(["--format", "json", "a"], memoryIo({ a: "FROM a\n" }));
    expect(JSON.parse(one.out)).toEqual({ schema: 1, buildPlatform: "linux/amd64", results: [] });
    const two = await cli(["--format", "json", "a", "-"], memoryIo({ a: "FROM a\n" }, { stdin: "FROM b\n" }));
    expect(JSON.parse(two.out)).toEqual({
      schema: 1,
      files: [
        { file: "a", report: { schema: 1, buildPlatform: "linux/amd64", results: [] } },
        { file: null, report: { schema: 1, buildPlatform: "linux/amd64", results: [] } },
      ],
    });
  });

  it("prints github annotations and SARIF for several files", async () => {
    const files = () => memoryIo({ a: "# error\n", "dir/b": "# info\n" });
    expect((await cli(["--format", "github", "a", "dir/b"], files())).out).toBe(
      "::error file=a,line=1,col=1,endLine=1,endColumn=2,title=fake-error::a error\n" +
        "::notice file=dir/b,line=1,col=1,endLine=1,endColumn=2,title=fake-info::a info\n",
    );
    const sarif = JSON.parse((await cli(["--format", "sarif", "a", "dir/b"], files())).out);
    expect(
      sarif.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => [
        r.locations[0]?.physicalLocation.artifactLocation.uri,
      ]),
    ).toEqual([["a"], ["dir/b"]]);
  });
});
