/**
 * containerd/platforms platforms_test.go (TestParseSelector,
 * TestParseSelectorInvalid) plus the exact error texts of the vendored
 * v1.0.0-rc.4 Parse.
 */
import { describe, expect, it } from "vitest";
import { formatPlatform, formatPlatformShort, normalizePlatform, parsePlatform, type Platform } from "./index";

function platform(os: string, architecture: string, variant = "", osVersion = "", osFeatures: string[] = []): Platform {
  return { os, architecture, variant, osVersion, osFeatures };
}

function parsed(spec: string, host?: Platform): Platform {
  const r = parsePlatform(spec, host);
  if (!r.ok) throw new Error(r.error);
  return r.platform;
}

function parseError(spec: string): string | null {
  const r = parsePlatform(spec);
  return r.ok ? null : r.error;
}

describe("TestParseSelector", () => {
  // [input, expected (host linux/amd64), formatted, useV2Format (FormatAll)]
  const cases: readonly [string, Platform, string, boolean][] = [
    ["linux/arm64", platform("linux", "arm64"), "linux/arm64", false],
    ["linux/arm64/v8", platform("linux", "arm64", "v8"), "linux/arm64/v8", false],
    ["linux/arm", platform("linux", "arm"), "linux/arm", false],
    ["linux/arm/v6", platform("linux", "arm", "v6"), "linux/arm/v6", false],
    ["linux/arm/v7", platform("linux", "arm", "v7"), "linux/arm/v7", false],
    ["arm", platform("linux", "arm"), "linux/arm", false],
    ["armel", platform("linux", "arm", "v6"), "linux/arm/v6", false],
    ["armhf", platform("linux", "arm"), "linux/arm", false],
    ["Aarch64", platform("linux", "arm64"), "linux/arm64", false],
    ["x86_64", platform("linux", "amd64"), "linux/amd64", false],
    ["Linux/x86_64", platform("linux", "amd64"), "linux/amd64", false],
    ["i386", platform("linux", "386"), "linux/386", false],
    ["linux", platform("linux", "amd64"), "linux/amd64", false],
    ["s390x", platform("linux", "s390x"), "linux/s390x", false],
    ["linux/s390x", platform("linux", "s390x"), "linux/s390x", false],
    ["macOS", platform("darwin", "amd64"), "darwin/amd64", false],
    ["windows", platform("windows", "amd64"), "windows/amd64", false],
    ["windows()", platform("windows", "amd64"), "windows/amd64", true],
    ["windows(10.0.17763)", platform("windows", "amd64", "", "10.0.17763"), "windows(10.0.17763)/amd64", true],
    [
      "windows(10.0.17763+win32k)",
      platform("windows", "amd64", "", "10.0.17763", ["win32k"]),
      "windows(10.0.17763+win32k)/amd64",
      true,
    ],
    ["linux(+gpu)", platform("linux", "amd64", "", "", ["gpu"]), "linux(+gpu)/amd64", true],
    ["linux(+gpu+simd)", platform("linux", "amd64", "", "", ["gpu", "simd"]), "linux(+gpu+simd)/amd64", true],
    [
      "linux(+unsorted+erofs)",
      platform("linux", "amd64", "", "", ["unsorted", "erofs"]),
      "linux(+erofs+unsorted)/amd64",
      true,
    ],
    [
      "windows(10.0.17763%2Bbuild.42)",
      platform("windows", "amd64", "", "10.0.17763+build.42"),
      "windows(10.0.17763%2Bbuild.42)/amd64",
      true,
    ],
    [
      "windows(10.0.17763%2Bbuild.42+win32k)",
      platform("windows", "amd64", "", "10.0.17763+build.42", ["win32k"]),
      "windows(10.0.17763%2Bbuild.42+win32k)/amd64",
      true,
    ],
    ["windows(50%25done)", platform("windows", "amd64", "", "50%done"), "windows(50%25done)/amd64", true],
  ];
  it.each(cases)("resolves %j", (input, expected, formatted, v2) => {
    const p = parsed(input);
    expect(p).toEqual(expected);
    const format = v2 ? formatPlatform : formatPlatformShort;
    expect(format(p)).toBe(formatted);
    // Re-parsing the formatted output is stable.
    expect(format(parsed(formatted))).toBe(formatted);
  });

  it("resolves a one-word OS with the host's architecture and ARM variant", () => {
    expect(parsed("linux", platform("linux", "arm64"))).toEqual(platform("linux", "arm64"));
    expect(parsed("linux", platform("linux", "arm", "v6"))).toEqual(platform("linux", "arm", "v6"));
    expect(parsed("windows", platform("linux", "arm", "v7"))).toEqual(platform("windows", "arm"));
    expect(parsed("freebsd", platform("linux", "arm"))).toEqual(platform("freebsd", "arm"));
  });
  it("resolves a one-word architecture with OS linux whatever the host", () => {
    expect(parsed("arm64", platform("windows", "amd64"))).toEqual(platform("linux", "arm64"));
  });
  it("keeps an unknown architecture next to an OS", () => {
    expect(parsed("linux/foo")).toEqual(platform("linux", "foo"));
  });
  it("keeps arm64/v8 from a three-part specifier until normalization", () => {
    expect(parsed("linux/arm64")).toEqual(platform("linux", "arm64"));
    expect(parsed("linux/aarch64/8")).toEqual(platform("linux", "arm64", "v8"));
    expect(normalizePlatform(parsed("linux/aarch64/8"))).toEqual(platform("linux", "arm64"));
  });
});

