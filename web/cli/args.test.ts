import { describe, expect, it } from "vitest";
import type { CliOptions, ParsedArgs } from "./args";
import { parseArgs } from "./args";

function options(argv: string[], env: Record<string, string | undefined> = {}): CliOptions {
  const r = parseArgs(argv, env);
  if (r.kind !== "run") throw new Error(`expected run, got ${JSON.stringify(r)}`);
  return r.options;
}

function usageError(argv: string[]): string {
  const r: ParsedArgs = parseArgs(argv, {});
  if (r.kind !== "usage-error") throw new Error(`expected a usage error, got ${JSON.stringify(r)}`);
  return r.message;
}

describe("parseArgs", () => {
  it("keeps the defaults: text, fail on error, build platform only", () => {
    expect(options(["Dockerfile"])).toEqual({
      files: ["Dockerfile"],
      platforms: [],
      buildPlatform: null,
      buildArgs: {},
      target: null,
      fix: false,
      write: false,
      style: null,
      failOn: "error",
      format: "text",
      baseUrl: null,
      verbose: false,
    });
  });

  it("resolves repeated and comma-separated --platform in the order given, without de-duplicating", () => {
    expect(
      options(["--platform", "linux/amd64,linux/arm64", "--platform=linux/arm/v7", "--platform", "linux/amd64", "a"])
        .platforms,
    ).toEqual(["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/amd64"]);
  });

  it("keeps an empty platform entry for BuildKit's parser to reject", () => {
    expect(options(["--platform", "linux/amd64,", "a"]).platforms).toEqual(["linux/amd64", ""]);
  });

  it("resolves --build-arg K=V, the value keeping later '=' and later flags winning", () => {
    expect(options(["--build-arg", "A=1=2", "--build-arg=B=", "--build-arg", "A=3", "f"]).buildArgs).toEqual({
      A: "3",
      B: "",
    });
  });

  it("resolves --build-arg K from the environment, as docker does", () => {
    expect(options(["--build-arg", "NS", "--build-arg", "EMPTY", "f"], { NS: "proj", EMPTY: "" }).buildArgs).toEqual({
      NS: "proj",
      EMPTY: "",
    });
  });

  it("drops --build-arg K when K is not in the environment, as docker does", () => {
    expect(options(["--build-arg", "MISSING", "--build-arg", "constructor", "f"], {}).buildArgs).toEqual({});
  });

  it("flags --build-arg with an empty key", () => {
    expect(usageError(["--build-arg", "=x", "f"])).toBe('invalid key-value pair "=x": empty key');
  });

  it("resolves --build-platform, --target, --base-url and the booleans", () => {
    const o = options([
      "--build-platform=linux/arm64",
      "--target",
      "Build",
      "--base-url",
      "https://example.test/play/",
      "--verbose",
      "--write",
      "f",
    ]);
    expect([o.buildPlatform, o.target, o.baseUrl, o.verbose, o.write, o.fix]).toEqual([
      "linux/arm64",
      "Build",
      "https://example.test/play/",
      true,
      true,
      false,
    ]);
  });

  it("resolves every --format and --fail-on value", () => {
    for (const f of ["text", "json", "markdown", "sarif", "github", "link"] as const) {
      expect(options(["--format", f, "x"]).format).toBe(f);
    }
    for (const l of ["error", "warning", "info", "never"] as const)
      expect(options(["--fail-on", l, "x"]).failOn).toBe(l);
  });

  it("flags an unknown --format with BuildKit-style did-you-mean", () => {
    expect(usageError(["--format", "sarf", "x"])).toBe(
      'invalid argument "sarf" for "--format": must be one of text, json, markdown, sarif, github, link (did you mean sarif?)',
    );
  });

  it("flags an unknown --fail-on level", () => {
    expect(usageError(["--fail-on=errors", "x"])).toBe(
      'invalid argument "errors" for "--fail-on": must be one of error, warning, info, never (did you mean error?)',
    );
  });

  it("resolves --style case-insensitively to the fixer's style names", () => {
    expect(options(["--style", "targetarch+targetvariant", "x"]).style).toBe("TARGETARCH+TARGETVARIANT");
    expect(options(["--style=TARGETARCH", "x"]).style).toBe("TARGETARCH");
    expect(usageError(["--style", "arch", "x"])).toBe(
      'invalid argument "arch" for "--style": must be one of TARGETPLATFORM, TARGETARCH+TARGETVARIANT, TARGETARCH',
    );
  });

  it("flags an unknown flag and suggests the close one", () => {
    expect(usageError(["--plaform", "linux/amd64", "x"])).toBe("unknown flag: --plaform (did you mean --platform?)");
    expect(usageError(["--colour", "x"])).toBe("unknown flag: --colour");
    expect(usageError(["-p", "x"])).toBe('unknown shorthand flag: "-p"');
  });

  it("flags a value flag without a value", () => {
    expect(usageError(["x", "--platform"])).toBe("flag needs an argument: --platform");
  });

  it("resolves boolean flags written with Go's bool spellings", () => {
    expect(options(["--verbose=false", "--write=true", "x"])).toMatchObject({ verbose: false, write: true });
    expect(usageError(["--verbose=yes", "x"])).toBe(
      'invalid argument "yes" for "--verbose" flag: expected true or false',
    );
  });

  it("resolves several files, stdin as -, and operands after --", () => {
    expect(options(["a", "-", "--", "--weird-name", "-b"]).files).toEqual(["a", "-", "--weird-name", "-b"]);
  });

  it("flags stdin named twice", () => {
    expect(usageError(["-", "a", "-"])).toBe("standard input (-) can be read only once");
  });

  it("flags a run without files", () => {
    expect(usageError(["--platform", "linux/amd64"])).toBe(
      "no Dockerfile given (name one or more files, or - for standard input)",
    );
  });

  it("flags --fix combined with --write, --format or several files, and --write on stdin", () => {
    expect(usageError(["--fix", "--write", "a"])).toBe(
      "--fix prints the fixed Dockerfile; --write rewrites it: pick one",
    );
    expect(usageError(["--fix", "--format", "json", "a"])).toBe(
      "--fix prints the fixed Dockerfile, not a report: drop --format (or use --write)",
    );
    expect(usageError(["--fix", "a", "b"])).toBe("--fix prints one Dockerfile: give one file, or use --write");
    expect(usageError(["--write", "-"])).toBe("--write cannot rewrite standard input: use --fix");
  });

  it("resolves --help and -h before any other check, and --version", () => {
    expect(parseArgs(["--help"], {})).toEqual({ kind: "help" });
    expect(parseArgs(["-h", "--fix", "--write"], {})).toEqual({ kind: "help" });
    expect(parseArgs(["--version"], {})).toEqual({ kind: "version" });
  });

  it("still flags an unknown flag next to --help", () => {
    expect(parseArgs(["--help", "--nope"], {})).toEqual({ kind: "usage-error", message: "unknown flag: --nope" });
  });
});
