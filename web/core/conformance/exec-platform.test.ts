/** Where each RUN executes (buildkit-semantics.md §5 table; convert.go init, resolveReachableStages; llb state platform). */
import { describe, expect, it } from "vitest";
import { cache, error, run } from "./helpers";

function execPlatforms(text: string, platforms: string[], buildPlatform = "linux/amd64"): string[][] {
  return run(text, platforms, { buildPlatform }).json.results.map((r) => r.mounts.map((m) => m.execPlatform));
}

describe("execution platform", () => {
  it("is the target without FROM --platform", () => {
    expect(execPlatforms(`FROM busybox\n${cache("target=/c")}`, ["linux/arm64", "linux/s390x"])).toEqual([
      ["linux/arm64"],
      ["linux/s390x"],
    ]);
  });
  it("is the normalized FROM --platform value", () => {
    expect(execPlatforms(`FROM --platform=linux/arm64/v8 busybox\n${cache("target=/c")}`, ["linux/amd64"])).toEqual([
      ["linux/arm64"],
    ]);
  });
  it("follows the base stage and ignores the child's --platform", () => {
    const text = `FROM --platform=$BUILDPLATFORM busybox AS b\nFROM --platform=linux/ppc64le b\n${cache("target=/c")}`;
    expect(execPlatforms(text, ["linux/arm64", "linux/s390x"], "linux/arm64/v8")).toEqual([
      ["linux/arm64"],
      ["linux/arm64"],
    ]);
  });
  it("is the target for FROM scratch, whatever its --platform", () => {
    expect(execPlatforms(`FROM --platform=linux/s390x scratch\n${cache("target=/c")}`, ["linux/arm64"])).toEqual([
      ["linux/arm64"],
    ]);
  });
  it("never changes TARGET* values", () => {
    const r = run(`FROM --platform=$BUILDPLATFORM busybox\nARG TARGETARCH\n${cache("id=$TARGETARCH,target=/c")}`, [
      "linux/arm64",
    ]);
    expect(r.json.results[0]?.mounts.map((m) => `${m.cacheKey} ${m.execPlatform}`)).toEqual(["/arm64 linux/amd64"]);
  });
  it("explains itself in the trace", () => {
    const r = run(`FROM --platform=$BUILDPLATFORM busybox AS build\n${cache("target=/c")}`, ["linux/arm64"]);
    expect(r.report.mounts[0]?.cells[0]?.trace.find((s) => s.kind === "exec-platform")?.text).toBe(
      "Stage `build` runs on linux/amd64 because of `FROM --platform=$BUILDPLATFORM`.",
    );
  });
});

describe("FROM --platform errors", () => {
  it("suggests a close global name for an empty value", () => {
    expect(error(run("FROM --platform=$TARGETPLATFOR busybox\nRUN true"))).toBe(
      "empty platform value from expression $TARGETPLATFOR (did you mean TARGETPLATFORM?)",
    );
  });
  it("wraps a platform parse error", () => {
    expect(error(run("FROM --platform=linux/arm* busybox\nRUN true"))).toBe(
      'failed to parse platform linux/arm*: "linux/arm*": wildcards not yet supported: invalid argument',
    );
  });
  it("fires in unreachable stages too", () => {
    expect(error(run("FROM --platform=$NOPE busybox AS u\nFROM busybox"))).toBe(
      "empty platform value from expression $NOPE",
    );
  });
});

describe("requested platforms", () => {
  it("are normalized and not de-duplicated", () => {
    const r = run(`FROM busybox\n${cache("target=/c")}`, ["linux/x86_64", "linux/amd64"]);
    expect(r.json.results.map((x) => [x.requested, x.platform])).toEqual([
      ["linux/x86_64", "linux/amd64"],
      ["linux/amd64", "linux/amd64"],
    ]);
  });
  it("fail the whole build when one does not parse", () => {
    const r = run(`FROM busybox\n${cache("target=/c")}`, ["linux/amd64", "foo"]);
    expect(r.json.results.map((x) => [x.platform, x.error])).toEqual([
      [
        "linux/amd64",
        'failed to parse target platform foo: "foo": unknown operating system or architecture: invalid argument',
      ],
      ["foo", 'failed to parse target platform foo: "foo": unknown operating system or architecture: invalid argument'],
    ]);
  });
});
