/**
 * The automatic platform ARGs, as df/dockerfile2llb/platform.go defaultArgs
 * builds them (same order). TARGETSTAGE and `--build-arg` overrides of these
 * names are applied by the caller, as in defaultArgs.
 */
import { formatPlatform, formatPlatformShort } from "./format";
import type { Platform } from "./types";

export const PLATFORM_ARG_NAMES = [
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
] as const;

export type PlatformArgName = (typeof PLATFORM_ARG_NAMES)[number];

/** `target` and `build` are used as given: pass normalized platforms (BuildKit does). */
export function platformArgs(target: Platform, build: Platform): Record<PlatformArgName, string> {
  return {
    BUILDPLATFORM: formatPlatformShort(build),
    BUILDOS: build.os,
    BUILDOSVERSION: build.osVersion,
    BUILDARCH: build.architecture,
    BUILDVARIANT: build.variant,
    TARGETPLATFORM: formatPlatform(target),
    TARGETOS: target.os,
    TARGETOSVERSION: target.osVersion,
    TARGETARCH: target.architecture,
    TARGETVARIANT: target.variant,
  };
}
