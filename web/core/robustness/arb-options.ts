/**
 * analyze() options as a user or a hostile link could set them: mostly the
 * usual platform sets, sometimes garbage platforms, build args that shadow
 * automatic ARGs or are named __proto__, targets that name no stage.
 */
import fc from "fast-check";
import type { AnalyzeOptions, FixStyle } from "../report/types";
import { CLEAN_STAGES, sometimes } from "./arb-dockerfile";

// prettier-ignore
const PLATFORMS = [
  "linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6", "linux/386", "linux/s390x", "linux/ppc64le",
  "linux/riscv64", "linux/amd64/v2", "linux/x86_64", "LINUX/AMD64", "arm64", "windows(10.0.17763)/amd64",
  "darwin/arm64", "macos/arm64", "linux/arm64/v8", "foo", "linux/arm*", "", " ", "linux//", "linux/amd64/v2/x",
];
const FIX_STYLES: readonly FixStyle[] = ["TARGETPLATFORM", "TARGETARCH+TARGETVARIANT", "TARGETARCH"];
// prettier-ignore
const ARG_NAMES = [
  "TARGETARCH", "TARGETPLATFORM", "TARGETOS", "BUILDKIT_CACHE_MOUNT_NS", "X", "FOO", "IMG", "__proto__",
  "constructor", "hasOwnProperty", "BUILDKIT_DOCKERFILE_CHECK", "BUILDKIT_SYNTAX",
];

// prettier-ignore
const CLEAN_SETS: readonly (readonly string[])[] = [
  ["linux/amd64", "linux/arm64"], ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6"],
  ["linux/arm64", "linux/s390x", "linux/ppc64le", "linux/riscv64", "linux/386"], ["linux/amd64"], [],
];

/** Options as a user (or a hostile link) could set them; mostly valid ones. */
export const analyzeOptions: fc.Arbitrary<AnalyzeOptions> = fc
  .record({
    platforms: fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...CLEAN_SETS).map((s) => [...s]) },
      { weight: 2, arbitrary: fc.array(fc.constantFrom(...PLATFORMS), { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.array(fc.string({ unit: "binary", maxLength: 12 }), { maxLength: 3 }) },
    ),
    buildPlatform: sometimes(
      fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom("linux/amd64", "linux/arm64", "linux/arm/v7") },
        { weight: 1, arbitrary: fc.constantFrom("foo", "") },
      ),
      30,
    ),
    buildArgs: fc.oneof(
      { weight: 4, arbitrary: fc.constant<[string, string][]>([]) },
      {
        weight: 2,
        arbitrary: fc.array(
          fc.tuple(
            fc.constantFrom("BUILDKIT_CACHE_MOUNT_NS", "X", "FOO", "TARGETARCH"),
            fc.constantFrom("proj", "x", "amd64", "a,b"),
          ),
          { maxLength: 2 },
        ),
      },
      {
        weight: 1,
        arbitrary: fc.array(
          fc.tuple(
            fc.constantFrom(...ARG_NAMES),
            fc.oneof(fc.constantFrom("", "proj", "amd64", "a,b", "$X", "${X:?x}"), fc.string({ maxLength: 8 })),
          ),
          { maxLength: 3 },
        ),
      },
    ),
    target: sometimes(
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...CLEAN_STAGES) },
        { weight: 1, arbitrary: fc.constantFrom("", "BUILD", "nope", "__proto__", "0") },
      ),
      20,
    ),
    fixStyle: sometimes(fc.constantFrom(...FIX_STYLES), 50),
  })
  .map((o) => ({
    platforms: o.platforms,
    ...(o.buildPlatform === null ? {} : { buildPlatform: o.buildPlatform }),
    // fromEntries defines own properties: a "__proto__" build arg stays a build arg.
    buildArgs: Object.fromEntries(o.buildArgs),
    ...(o.target === null ? {} : { target: o.target }),
    ...(o.fixStyle === null ? {} : { fixStyle: o.fixStyle }),
  }));
