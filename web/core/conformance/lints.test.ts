/** Conversion-time lint warnings (df/linter/ruleset.go messages, convert.go triggers). */
import { describe, expect, it } from "vitest";
import { A, AR, cache, error, lintMessages, run } from "./helpers";

describe("FROM lints", () => {
  it("flags an undeclared FROM argument", () => {
    expect(lintMessages(run("ARG BASE=busybox\nFROM $BASE:$TAG\nRUN true"))).toContain(
      "UndefinedArgInFrom: FROM argument 'TAG' is not declared",
    );
  });
  it("suggests a declared global for a misspelt FROM argument", () => {
    expect(lintMessages(run("ARG VERSION=1\nFROM busybox:$VERSON\nRUN true"))).toContain(
      "UndefinedArgInFrom: FROM argument 'VERSON' is not declared (did you mean VERSION?)",
    );
  });
  it("flags a base name that is invalid with the defaults", () => {
    expect(lintMessages(run("ARG BASE\nFROM ${BASE}\nRUN true", A, { buildArgs: { BASE: "busybox" } }))).toEqual([
      "InvalidDefaultArgInFrom: Default value for ARG ${BASE} results in empty or invalid base image name",
    ]);
  });
  it("flags --platform=$TARGETPLATFORM as redundant", () => {
    expect(lintMessages(run("FROM --platform=$TARGETPLATFORM busybox\nRUN true"))).toEqual([
      "RedundantTargetPlatform: Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior",
    ]);
  });
  it("flags a constant --platform unless the stage name mentions it", () => {
    expect(lintMessages(run("FROM --platform=linux/amd64 busybox\nRUN true"))).toEqual([
      'FromPlatformFlagConstDisallowed: FROM --platform flag should not use constant value "linux/amd64"',
    ]);
    expect(lintMessages(run("FROM --platform=linux/amd64 busybox AS build-amd64\nRUN true"))).toEqual([]);
  });
});

describe("dispatch lints", () => {
  it("flags secret-looking ARG and ENV names, not PUBLIC ones", () => {
    expect(lintMessages(run("FROM busybox\nARG GITHUB_TOKEN\nENV API_KEY=1 PUBLIC_KEY=2"))).toEqual([
      'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ARG "GITHUB_TOKEN")',
      'SecretsUsedInArgOrEnv: Do not use ARG or ENV instructions for sensitive data (ENV "API_KEY")',
    ]);
  });
  it("flags the first relative WORKDIR only", () => {
    expect(lintMessages(run("FROM busybox\nWORKDIR app\nWORKDIR sub"))).toEqual([
      'WorkdirRelativePath: Relative workdir "app" can have unexpected results if the base image changes',
    ]);
  });
  it("reports lints of the first platform once", () => {
    expect(lintMessages(run(`FROM busybox\n${cache("id=$NOPE,target=/c")}`, AR))).toEqual([
      "UndefinedVar: Usage of undefined variable '$NOPE'",
    ]);
  });
  it("skips lints of unbuilt stages", () => {
    expect(lintMessages(run(`FROM busybox AS u\n${cache("id=$NOPE,target=/c")}\nFROM busybox`))).toEqual([]);
  });
});

describe("check=error=true", () => {
  it("fails on any conversion lint", () => {
    expect(error(run("# check=error=true\nFROM --platform=$TARGETPLATFORM busybox\nRUN true"))).toBe(
      "lint violation found for rules: RedundantTargetPlatform",
    );
  });
  it("passes a clean Dockerfile", () => {
    expect(error(run(`# check=error=true\nFROM busybox\n${cache("target=/c")}`))).toBeNull();
  });
  it("honours skip", () => {
    expect(error(run(`# check=skip=UndefinedVar;error=true\nFROM busybox\n${cache("id=$NOPE,target=/c")}`))).toBeNull();
  });
  it("takes BUILDKIT_DOCKERFILE_CHECK over the directive", () => {
    const text = `# check=error=true\nFROM busybox\n${cache("id=$NOPE,target=/c")}`;
    expect(error(run(text, A, { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: "error=false" } }))).toBeNull();
    expect(error(run(text, A, { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: "bogus" } }))).toBe(
      'failed to parse build-arg:BUILDKIT_DOCKERFILE_CHECK: invalid check option "bogus"',
    );
  });
});

describe("the check directive", () => {
  it("stops the build when it does not parse", () => {
    expect(error(run("# check=bogus\nFROM busybox\nRUN true"))).toBe(
      'failed to parse check options: invalid check option "bogus"',
    );
  });
  it("is ignored when BUILDKIT_DOCKERFILE_CHECK is set", () => {
    expect(
      error(run("# check=bogus\nFROM busybox\nRUN true", A, { buildArgs: { BUILDKIT_DOCKERFILE_CHECK: "skip=all" } })),
    ).toBeNull();
  });
});
