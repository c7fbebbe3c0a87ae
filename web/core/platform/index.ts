/**
 * Platform strings exactly as BuildKit handles them: containerd/platforms
 * (v1.0.0-rc.4) Parse / Normalize / Format / FormatAll, dockerui's
 * `--platform` parsing and the automatic platform ARGs.
 */
export type { Platform, PlatformResult } from "./types";
export { DEFAULT_HOST } from "./types";
export { parsePlatform } from "./parse";
export { normalizePlatform } from "./normalize";
export { formatPlatform, formatPlatformShort } from "./format";
export { platformArgs, PLATFORM_ARG_NAMES, type PlatformArgName } from "./args";
export { parseTargetPlatforms, splitPlatformList } from "./target";