describe("parse errors", () => {
  const OS_RE = String.raw`"^([A-Za-z0-9_-]+)(?:\\(([A-Za-z0-9_.%-]*)((?:\\+[A-Za-z0-9_.%-]+)*)\\))?$"`;
  const COMPONENT_RE = '"^[A-Za-z0-9_.-]+$"';
  const cases: readonly [string, string][] = [
    ["", `"" is an invalid OS component of "": OSAndVersion specifier component must match ${OS_RE}: invalid argument`],
    [
      "/linux/arm",
      `"" is an invalid OS component of "/linux/arm": OSAndVersion specifier component must match ${OS_RE}: invalid argument`,
    ],
    [
      "linux/arm/",
      `"" is an invalid component of "linux/arm/": platform specifier component must match ${COMPONENT_RE}: invalid argument`,
    ],
    [
      "linux /arm",
      `"linux " is an invalid OS component of "linux /arm": OSAndVersion specifier component must match ${OS_RE}: invalid argument`,
    ],
    [
      "linux/&arm",
      `"&arm" is an invalid component of "linux/&arm": platform specifier component must match ${COMPONENT_RE}: invalid argument`,
    ],
    ["linux/arm/foo/bar", `"linux/arm/foo/bar": cannot parse platform specifier: invalid argument`],
    [
      "a/b/c/d/e",
      `"d/e" is an invalid component of "a/b/c/d/e": platform specifier component must match ${COMPONENT_RE}: invalid argument`,
    ],
    ["foo", `"foo": unknown operating system or architecture: invalid argument`],
    ["linux/arm*", `"linux/arm*": wildcards not yet supported: invalid argument`],
    ["windows(%zz)/amd64", `"windows(%zz)/amd64" has an invalid OS version "%zz": invalid URL escape "%zz"`],
    [
      "linux(+a%2)/amd64",
      `"linux(+a%2)/amd64" has invalid OS features: invalid os feature "a%2": invalid URL escape "%2"`,
    ],
    [
      "windows(1.0",
      `"windows(1.0" is an invalid OS component of "windows(1.0": OSAndVersion specifier component must match ${OS_RE}: invalid argument`,
    ],
    [
      "linux/amd64, linux/arm64",
      `"amd64, linux" is an invalid component of "linux/amd64, linux/arm64": platform specifier component must match ${COMPONENT_RE}: invalid argument`,
    ],
  ];
  it.each(cases)("flags %j", (spec, error) => {
    expect(parseError(spec)).toBe(error);
  });
});
