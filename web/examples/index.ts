/**
 * The gallery: each example is a plain Dockerfile next to this module (so the
 * CLI and tests can use it as a fixture) plus the settings and the two-line
 * lesson the playground shows when it is loaded. Lessons mark code with backticks.
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
  /** Two sentences: what happens, and what to take away. */
  readonly lesson: readonly [string, string];
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
    lesson: [
      "Without an `id`, the cache id is the target path, and the platform is never part of the key: amd64 and arm64 share one apk cache.",
      "apk names its index after the repository URL, not the architecture, so each platform reads the other's index (“UNTRUSTED signature”).",
    ],
    dockerfile: apkReport,
    platforms: AMD64_ARM64,
  },
  {
    id: "targetarch-workaround",
    title: "The ${TARGETARCH} workaround",
    lesson: [
      "`ARG TARGETARCH` brings the automatic platform ARG into the stage, so `id=apk-${TARGETARCH}` gives each architecture its own cache.",
      "It separates amd64 from arm64, but arm/v6 and arm/v7 are both `arm`: `${TARGETPLATFORM}` is the safer choice.",
    ],
    dockerfile: targetarchWorkaround,
    platforms: AMD64_ARM64,
  },
  {
    id: "forgotten-arg",
    title: "The forgotten ARG",
    lesson: [
      "Automatic platform ARGs are global: inside a stage `${TARGETARCH}` is empty until `ARG TARGETARCH` declares it.",
      "So the id is `apk-` on every platform and the caches still collide; BuildKit only prints an UndefinedVar warning.",
    ],
    dockerfile: forgottenArg,
    platforms: AMD64_ARM64,
  },
  {
    id: "arm-variants",
    title: "arm/v6 vs arm/v7",
    lesson: [
      "`TARGETARCH` is `arm` for both linux/arm/v6 and linux/arm/v7, so `id=apk-${TARGETARCH}` puts both in `/apk-arm`.",
      "Alpine ships different packages for armhf and armv7: add `${TARGETVARIANT}`, or use `${TARGETPLATFORM}`, which includes the variant.",
    ],
    dockerfile: armVariants,
    platforms: ["linux/arm/v6", "linux/arm/v7"],
  },
  {
    id: "arg-default-pinned",
    title: "ARG TARGETARCH=amd64",
    lesson: [
      "A default on an automatic ARG replaces its value: with `ARG TARGETARCH=amd64` every platform gets `amd64`.",
      "Declare automatic platform ARGs without a default: BuildKit always sets them.",
    ],
    dockerfile: argDefaultPinned,
    platforms: AMD64_ARM64,
  },
  {
    id: "go-cross-compile",
    title: "Go cross-compile (safe)",
    lesson: [
      "A stage `FROM --platform=$BUILDPLATFORM` runs on the build machine for every target, so its caches are shared on purpose.",
      "Go keys its build cache by GOOS/GOARCH and the module cache holds sources only: one cache serves every target safely.",
    ],
    dockerfile: goCrossCompile,
    platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7"],
  },
  {
    id: "mixed-exec-pip",
    title: "Mixed execution platforms sharing pip",
    lesson: [
      "One pip cache is used by a RUN on the build platform and by RUNs on each target platform, all at once.",
      "That is fine: wheels carry platform tags in their file names and pip's HTTP cache is arch-neutral, so this is information, not an error.",
    ],
    dockerfile: mixedExecPip,
    platforms: AMD64_ARM64,
  },
  {
    id: "node-modules",
    title: "A cached node_modules",
    lesson: [
      "`node_modules` holds compiled native addons and arch-specific optional packages: shared across platforms, it ships foreign binaries.",
      "Cache npm's download cache (`/root/.npm`) instead, or give `node_modules` a per-platform id.",
    ],
    dockerfile: nodeModules,
    platforms: AMD64_ARM64,
  },
  {
    id: "cargo-target",
    title: "A cargo target/ directory",
    lesson: [
      "Without `--target`, cargo writes to `target/release` on every architecture, so one platform reuses the other's artifacts (moby/buildkit#2016).",
      "The registry cache holds sources and is safe to share with `sharing=locked`; the target directory needs a per-platform id.",
    ],
    dockerfile: cargoTarget,
    platforms: AMD64_ARM64,
  },
  {
    id: "apt-locked",
    title: "apt with sharing=locked and docker-clean",
    lesson: [
      "apt's files carry the architecture in their names, so sharing them across platforms is fine, but apt takes exclusive locks: use `sharing=locked`.",
      "Debian and Ubuntu images delete downloaded packages (`docker-clean`); removing that hook, as here, keeps the cache useful.",
    ],
    dockerfile: aptLocked,
    platforms: AMD64_ARM64,
  },
  {
    id: "one-id-two-targets",
    title: "One id on two targets",
    lesson: [
      "`id=deps` names one directory, mounted at two paths: pip and npm now write into the same cache.",
      "An id is a directory name, not a label: give each tool its own id, or leave `id` out.",
    ],
    dockerfile: oneIdTwoTargets,
    platforms: ["linux/amd64"],
  },
  {
    id: "relative-targets",
    title: "Relative targets",
    lesson: [
      "A relative target is mounted under WORKDIR, but its default id is the target as written: `/web` and `/api` both use `/node_modules/.cache`.",
      "Unrelated projects end up in one cache: set an explicit id when the target is relative.",
    ],
    dockerfile: relativeTargets,
    platforms: ["linux/amd64"],
  },
  {
    id: "namespace",
    title: "The cache namespace",
    lesson: [
      "`--build-arg BUILDKIT_CACHE_MOUNT_NS=myproject` prefixes every cache key of the build: `myproject//var/cache/apk`.",
      "It keeps projects apart on one builder, but it is one value for all platforms: it never separates amd64 from arm64.",
    ],
    dockerfile: namespace,
    platforms: AMD64_ARM64,
    buildArgs: [{ key: "BUILDKIT_CACHE_MOUNT_NS", value: "myproject" }],
  },
  {
    id: "unbuilt-stage",
    title: "A stage that is not built",
    lesson: [
      "Only the stages the target reaches are built: `test` is never dispatched, so its mount has no key (“not built”).",
      "Choose `test` as the target stage to see its keys, and its collision.",
    ],
    dockerfile: unbuiltStage,
    platforms: AMD64_ARM64,
  },
];

export const DEFAULT_EXAMPLE: Example = EXAMPLES[0]!;

export function findExample(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
