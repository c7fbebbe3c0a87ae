/**
 * The cache-target catalogue: what a tool writes into its cache directory and
 * whether that survives being shared across platforms (cross-platform verdict)
 * and across concurrent builds (concurrency). One record per row of
 * ../shared/docs/cache-targets.md; the sentences keep its evidence.
 *
 * Path patterns are matched against the mount point after the WORKDIR join:
 * - `/abs/path`  that directory or anything below it;
 * - `~/rel`      the same under a home directory: `/root/rel` or `/home/<user>/rel`
 *                (we do not track USER or HOME: every home matches, because a
 *                tool's cache directory is recognisable by its tail alone);
 * - `…/name`     a directory called `name` anywhere (`/app/node_modules`).
 * `ambiguousPaths` only match when the RUN command invokes the tool (`hint`):
 * `/app/target` is a cargo target dir only next to `cargo build`.
 */
import type { Verdict } from "../report/types";

/** How the tool copes with concurrent writers (BuildKit builds platforms in parallel). */
export type Concurrency = "locked" | "advised" | "ok" | "unknown";

export interface CacheTool {
  /** Name shown to users. */
  readonly tool: string;
  readonly verdict: Verdict;
  /** `locked`: needs `sharing=locked`; `advised`: locking recommended; `ok`: shared is fine. */
  readonly concurrency: Concurrency;
  /** One sentence: why the verdict, with its evidence. */
  readonly reason: string;
  /** Targets that identify the tool on their own. */
  readonly paths: readonly string[];
  /** Targets that identify the tool only when the RUN invokes it. */
  readonly ambiguousPaths?: readonly string[];
  /** The tool's invocation in a RUN command (matched on the command text). */
  readonly hint?: RegExp;
  /** Environment variables that name the tool's cache directory (`PIP_CACHE_DIR=/x`). */
  readonly dirEnv?: readonly string[];
  /** Command-line options that name it (`--cache-dir /x`). */
  readonly dirFlags?: readonly string[];
  /** Other commands that name it; the last capture group is the directory. */
  readonly dirCommands?: readonly RegExp[];
}

// Invocations: the tool's name as a word (so `xx-apk add` counts too) followed by a verb.
const APK = /\bapk\s+(?:-\S+\s+)*(?:add|update|upgrade|fetch|cache)\b/;
const APT =
  /\bapt(?:-get)?\s+(?:-\S+\s+)*(?:install|update|upgrade|dist-upgrade|full-upgrade|build-dep|download|source)\b/;
const DNF = /\b(?:dnf|yum|microdnf|zypper)\s+(?:-\S+\s+)*(?:install|update|upgrade|makecache|in|up|ref|refresh)\b/;
const PIP = /\bpip3?\s+(?:-\S+\s+)*(?:install|wheel|download)\b|\bpython3?\s+-m\s+pip\b/;
const UV = /\buv\s+(?:pip|sync|tool|venv|run|add|lock|export)\b/;
const POETRY = /\bpoetry\s+(?:install|lock|update|add|build|export)\b/;
const NPM = /\bnpm\s+(?:ci|install|i|add|update|rebuild)\b/;
const YARN = /\byarn(?:\s+(?:install|add|--\S+|workspaces\b))?(?:\s|$|;|&)/;
const PNPM = /\bpnpm\s+(?:install|i|add|fetch|update|deploy)\b/;
const GO = /\bgo\s+(?:build|install|test|run|generate|vet|mod|get|list)\b/;
const CARGO =
  /\bcargo\s+(?:\+\S+\s+)?(?:build|b|install|test|t|run|r|check|c|clippy|bench|doc|fetch|update|vendor|zigbuild|auditable|chef\s+cook)\b/;
const CARGO_BUILD =
  /\bcargo\s+(?:\+\S+\s+)?(?:build|b|install|test|t|run|r|check|c|clippy|bench|doc|rustc|zigbuild|auditable|chef\s+cook)\b/;
const CCACHE = /\b(?:ccache|sccache)\b|\bCMAKE_[A-Z_]*COMPILER_LAUNCHER\b/;
const MAVEN = /\bmvnw?\b/;
const GRADLE = /\bgradlew?\b/;
const GEM = /\bgem\s+install\b|\bbundle(?:r)?\s+(?:install|update|exec)\b/;
const BUNDLE = /\bbundle(?:r)?\s+(?:install|update)\b/;
const COMPOSER = /\bcomposer(?:\.phar)?\s+(?:install|update|require|dump-autoload|create-project)\b/;
const NUGET = /\bdotnet\s+(?:restore|build|publish|test)\b|\bnuget\s+restore\b/;
const CONDA = /\b(?:conda|mamba|micromamba)\s+(?:install|create|env|update)\b/;
const VENV = /\b(?:python3?\s+-m\s+venv|virtualenv|uv\s+venv|uv\s+sync|poetry\s+install)\b/;

