/** The 8 target platforms the benchmark and the performance journey analyse for: the playground's own chips. */
export { COMMON_TARGET_PLATFORMS as TARGET_PLATFORMS } from "../web/core/platform/common-targets";
