/**
 * What a share link carries: plain data, independent of the UI's own state type
 * (web/ui/hooks/use-permalink.ts maps between the two).
 *
 * The defaults below are FROZEN for the v1 format: a v1 link omits fields equal to
 * them, so changing one would silently change what every old link opens. If the
 * app's own defaults move (another default example, other default platforms), the
 * link format does not: add a v2 instead.
 */
import type { FixStyle } from "../core/report/types";

/** The selected cell in the results table. */
export interface SharedCell {
  /** Mount index in source order (MountReport.index). */
  readonly mount: number;
  /** Index into the requested platforms. */
  readonly platform: number;
}

/** What the user was looking at. Unknown values are kept as strings: the UI decides what it can show. */
export interface SharedView {
  /** Results tab id, or "" for the app's default tab. */
  readonly tab: string;
  /** Selected table cell, or null. */
  readonly cell: SharedCell | null;
  /** Open rule page (rule id), or "". */
  readonly rule: string;
}

export interface SharedState {
  /** The Dockerfile. */
  readonly text: string;
  /** Target platforms as typed (empty = the build platform, as AnalyzeOptions says). */
  readonly platforms: readonly string[];
  readonly buildPlatform: string;
  /** `--build-arg` values; the cache namespace is BUILDKIT_CACHE_MOUNT_NS here. */
  readonly buildArgs: Readonly<Record<string, string>>;
  /** `--target` as typed, or "" for the last stage. */
  readonly target: string;
  readonly fixStyle: FixStyle;
  readonly view: SharedView;
}

/** Links larger than this, decoded, are refused (url-decode.ts) and not written (url-encode.ts). */
export const MAX_DECODED_BYTES = 1024 * 1024;

export const FIX_STYLES: readonly FixStyle[] = ["TARGETPLATFORM", "TARGETARCH+TARGETVARIANT", "TARGETARCH"];

/** Frozen v1 defaults (see the module comment). */
export const V1_DEFAULTS: SharedState = Object.freeze({
  text: "",
  platforms: Object.freeze(["linux/amd64", "linux/arm64"]),
  buildPlatform: "linux/amd64",
  buildArgs: Object.freeze({}),
  target: "",
  fixStyle: "TARGETPLATFORM",
  view: Object.freeze({ tab: "", cell: null, rule: "" }),
});