export const CACHE_TOOLS: readonly CacheTool[] = [
  {
    tool: "apk",
    verdict: "unsafe",
    concurrency: "advised",
    reason:
      "apk names its index files after the repository URL, which has no architecture in it, so both platforms write the same `APKINDEX.*.tar.gz` and the other one then reads a foreign index (“UNTRUSTED signature”, “no such package”): moby/buildkit#2598, docker/buildx#549.",
    paths: ["/var/cache/apk", "/etc/apk/cache"],
    hint: APK,
    dirFlags: ["--cache-dir"],
  },
  {
    tool: "apt",
    verdict: "safe",
    concurrency: "locked",
    reason:
      "apt's package and list file names carry the architecture, so sharing across platforms is correct, but apt and dpkg take exclusive locks: concurrent platforms fail with “Could not get lock” (moby/buildkit#1662).",
    paths: ["/var/cache/apt", "/var/lib/apt"],
    hint: APT,
  },
  {
    tool: "dnf / yum / zypper",
    verdict: "unknown",
    concurrency: "advised",
    reason:
      "Their metadata is per architecture but stored per repository id, and there is no strong evidence either way for sharing it across platforms.",
    paths: ["/var/cache/dnf", "/var/cache/yum", "/var/cache/zypp", "/var/cache/libdnf5"],
    hint: DNF,
  },
  {
    tool: "pip",
    verdict: "safe",
    concurrency: "ok",
    reason: "Wheels carry platform tags in their file names and pip's HTTP cache is architecture-neutral.",
    paths: ["~/.cache/pip"],
    hint: PIP,
    dirEnv: ["PIP_CACHE_DIR"],
    dirFlags: ["--cache-dir"],
  },
  {
    tool: "uv",
    verdict: "safe",
    concurrency: "ok",
    reason: "uv's cache is keyed by platform tags by design.",
    paths: ["~/.cache/uv"],
    hint: UV,
    dirEnv: ["UV_CACHE_DIR"],
    dirFlags: ["--cache-dir"],
  },
  {
    tool: "poetry (cache and artifacts)",
    verdict: "safe",
    concurrency: "ok",
    reason:
      "Poetry's `cache/` and `artifacts/` hold downloaded distributions, which are architecture-neutral or tagged.",
    paths: ["~/.cache/pypoetry/cache", "~/.cache/pypoetry/artifacts"],
    hint: POETRY,
  },
  {
    tool: "poetry virtualenvs",
    verdict: "unsafe",
    concurrency: "unknown",
    reason:
      "Poetry creates its virtualenvs under `~/.cache/pypoetry/virtualenvs`, and they contain compiled extensions for the platform that installed them.",
    paths: ["~/.cache/pypoetry/virtualenvs", "~/.cache/pypoetry"],
    hint: POETRY,
    dirEnv: ["POETRY_CACHE_DIR", "POETRY_VIRTUALENVS_PATH"],
  },
  {
    tool: "npm",
    verdict: "safe",
    concurrency: "ok",
    reason: "npm's cache is content-addressed tarballs; native prebuilds are separate packages.",
    paths: ["~/.npm"],
    hint: NPM,
    dirEnv: ["npm_config_cache", "NPM_CONFIG_CACHE"],
    dirFlags: ["--cache"],
  },
  {
    tool: "yarn v1",
    verdict: "safe",
    concurrency: "locked",
    reason:
      "yarn v1's cache holds architecture-neutral tarballs, but it is not safe for concurrent writers (yarnpkg/yarn#683).",
    paths: ["/usr/local/share/.cache/yarn", "~/.cache/yarn"],
    hint: YARN,
    dirEnv: ["YARN_CACHE_FOLDER"],
    dirFlags: ["--cache-folder"],
  },
  {
    tool: "yarn berry",
    verdict: "safe",
    concurrency: "ok",
    reason: "Yarn 2+ caches content-addressed zip archives.",
    paths: ["~/.yarn/berry/cache", "…/.yarn/cache"],
    hint: YARN,
  },
  {
    tool: "pnpm",
    verdict: "safe",
    concurrency: "ok",
    reason: "pnpm's store is content-addressed.",
    paths: ["~/.local/share/pnpm/store", "/pnpm/store", "~/.pnpm-store", "…/.pnpm-store"],
    hint: PNPM,
    dirEnv: ["PNPM_STORE_DIR", "npm_config_store_dir"],
    dirFlags: ["--store-dir"],
    dirCommands: [/\bpnpm\s+config\s+set\s+store-dir\s+("[^"]*"|'[^']*'|[^\s;&|()]+)/g],
  },
  {
    tool: "node_modules",
    verdict: "unsafe",
    concurrency: "unknown",
    reason:
      "Native `.node` addons and architecture-specific optional dependencies are installed in place, so one platform runs the other's binaries.",
    paths: ["…/node_modules"],
  },
  {
    tool: "Go build cache",
    verdict: "safe",
    concurrency: "ok",
    reason: "Entries are keyed by GOOS/GOARCH and build flags; the cache grows with every architecture, which is fine.",
    paths: ["~/.cache/go-build"],
    hint: GO,
    dirEnv: ["GOCACHE"],
  },
  {
    tool: "Go modules",
    verdict: "safe",
    concurrency: "ok",
    reason: "The module cache holds sources only.",
    paths: ["/go/pkg/mod", "~/go/pkg/mod"],
    hint: GO,
    dirEnv: ["GOMODCACHE"],
  },
  {
    tool: "cargo registry / git",
    verdict: "safe",
    concurrency: "locked",
    reason:
      "The registry and git checkouts are sources, so sharing across platforms is correct, but concurrent writers corrupt the index (seen in real projects).",
    paths: ["/usr/local/cargo/registry", "/usr/local/cargo/git", "~/.cargo/registry", "~/.cargo/git"],
    hint: CARGO,
  },
  {
    tool: "cargo home",
    verdict: "unsafe",
    concurrency: "locked",
    reason:
      "Besides the registry, `CARGO_HOME` holds `bin/`: binaries from `cargo install` and rustup's toolchain proxies, built for the platform that wrote them.",
    paths: ["/usr/local/cargo", "~/.cargo"],
    hint: CARGO,
    dirEnv: ["CARGO_HOME"],
  },
  {
    tool: "cargo target dir",
    verdict: "unsafe",
    concurrency: "unknown",
    reason:
      "Without `--target`, cargo writes to `target/release` whatever the host triple, so one architecture reuses the other's artifacts (moby/buildkit#2016).",
    paths: [],
    ambiguousPaths: ["…/target"],
    hint: CARGO_BUILD,
    dirEnv: ["CARGO_TARGET_DIR"],
    dirFlags: ["--target-dir"],
  },
  {
    tool: "ccache / sccache",
    verdict: "safe",
    concurrency: "ok",
    reason:
      "Their keys include the compiler's identity, so entries never cross architectures (the hit rate across them is just low).",
    paths: ["~/.ccache", "~/.cache/ccache", "~/.cache/sccache"],
    hint: CCACHE,
    dirEnv: ["CCACHE_DIR", "SCCACHE_DIR"],
  },
  {
    tool: "Maven",
    verdict: "safe",
    concurrency: "advised",
    reason: "Jars are architecture-neutral; concurrent downloads into one repository can race.",
    paths: ["~/.m2"],
    hint: MAVEN,
    dirFlags: ["-Dmaven.repo.local"],
  },
  {
    tool: "Gradle",
    verdict: "unknown",
    concurrency: "advised",
    reason: "Mostly architecture-neutral caches, but also daemon and native state.",
    paths: ["~/.gradle"],
    hint: GRADLE,
    dirEnv: ["GRADLE_USER_HOME"],
  },
  {
    tool: "RubyGems download cache",
    verdict: "safe",
    concurrency: "ok",
    reason: "Downloaded `.gem` files are architecture-neutral or carry the platform in their names.",
    paths: ["~/.gem"],
    hint: GEM,
  },
  {
    tool: "installed gems",
    verdict: "unsafe",
    concurrency: "unknown",
    reason: "C extensions are compiled in place, so one platform loads the other's shared objects.",
    paths: ["/usr/local/bundle", "…/vendor/bundle"],
    hint: BUNDLE,
    dirEnv: ["BUNDLE_PATH", "GEM_HOME"],
    dirCommands: [/\bbundle\s+config\s+(?:set\s+)?(?:--(?:local|global)\s+)?path\s+("[^"]*"|'[^']*'|[^\s;&|()]+)/g],
  },
  {
    tool: "Composer",
    verdict: "safe",
    concurrency: "ok",
    reason: "Composer caches architecture-neutral archives.",
    paths: ["~/.composer/cache", "~/.cache/composer"],
    ambiguousPaths: ["/tmp/cache"],
    hint: COMPOSER,
    dirEnv: ["COMPOSER_CACHE_DIR"],
  },
  {
    tool: "NuGet",
    verdict: "safe",
    concurrency: "ok",
    reason: "NuGet packages are architecture-neutral or carry runtime identifiers in their paths.",
    paths: ["~/.nuget/packages"],
    hint: NUGET,
    dirEnv: ["NUGET_PACKAGES"],
  },
  {
    tool: "conda / mamba",
    verdict: "unknown",
    concurrency: "unknown",
    reason:
      "Package build strings likely differ per platform subdirectory, but the evidence is thin, so isolate it unless you know.",
    paths: ["/opt/conda/pkgs", "~/.conda/pkgs", "~/.mamba/pkgs", "~/micromamba/pkgs"],
    hint: CONDA,
    dirEnv: ["CONDA_PKGS_DIRS"],
  },
  {
    tool: "Python virtualenv",
    verdict: "unsafe",
    concurrency: "unknown",
    reason: "A virtualenv holds compiled extensions and links to the interpreter of the platform that created it.",
    paths: ["…/.venv", "/opt/venv"],
    hint: VENV,
    dirEnv: ["VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT"],
  },
];
