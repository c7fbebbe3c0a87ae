/** The 8 target platforms the benchmark and the performance journey analyse for. */
export const TARGET_PLATFORMS: readonly string[] = [
  "linux/amd64",
  "linux/arm64",
  "linux/arm/v7",
  "linux/arm/v6",
  "linux/386",
  "linux/ppc64le",
  "linux/s390x",
  "linux/riscv64",
];
