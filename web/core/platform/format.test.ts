/** containerd TestFormatAllEncoding / TestFormatAllSkipsEmptyOSFeatures, and path.Join effects. */
import { describe, expect, it } from "vitest";
import { formatPlatform, formatPlatformShort, parsePlatform, type Platform } from "./index";

function platform(os: string, architecture: string, osVersion = "", osFeatures: string[] = [], variant = ""): Platform {
  return { os, architecture, variant, osVersion, osFeatures };
}

describe("formatPlatform (FormatAll)", () => {
  const cases: readonly [Platform, string][] = [
    [platform("windows", "amd64", "10.0.17763+build.42"), "windows(10.0.17763%2Bbuild.42)/amd64"],
    [platform("windows", "amd64", "10.0.17763+build.42", ["win32k"]), "windows(10.0.17763%2Bbuild.42+win32k)/amd64"],
    [platform("windows", "amd64", "50%done"), "windows(50%25done)/amd64"],
    [platform("windows", "amd64", "1.0(beta)"), "windows(1.0%28beta%29)/amd64"],
    [platform("windows", "amd64", "a/b"), "windows(a%2Fb)/amd64"],
    [platform("windows", "amd64", "10.0.17763"), "windows(10.0.17763)/amd64"],
    [platform("linux", "amd64", "", ["feat+v2"]), "linux(+feat%2Bv2)/amd64"],
    [platform("linux", "amd64", "", ["100%gpu"]), "linux(+100%25gpu)/amd64"],
    [platform("windows", "amd64", "10.0+build", ["feat+1"]), "windows(10.0%2Bbuild+feat%2B1)/amd64"],
  ];
  it.each(cases)("resolves %j as %s and parses back", (p, expected) => {
    expect(formatPlatform(p)).toBe(expected);
    const back = parsePlatform(expected);
    expect(back.ok && back.platform.osVersion).toBe(p.osVersion);
    expect(back.ok && back.platform.osFeatures).toEqual(p.osFeatures);
  });
  it("keeps out empty and repeated features, sorted", () => {
    expect(formatPlatform(platform("linux", "amd64", "", ["", "gpu", "", "simd"]))).toBe("linux(+gpu+simd)/amd64");
    expect(formatPlatform(platform("linux", "amd64", "", ["b", "a", "b"]))).toBe("linux(+a+b)/amd64");
  });
  it("resolves an empty OS as unknown", () => {
    expect(formatPlatform(platform("", "amd64"))).toBe("unknown");
    expect(formatPlatformShort(platform("", "amd64"))).toBe("unknown");
  });
  it("resolves . and .. components the way path.Join does", () => {
    const dotdot = parsePlatform("linux/../amd64");
    expect(dotdot.ok && formatPlatform(dotdot.platform)).toBe("amd64");
    const dot = parsePlatform("linux/./x");
    expect(dot.ok && formatPlatform(dot.platform)).toBe("linux/x");
  });
});

describe("formatPlatformShort (Format)", () => {
  it("keeps the OS version out", () => {
    expect(formatPlatformShort(platform("windows", "amd64", "10.0.17763", ["win32k"], "v2"))).toBe("windows/amd64/v2");
  });
});
