/**
 * The automatic platform ARGs (df/dockerfile2llb/platform.go defaultArgs) and
 * their values for a normalized platform string, so rules can say what
 * `${TARGETARCH}` is on each platform and predict what a fixed id becomes.
 */

export const TARGET_ARGS = ["TARGETPLATFORM", "TARGETOS", "TARGETOSVERSION", "TARGETARCH", "TARGETVARIANT"] as const;
export const BUILD_ARGS = ["BUILDPLATFORM", "BUILDOS", "BUILDOSVERSION", "BUILDARCH", "BUILDVARIANT"] as const;
export const AUTOMATIC_ARGS: ReadonlySet<string> = new Set<string>([...TARGET_ARGS, ...BUILD_ARGS, "TARGETSTAGE"]);

export interface PlatformParts {
  readonly os: string;
  readonly osVersion: string;
  readonly arch: string;
  readonly variant: string;
}

/** Splits `os[(osversion)]/arch[/variant]` (containerd's FormatAll output). */
export function splitPlatform(normalized: string): PlatformParts {
  let os = normalized;
  let rest = "";
  // The OS version may hold anything but a `)`: split at the first `/` after it.
  const close = normalized.indexOf(")");
  const slash = normalized.indexOf("/", close === -1 ? 0 : close);
  if (slash !== -1) {
    os = normalized.slice(0, slash);
    rest = normalized.slice(slash + 1);
  }
  let osVersion = "";
  const open = os.indexOf("(");
  if (open !== -1 && os.endsWith(")")) {
    osVersion = os.slice(open + 1, -1);
    os = os.slice(0, open);
  }
  const cut = rest.indexOf("/");
  const arch = cut === -1 ? rest : rest.slice(0, cut);
  const variant = cut === -1 ? "" : rest.slice(cut + 1);
  return { os, osVersion, arch, variant };
}

/** `os/arch[/variant]` without the OS version (containerd's Format, used for BUILDPLATFORM). */
export function formatWithoutOsVersion(p: PlatformParts): string {
  return `${p.os}/${p.arch}${p.variant === "" ? "" : "/" + p.variant}`;
}

/**
 * The value BuildKit gives an automatic ARG, before any `--build-arg`
 * override: `target` and `build` are normalized platform strings.
 */
export function automaticValue(name: string, target: string, build: string, targetStage: string): string | null {
  const t = splitPlatform(target);
  const b = splitPlatform(build);
  switch (name) {
    case "TARGETPLATFORM":
      return target;
    case "TARGETOS":
      return t.os;
    case "TARGETOSVERSION":
      return t.osVersion;
    case "TARGETARCH":
      return t.arch;
    case "TARGETVARIANT":
      return t.variant;
    case "BUILDPLATFORM":
      return formatWithoutOsVersion(b);
    case "BUILDOS":
      return b.os;
    case "BUILDOSVERSION":
      return b.osVersion;
    case "BUILDARCH":
      return b.arch;
    case "BUILDVARIANT":
      return b.variant;
    case "TARGETSTAGE":
      return targetStage;
    default:
      return null;
  }
}
