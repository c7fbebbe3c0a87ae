/**
 * `--platform` values (frontend/dockerui/attr.go parsePlatforms) and the
 * automatic ARGs (df/dockerfile2llb/platform.go defaultArgs):
 * buildkit-semantics.md §5 and vectors 8, 57–62.
 */
import { describe, expect, it } from "vitest";
import { formatPlatform, parseTargetPlatforms, platformArgs, splitPlatformList, type Platform } from "./index";

function target(spec: string): Platform {
  const [r] = parseTargetPlatforms([spec]);
  if (r === undefined || !r.ok) throw new Error(r?.ok === false ? r.error : "no result");
  return r.platform;
}

const LINUX_AMD64: Platform = { os: "linux", architecture: "amd64", variant: "", osVersion: "", osFeatures: [] };
const LINUX_ARM64: Platform = { ...LINUX_AMD64, architecture: "arm64" };

describe("§5 platform table", () => {
  const rows: readonly [string[], string, string, string][] = [
    [
      ["linux/amd64", "linux/x86_64", "linux/x86-64", "LINUX/AMD64", "linux/amd64/v1", "amd64"],
      "linux/amd64",
      "amd64",
      "",
    ],
    [["linux/amd64/v2"], "linux/amd64/v2", "amd64", "v2"],
    [["linux/arm64", "linux/aarch64", "linux/arm64/v8", "linux/arm64/8", "arm64"], "linux/arm64", "arm64", ""],
    [["linux/arm64/v9"], "linux/arm64/v9", "arm64", "v9"],
    [["linux/arm", "linux/armhf", "linux/arm/7", "linux/arm/v7"], "linux/arm/v7", "arm", "v7"],
    [["linux/armel", "linux/arm/v6"], "linux/arm/v6", "arm", "v6"],
    [["linux/i386", "linux/386"], "linux/386", "386", ""],
    [["macos/arm64"], "darwin/arm64", "arm64", ""],
    [["windows(10.0.17763)/amd64"], "windows(10.0.17763)/amd64", "amd64", ""],
  ];
  for (const [inputs, platform, arch, variant] of rows) {
    it.each(inputs)(`resolves %j to ${platform}`, (input) => {
      const args = platformArgs(target(input), LINUX_AMD64);
      expect([args.TARGETPLATFORM, args.TARGETARCH, args.TARGETVARIANT]).toEqual([platform, arch, variant]);
    });
  }
  it("resolves the [Δ v0.31+] features form sorted, de-duplicated and encoded", () => {
    expect(formatPlatform(target("linux(+b+a%2Bx+b)/amd64"))).toBe("linux(+a%2Bx+b)/amd64");
  });
});

describe("vector 8: TARGETPLATFORM per platform", () => {
  it("resolves linux/amd64,linux/arm,linux/arm64/v8,linux/arm/v6", () => {
    const results = parseTargetPlatforms(splitPlatformList("linux/amd64,linux/arm,linux/arm64/v8,linux/arm/v6"));
    expect(results.map((r) => (r.ok ? platformArgs(r.platform, LINUX_AMD64).TARGETPLATFORM : r.error))).toEqual([
      "linux/amd64",
      "linux/arm/v7",
      "linux/arm64",
      "linux/arm/v6",
    ]);
  });
  it("keeps duplicates and order", () => {
    expect(
      parseTargetPlatforms(["linux/amd64", "amd64", "linux/x86_64"]).map((r) => r.ok && formatPlatform(r.platform)),
    ).toEqual(["linux/amd64", "linux/amd64", "linux/amd64"]);
  });
});

describe("vector 57: BUILDARCH and TARGETARCH when cross-compiling", () => {
  it("resolves BUILDARCH from the build platform and TARGETARCH from each target", () => {
    const targets = parseTargetPlatforms(["linux/amd64", "linux/arm64", "linux/arm/v7"]);
    expect(
      targets.map(
        (t) =>
          t.ok && [platformArgs(t.platform, LINUX_AMD64).BUILDARCH, platformArgs(t.platform, LINUX_AMD64).TARGETARCH],
      ),
    ).toEqual([
      ["amd64", "amd64"],
      ["amd64", "arm64"],
      ["amd64", "arm"],
    ]);
  });
});

describe("vector 59: no --platform", () => {
  it("resolves the target as the build platform", () => {
    const args = platformArgs(LINUX_ARM64, LINUX_ARM64);
    expect(`${args.TARGETPLATFORM}:${args.BUILDPLATFORM}`).toBe("linux/arm64:linux/arm64");
  });
});

describe("vector 60: an OS version", () => {
  it("resolves TARGETPLATFORM with the version and BUILDPLATFORM never with it", () => {
    const windows = target("windows(10.0.17763)/amd64");
    expect(platformArgs(windows, LINUX_AMD64)).toEqual({
      BUILDPLATFORM: "linux/amd64",
      BUILDOS: "linux",
      BUILDOSVERSION: "",
      BUILDARCH: "amd64",
      BUILDVARIANT: "",
      TARGETPLATFORM: "windows(10.0.17763)/amd64",
      TARGETOS: "windows",
      TARGETOSVERSION: "10.0.17763",
      TARGETARCH: "amd64",
      TARGETVARIANT: "",
    });
    expect(platformArgs(LINUX_AMD64, windows).BUILDPLATFORM).toBe("windows/amd64");
    expect(platformArgs(LINUX_AMD64, windows).BUILDOSVERSION).toBe("10.0.17763");
  });
  it("keeps the ARG order of defaultArgs", () => {
    expect(Object.keys(platformArgs(LINUX_AMD64, LINUX_AMD64))).toEqual([
      "BUILDPLATFORM",
      "BUILDOS",
      "BUILDOSVERSION",
      "BUILDARCH",
      "BUILDVARIANT",
      "TARGETPLATFORM",
      "TARGETOS",
      "TARGETOSVERSION",
      "TARGETARCH",
      "TARGETVARIANT",
    ]);
  });
});

describe("vector 61: an unknown OS/arch pair", () => {
  it("resolves darwin/ppc64le as given", () => {
    const args = platformArgs(target("darwin/ppc64le"), LINUX_AMD64);
    expect([args.TARGETPLATFORM, args.TARGETOS]).toEqual(["darwin/ppc64le", "darwin"]);
  });
});

describe("vector 62: --platform errors", () => {
  it("flags an unknown single word", () => {
    expect(parseTargetPlatforms(["foo"])).toEqual([
      {
        ok: false,
        error: 'failed to parse target platform foo: "foo": unknown operating system or architecture: invalid argument',
      },
    ]);
  });
  it("flags a wildcard", () => {
    expect(parseTargetPlatforms(["linux/arm*"])).toEqual([
      {
        ok: false,
        error:
          'failed to parse target platform linux/arm*: "linux/arm*": wildcards not yet supported: invalid argument',
      },
    ]);
  });
  it("flags a space after a comma, which attr.go does not trim", () => {
    const [, second] = parseTargetPlatforms(splitPlatformList("linux/amd64, linux/arm64"));
    expect(
      second?.ok === false &&
        second.error.startsWith('failed to parse target platform  linux/arm64: " linux" is an invalid OS component'),
    ).toBe(true);
  });
  it("resolves a one-word OS with the given build platform's architecture", () => {
    const [r] = parseTargetPlatforms(["linux"], LINUX_ARM64);
    expect(r?.ok && formatPlatform(r.platform)).toBe("linux/arm64");
  });
});
