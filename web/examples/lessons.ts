/**
 * Each example's two-sentence lesson (what happens, and what to take away),
 * by example id. Apart from index.ts so that the first table does not wait for
 * them: only the lesson banner and the examples menu, both loaded on demand,
 * import this module (issue 7's 150 kB budget).
 */
export const LESSONS: Readonly<Record<string, readonly [string, string]>> = {
  "apk-report": [
    "Without an `id`, the cache id is the target path, and the platform is never part of the key: amd64 and arm64 share one apk cache.",
    "apk names its index after the repository URL, not the architecture, so each platform reads the other's index (“UNTRUSTED signature”).",
  ],
  "targetarch-workaround": [
    "`ARG TARGETARCH` brings the automatic platform ARG into the stage, so `id=apk-${TARGETARCH}` gives each architecture its own cache.",
    "It separates amd64 from arm64, but arm/v6 and arm/v7 are both `arm`: `${TARGETPLATFORM}` is the safer choice.",
  ],
  "forgotten-arg": [
    "Automatic platform ARGs are global: inside a stage `${TARGETARCH}` is empty until `ARG TARGETARCH` declares it.",
    "So the id is `apk-` on every platform and the caches still collide; BuildKit only prints an UndefinedVar warning.",
  ],
  "arm-variants": [
    "`TARGETARCH` is `arm` for both linux/arm/v6 and linux/arm/v7, so `id=apk-${TARGETARCH}` puts both in `/apk-arm`.",
    "Alpine ships different packages for armhf and armv7: add `${TARGETVARIANT}`, or use `${TARGETPLATFORM}`, which includes the variant.",
  ],
  "arg-default-pinned": [
    "A default on an automatic ARG replaces its value: with `ARG TARGETARCH=amd64` every platform gets `amd64`.",
    "Declare automatic platform ARGs without a default: BuildKit always sets them.",
  ],
  "go-cross-compile": [
    "A stage `FROM --platform=$BUILDPLATFORM` runs on the build machine for every target, so its caches are shared on purpose.",
    "Go keys its build cache by GOOS/GOARCH and the module cache holds sources only: one cache serves every target safely.",
  ],
  "mixed-exec-pip": [
    "One pip cache is used by a RUN on the build platform and by RUNs on each target platform, all at once.",
    "That is fine: wheels carry platform tags in their file names and pip's HTTP cache is arch-neutral, so this is information, not an error.",
  ],
  "node-modules": [
    "`node_modules` holds compiled native addons and arch-specific optional packages: shared across platforms, it ships foreign binaries.",
    "Cache npm's download cache (`/root/.npm`) instead, or give `node_modules` a per-platform id.",
  ],
  "cargo-target": [
    "Without `--target`, cargo writes to `target/release` on every architecture, so one platform reuses the other's artifacts (moby/buildkit#2016).",
    "The registry cache holds sources and is safe to share with `sharing=locked`; the target directory needs a per-platform id.",
  ],
  "apt-locked": [
    "apt's files carry the architecture in their names, so sharing them across platforms is fine, but apt takes exclusive locks: use `sharing=locked`.",
    "Debian and Ubuntu images delete downloaded packages (`docker-clean`); removing that hook, as here, keeps the cache useful.",
  ],
  "one-id-two-targets": [
    "`id=deps` names one directory, mounted at two paths: pip and npm now write into the same cache.",
    "An id is a directory name, not a label: give each tool its own id, or leave `id` out.",
  ],
  "relative-targets": [
    "A relative target is mounted under WORKDIR, but its default id is the target as written: `/web` and `/api` both use `/node_modules/.cache`.",
    "Unrelated projects end up in one cache: set an explicit id when the target is relative.",
  ],
  namespace: [
    "`--build-arg BUILDKIT_CACHE_MOUNT_NS=myproject` prefixes every cache key of the build: `myproject//var/cache/apk`.",
    "It keeps projects apart on one builder, but it is one value for all platforms: it never separates amd64 from arm64.",
  ],
  "unbuilt-stage": [
    "Only the stages the target reaches are built: `test` is never dispatched, so its mount has no key (“not built”).",
    "Choose `test` as the target stage to see its keys, and its collision.",
  ],
};
