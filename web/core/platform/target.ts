/**
 * `--platform a,b`: frontend/dockerui/attr.go parsePlatforms. Each value is
 * parsed and normalized; no trimming, no de-duplication.
 */
import { normalizePlatform } from "./normalize";
import { parsePlatform } from "./parse";
import { DEFAULT_HOST, type Platform, type PlatformResult } from "./types";

export function parseTargetPlatforms(specs: readonly string[], host: Platform = DEFAULT_HOST): PlatformResult[] {
  return specs.map((spec): PlatformResult => {
    const r = parsePlatform(spec, host);
    if (!r.ok) return { ok: false, error: `failed to parse target platform ${spec}: ${r.error}` };
    return { ok: true, platform: normalizePlatform(r.platform) };
  });
}

/** Splits a `--platform` value on `,` exactly as attr.go does (empty pieces kept). */
export function splitPlatformList(value: string): string[] {
  return value.split(",");
}
