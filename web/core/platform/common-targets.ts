/**
 * The eight Linux platforms Docker's official images are commonly built for:
 * the playground's platform chips and its "official images" preset, and the
 * platforms the benchmark and the performance journey analyse for.
 */
export const COMMON_TARGET_PLATFORMS: readonly string[] = [
  "linux/amd64",
  "linux/arm64",
  "linux/arm/v7",
  "linux/arm/v6",
  "linux/386",
  "linux/ppc64le",
  "linux/s390x",
  "linux/riscv64",
];
