import { describe, expect, it } from "vitest";
import { CACHE_TOOLS } from "./entries";
import { matchCacheTarget } from "./match";

const match = (target: string, command = "true", env?: Record<string, string>) =>
  matchCacheTarget({ target, command, env: env ? new Map(Object.entries(env)) : undefined });

describe("matchCacheTarget", () => {
  it("flags apk's cache as unsafe and explains the match", () => {
    const m = match("/var/cache/apk", "apk add curl");
    expect(m?.tool).toBe("apk");
    expect(m?.verdict).toBe("unsafe");
    expect(m?.matchedBy).toBe("`/var/cache/apk` is `/var/cache/apk` (apk)");
    expect(m?.reason).toContain("moby/buildkit#2598");
  });

  it("resolves `~` to /root and to any /home/<user>", () => {
    expect(match("/root/.cache/pip")?.matchedBy).toBe("`/root/.cache/pip` is `~/.cache/pip` (pip, `~` = /root)");
    expect(match("/home/app/.cache/pip")?.matchedBy).toBe(
      "`/home/app/.cache/pip` is `~/.cache/pip` (pip, `~` = /home/app)",
    );
    expect(match("/opt/.cache/pip")).toBeNull();
  });

  it("matches directories below a known cache path", () => {
    const m = match("/var/cache/apt/archives");
    expect(m?.tool).toBe("apt");
    expect(m?.needsLocked).toBe(true);
    expect(m?.matchedBy).toBe("`/var/cache/apt/archives` is below `/var/cache/apt` (apt)");
  });

  it("prefers the most specific pattern", () => {
    expect(match("/root/.cache/pypoetry/cache")?.verdict).toBe("safe");
    expect(match("/root/.cache/pypoetry")?.verdict).toBe("unsafe");
    expect(match("/usr/local/cargo/registry/index")?.tool).toBe("cargo registry / git");
    expect(match("/usr/local/cargo")?.tool).toBe("cargo home");
  });

  it("matches `…/name` patterns anywhere, but not as a prefix of a longer name", () => {
    expect(match("/src/app/node_modules")?.tool).toBe("node_modules");
    expect(match("/src/node_modules/.cache")?.tool).toBe("node_modules");
    expect(match("/src/node_modules_old")).toBeNull();
    expect(match("/app/.venv")?.verdict).toBe("unsafe");
  });

  it("keeps ambiguous paths unknown without a command hint", () => {
    expect(match("/app/target", "make")).toBeNull();
    const m = match("/app/target", "cargo build --release");
    expect(m?.tool).toBe("cargo target dir");
    expect(m?.matchedBy).toBe("`/app/target` is `…/target` (cargo target dir) and the RUN runs `cargo build`");
    expect(match("/tmp/cache", "composer install")?.tool).toBe("Composer");
    expect(match("/tmp/cache", "true")).toBeNull();
  });

  it("uses the tools a RUN invokes for a directory that contains their caches", () => {
    const m = match("/root/.cache", "pip install -r req.txt && go build ./...");
    expect(m?.tool).toBe("pip + Go build cache");
    expect(m?.verdict).toBe("safe");
    expect(m?.matchedBy).toBe(
      "`/root/.cache` contains `/root/.cache/pip` (pip) and `/root/.cache/go-build` (Go build cache), and the RUN runs `pip install` and `go build`",
    );
    expect(match("/var/cache", "apk add git")?.verdict).toBe("unsafe");
    expect(match("/var/cache", "apt-get update")?.needsLocked).toBe(true);
    expect(match("/root/.cache", "./build.sh")).toBeNull();
  });

  it("takes the worst verdict among the tools found", () => {
    const m = match("/root/.cache", "pip install poetry && poetry install");
    expect(m?.verdict).toBe("unsafe");
    expect(m?.tool).toBe("pip + poetry (cache and artifacts) + poetry virtualenvs");
  });

  it("trusts a directory named by the RUN or the stage's ENV", () => {
    expect(match("/root/.yarn", "YARN_CACHE_FOLDER=/root/.yarn yarn install")?.matchedBy).toBe(
      "the RUN sets `YARN_CACHE_FOLDER=/root/.yarn`",
    );
    expect(match("/cache/composer", "composer install", { COMPOSER_CACHE_DIR: "/cache/composer" })?.matchedBy).toBe(
      "the stage sets `ENV COMPOSER_CACHE_DIR=/cache/composer`",
    );
    const cargo = match("/build/app", "xx-cargo build --release --target-dir /build/app");
    expect(cargo?.tool).toBe("cargo target dir");
    expect(cargo?.matchedBy).toBe("the RUN runs `cargo build` with `--target-dir /build/app`");
  });

  it("keeps a shared flag name tied to the tool the RUN invokes", () => {
    expect(match("/x", "apk add --cache-dir /x curl")?.tool).toBe("apk");
    expect(match("/x", "pip install --cache-dir=/x numpy")?.tool).toBe("pip");
    expect(match("/x", "./tool --cache-dir /x")).toBeNull();
  });

  it("returns null for unknown targets", () => {
    expect(match("/cache")).toBeNull();
    expect(match("/")).toBeNull();
  });

  it("keeps every entry explained", () => {
    for (const t of CACHE_TOOLS) {
      expect(t.reason.endsWith(".") || t.reason.endsWith(")")).toBe(true);
      expect(t.paths.length + (t.ambiguousPaths?.length ?? 0)).toBeGreaterThan(0);
    }
  });
});

describe("matchCacheTarget, evidence from the stage", () => {
  it("reads a directory below an ENV-named tool home as the tool's usual path", () => {
    const m = match("/cargo/registry", "cargo build", { CARGO_HOME: "/cargo" });
    expect(m?.tool).toBe("cargo registry / git");
    expect(m?.matchedBy).toBe(
      "the stage sets `ENV CARGO_HOME=/cargo`, so `/cargo/registry` is `/usr/local/cargo/registry`, which is `/usr/local/cargo/registry` (cargo registry / git)",
    );
  });

  it("resolves `~` to / for caches written at the root's hidden directories", () => {
    expect(match("/.cache/go-build")?.matchedBy).toBe(
      "`/.cache/go-build` is `~/.cache/go-build` (Go build cache, `~` = /)",
    );
  });

  it("trusts a directory configured by a command", () => {
    expect(match("/srv/vendor", "bundle config set --local path /srv/vendor && bundle install")?.tool).toBe(
      "installed gems",
    );
  });
});
