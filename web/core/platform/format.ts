/**
 * containerd Format / FormatAll. BuildKit uses FormatAll for TARGETPLATFORM
 * (`windows(10.0.17763)/amd64`) and Format for BUILDPLATFORM (never the OS
 * version): df/dockerfile2llb/platform.go defaultArgs. Both path.Join the
 * parts, so empty parts vanish and `.`/`..` parts are resolved.
 */
import { compareGoStrings } from "./normalize";
import { encodeOSOption } from "./os-option";
import { goPathJoin } from "./path-join";
import type { Platform } from "./types";

/** FormatAll: `os[(osversion[+features])]/arch[/variant]`. */
export function formatPlatform(p: Platform): string {
  if (p.os === "") return "unknown";
  if (p.osVersion === "" && p.osFeatures.length === 0) return goPathJoin(p.os, p.architecture, p.variant);
  const version = encodeOSOption(p.osVersion);
  const features = formatOSFeatures(p.osFeatures);
  let os = p.os;
  if (version !== "" || features !== "") os += "(" + version + (features !== "" ? "+" + features : "") + ")";
  return goPathJoin(os, p.architecture, p.variant);
}

/** Format: `os/arch[/variant]`, without OS version or features. */
export function formatPlatformShort(p: Platform): string {
  if (p.os === "") return "unknown";
  return goPathJoin(p.os, p.architecture, p.variant);
}

/** Sorted, without empty or repeated values, each %-encoded, joined by `+`. */
function formatOSFeatures(features: readonly string[]): string {
  const sorted = [...features].sort(compareGoStrings);
  const out: string[] = [];
  let prev = "";
  for (const f of sorted) {
    if (f === "" || f === prev) continue;
    prev = f;
    out.push(encodeOSOption(f));
  }
  return out.join("+");
}
