/**
 * Debian and Ubuntu images ship /etc/apt/apt.conf.d/docker-clean, which makes
 * apt delete every downloaded package after each run: an apt cache mount then
 * stays empty. Docker's own reference removes it first (RUN --mount docs).
 */
import { matchCacheTarget } from "../catalogue/index";
import type { Command } from "../parse/types";
import { code, mountRange, platformsOf } from "./messages";
import type { Rule, RuleContext, RuleDocs, RuleFinding } from "./types";

const CLEAN_STEP =
  "RUN rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache";

// Images whose default tags are Debian or Ubuntu based, and names that say so.
const DEBIAN_IMAGES = new Set([
  "debian",
  "ubuntu",
  "buildpack-deps",
  "python",
  "node",
  "golang",
  "rust",
  "ruby",
  "php",
  "perl",
  "openjdk",
  "eclipse-temurin",
  "maven",
  "gradle",
  "gcc",
  "r-base",
  "julia",
  "haskell",
  "elixir",
  "erlang",
  "clojure",
  "swift",
  "mariadb",
  "postgres",
  "mysql",
  "nginx",
  "httpd",
  "pypy",
  "dart",
  "bitnami/minideb",
]);
const DEBIAN_WORDS = /debian|ubuntu|bookworm|bullseye|buster|trixie|jammy|focal|noble|bionic|minideb/;
const NOT_DEBIAN =
  /alpine|windows|nanoserver|servercore|ubi\d|fedora|centos|rocky|alma|amazonlinux|oraclelinux|distroless|busybox|wolfi|chainguard|scratch|suse|archlinux/;

/** True when the image reference names a Debian or Ubuntu based image. */
export function isDebianLike(image: string): boolean {
  const ref = image.toLowerCase();
  if (ref.includes("$") || NOT_DEBIAN.test(ref)) return false;
  if (DEBIAN_WORDS.test(ref)) return true;
  const name = ref.split("@")[0]?.replace(/:[^/]*$/, "") ?? "";
  const path = name.replace(/^(docker\.io\/)?(library\/)?/, "");
  return DEBIAN_IMAGES.has(path);
}

const cleanAt = new WeakMap<RuleContext, Map<number, number>>();

/** Offset of the stage's first RUN that mentions docker-clean (Infinity when none): once per stage. */
function firstCleanAt(ctx: RuleContext, stage: number): number {
  let memo = cleanAt.get(ctx);
  if (memo === undefined) cleanAt.set(ctx, (memo = new Map()));
  let at = memo.get(stage);
  if (at === undefined) {
    at = ctx.source.stages[stage]?.commands.find(mentionsDockerClean)?.span.start ?? Infinity;
    memo.set(stage, at);
  }
  return at;
}

function mentionsDockerClean(c: Command): boolean {
  if (c.kind !== "run") return false;
  return c.command.includes("docker-clean") || c.heredocs.some((h) => h.content.includes("docker-clean"));
}

function aptArchives(ctx: RuleContext, mount: number): boolean {
  const m = ctx.resolution.mounts[mount];
  if (m === undefined) return false;
  // The cells of a mount nearly always share one target: match each distinct target once.
  let last: string | null = null;
  for (const c of m.cells) {
    if (!c.built || c.target === last) continue;
    last = c.target;
    // docker-clean deletes /var/cache/apt/archives/*.deb and the pkgcache, not the lists.
    const t = c.target.replace(TRAILING_SLASHES, "");
    if (
      (t === "/var/cache/apt" || t.startsWith("/var/cache/apt/") || t === "/var/cache") &&
      matchCacheTarget({ target: c.target, command: m.command })?.tool === "apt"
    )
      return true;
  }
  return false;
}

const TRAILING_SLASHES = /\/+$/;

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "Official Debian and Ubuntu images configure apt, in /etc/apt/apt.conf.d/docker-clean, to delete downloaded packages after every install. That keeps layers small, but with a cache mount on /var/cache/apt it empties the cache each time, so nothing is ever reused. Docker's reference example removes the hook and tells apt to keep downloads before the cached step.",
  bad: {
    dockerfile:
      "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update && apt-get install -y git\n",
    options: { platforms: ["linux/amd64"] },
  },
  good: {
    dockerfile:
      "FROM debian:12\n" +
      CLEAN_STEP +
      "\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\\n    apt-get update && apt-get install -y git\n",
    options: { platforms: ["linux/amd64"] },
  },
};

export const rule: Rule = {
  id: "apt-cache-cleaned",
  severity: "info",
  summary: "An apt cache mount in a Debian or Ubuntu stage whose `docker-clean` hook still deletes the downloads.",
  fixSafety: "suggested",
  check(ctx) {
    const out: RuleFinding[] = [];
    const flagged = new Set<unknown>();
    for (const m of ctx.resolution.mounts) {
      const src = ctx.source.mounts[m.index];
      if (!src || flagged.has(src.run) || !aptArchives(ctx, m.index)) continue;
      const chain = ctx.scope.chain(src.stage);
      const root = ctx.source.stages[chain[0] ?? src.stage];
      if (!root || !isDebianLike(root.from.image)) continue;
      // Any earlier RUN of the stage or its parents (or this one) that handles docker-clean.
      const handled = chain.some((s) => {
        const at = firstCleanAt(ctx, s);
        return s === src.stage ? at <= src.run.span.start : at < Infinity;
      });
      if (handled) continue;
      flagged.add(src.run);
      out.push({
        severity: "info",
        message:
          `${code(root.from.image)} keeps apt's ${code("docker-clean")} hook, which deletes downloaded packages after every install, so this cache of /var/cache/apt stays empty. ` +
          `Remove the hook in an earlier step: ${code(CLEAN_STEP)}.`,
        range: mountRange(ctx, m.index),
        platforms: platformsOf(
          ctx,
          m.cells.filter((c) => c.built).map((c) => c.platformIndex),
        ),
        mounts: [m.index],
        fix: {
          description: "Add Docker's reference step that removes `docker-clean` and keeps downloaded packages.",
          safety: "suggested",
          intents: [{ kind: "insert-line", line: src.run.startLine, text: CLEAN_STEP }],
        },
      });
    }
    return out;
  },
};
