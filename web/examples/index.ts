/**
 * The gallery: each example is a plain Dockerfile next to this module (so the
 * CLI and tests can use it as a fixture) plus the settings it is analysed with.
 * The two-line lesson the playground shows when it is loaded lives in
 * lessons.ts (loaded on demand). Lessons mark code with backticks.
 */
import aptLocked from "./apt-locked.Dockerfile?raw";
import argDefaultPinned from "./arg-default-pinned.Dockerfile?raw";
import apkReport from "./apk-report.Dockerfile?raw";
import armVariants from "./arm-variants.Dockerfile?raw";
import cargoTarget from "./cargo-target.Dockerfile?raw";
import forgottenArg from "./forgotten-arg.Dockerfile?raw";
import goCrossCompile from "./go-cross-compile.Dockerfile?raw";
import mixedExecPip from "./mixed-exec-pip.Dockerfile?raw";
import namespace from "./namespace.Dockerfile?raw";
import nodeModules from "./node-modules.Dockerfile?raw";
import oneIdTwoTargets from "./one-id-two-targets.Dockerfile?raw";
import relativeTargets from "./relative-targets.Dockerfile?raw";
import targetarchWorkaround from "./targetarch-workaround.Dockerfile?raw";
import unbuiltStage from "./unbuilt-stage.Dockerfile?raw";

export interface Example {
  /** kebab-case; also the file name and the `#example/<id>` link. */
  readonly id: string;
  readonly title: string;
  readonly dockerfile: string;
  /** Target platforms; default amd64 + arm64. */
  readonly platforms?: readonly string[];
  readonly buildPlatform?: string;
  readonly buildArgs?: readonly { readonly key: string; readonly value: string }[];
  readonly target?: string;
}

const AMD64_ARM64 = ["linux/amd64", "linux/arm64"];

export const EXAMPLES: readonly Example[] = [
  {
    id: "apk-report",
    title: "The apk report (moby/buildkit#2598)",
    dockerfile: apkReport,
    platforms: AMD64_ARM64,
  },
  {
    id: "targetarch-workaround",
    title: "The ${TARGETARCH} workaround",
    dockerfile: targetarchWorkaround,
    platforms: AMD64_ARM64,
  },
  {
    id: "forgotten-arg",
    title: "The forgotten ARG",
    dockerfile: forgottenArg,
    platforms: AMD64_ARM64,
  },
  {
    id: "arm-variants",
    title: "arm/v6 vs arm/v7",
    dockerfile: armVariants,
    platforms: ["linux/arm/v6", "linux/arm/v7"],
  },
  {
    id: "arg-default-pinned",
    title: "ARG TARGETARCH=amd64",
    dockerfile: argDefaultPinned,
    platforms: AMD64_ARM64,
  },
  {
    id: "go-cross-compile",
    title: "Go cross-compile (safe)",
    dockerfile: goCrossCompile,
    platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7"],
  },
  {
    id: "mixed-exec-pip",
    title: "Mixed execution platforms sharing pip",
    dockerfile: mixedExecPip,
    platforms: AMD64_ARM64,
  },
  {
    id: "node-modules",
    title: "A cached node_modules",
    dockerfile: nodeModules,
    platforms: AMD64_ARM64,
  },
  {
    id: "cargo-target",
    title: "A cargo target/ directory",
    dockerfile: cargoTarget,
    platforms: AMD64_ARM64,
  },
  {
    id: "apt-locked",
    title: "apt with sharing=locked and docker-clean",
    dockerfile: aptLocked,
    platforms: AMD64_ARM64,
  },
  {
    id: "one-id-two-targets",
    title: "One id on two targets",
    dockerfile: oneIdTwoTargets,
    platforms: ["linux/amd64"],
  },
  {
    id: "relative-targets",
    title: "Relative targets",
    dockerfile: relativeTargets,
    platforms: ["linux/amd64"],
  },
  {
    id: "namespace",
    title: "The cache namespace",
    dockerfile: namespace,
    platforms: AMD64_ARM64,
    buildArgs: [{ key: "BUILDKIT_CACHE_MOUNT_NS", value: "myproject" }],
  },
  {
    id: "unbuilt-stage",
    title: "A stage that is not built",
    dockerfile: unbuiltStage,
    platforms: AMD64_ARM64,
  },
];

export const DEFAULT_EXAMPLE: Example = EXAMPLES[0]!;

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
