/** An OCI platform (image-spec specs.Platform), field for field. */
export interface Platform {
  /** `linux`, `windows`, `darwin`, … */
  readonly os: string;
  /** `amd64`, `arm64`, `arm`, … */
  readonly architecture: string;
  /** `v7`, `v6`, `v2`, … or "". */
  readonly variant: string;
  /** `10.0.17763` in `windows(10.0.17763)/amd64`, or "". */
  readonly osVersion: string;
  /** `+feature`s of `os(version+feature…)`, in the order given (Normalize sorts them). */
  readonly osFeatures: readonly string[];
}

export type PlatformResult =
  { readonly ok: true; readonly platform: Platform } | { readonly ok: false; readonly error: string };

/**
 * What BuildKit's frontend process would report as its own runtime.GOOS /
 * GOARCH (used by containerd for a one-word specifier). We take the build
 * platform for the architecture and linux for the OS (see parse.ts).
 */
export const DEFAULT_HOST: Platform = {
  os: "linux",
  architecture: "amd64",
  variant: "",
  osVersion: "",
  osFeatures: [],
};
