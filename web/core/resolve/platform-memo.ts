/**
 * Platform parsing and formatting remembered for one analysis: every target
 * platform parses the same `FROM --platform` values and formats the same
 * execution platforms, stage after stage.
 */
import type { Platform, PlatformResult } from "../platform/index";
import { formatPlatform, normalizePlatform, parsePlatform } from "../platform/index";

export class PlatformMemo {
  private readonly parsed = new Map<string, PlatformResult>();
  private readonly formatted = new Map<Platform, string>();

  /** parsePlatform(value, host); the host is the build platform, the same for the whole analysis. */
  parse(value: string, host: Platform): PlatformResult {
    let r = this.parsed.get(value);
    if (r === undefined) this.parsed.set(value, (r = parsePlatform(value, host)));
    return r;
  }

  /** formatPlatform(normalizePlatform(p)), by object: parse() hands out the same ones. */
  normalizedText(p: Platform): string {
    let text = this.formatted.get(p);
    if (text === undefined) this.formatted.set(p, (text = formatPlatform(normalizePlatform(p))));
    return text;
  }
}
