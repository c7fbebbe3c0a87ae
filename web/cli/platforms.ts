/**
 * Bad platform strings end the run with exit 2 before any file is read, with
 * the message BuildKit's frontend options give (frontend/dockerui/attr.go
 * "failed to parse target platform %s: %v"; the build platform likewise, as
 * the resolver words it).
 */
import type { Platform } from "../core/platform/index";
import { parsePlatform, parseTargetPlatforms } from "../core/platform/index";
import type { AnalyzeOptions } from "../core/report/types";

/** The message for the first platform string that does not parse, or null. */
export function checkPlatforms(options: AnalyzeOptions): string | null {
  let host: Platform | undefined;
  if (options.buildPlatform !== undefined) {
    const build = parsePlatform(options.buildPlatform);
    if (!build.ok) return `failed to parse build platform ${options.buildPlatform}: ${build.error}`;
    host = build.platform;
  }
  for (const target of parseTargetPlatforms(options.platforms, host)) if (!target.ok) return target.error;
  return null;
}
