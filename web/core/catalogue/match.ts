/**
 * Matches a cache mount against the catalogue (entries.ts). Evidence, from
 * strongest to weakest:
 * 1. the RUN or the stage names the directory for a tool (`PIP_CACHE_DIR=/x`,
 *    `ENV COMPOSER_CACHE_DIR=/x`, `cargo build --target-dir /x`);
 * 2. the target is a known cache path or lies below one (the most specific
 *    pattern wins: `~/.cache/pypoetry/cache` beats `~/.cache/pypoetry`);
 *    ambiguous paths (`…/target`) count only when the RUN invokes the tool;
 * 3. the target contains known cache paths (`/root/.cache`, `/var/cache`) of
 *    tools the RUN invokes: the worst of their verdicts.
 * No evidence → null: the caller must treat that as `unknown`, never as safe.
 */
import type { CatalogueMatch, Verdict } from "../report/types";
import { CACHE_TOOLS, type CacheTool } from "./entries";

export interface MatchInput {
  /** Mount point after the WORKDIR join. */
  readonly target: string;
  /** The RUN's command text, heredoc bodies included. */
  readonly command: string;
  /** Literal ENV values visible to the RUN (name → value), for `ENV PIP_CACHE_DIR=/x`. */
  readonly env?: ReadonlyMap<string, string>;
}

interface CompiledTool {
  readonly entry: CacheTool;
  readonly envRe: RegExp | null;
  readonly flagRe: RegExp | null;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const VALUE = String.raw`("[^"]*"|'[^']*'|[^\s;&|()]+)`;

// Compiled once: the matcher runs for every mount of every analysis.
const TOOLS: readonly CompiledTool[] = CACHE_TOOLS.map((entry) => ({
  entry,
  envRe:
    entry.dirEnv && entry.dirEnv.length > 0
      ? new RegExp(String.raw`(?:^|[\s;&|(])(?:export\s+)?(${entry.dirEnv.map(escapeRe).join("|")})=${VALUE}`, "g")
      : null,
  flagRe:
    entry.dirFlags && entry.dirFlags.length > 0
      ? new RegExp(String.raw`(?:^|\s)(${entry.dirFlags.map(escapeRe).join("|")})(?:=|\s+)${VALUE}`, "g")
      : null,
}));

const RANK: Readonly<Record<Verdict, number>> = { unsafe: 0, unknown: 1, safe: 2 };

export function matchCacheTarget(input: MatchInput): CatalogueMatch | null {
  const target = cleanPath(input.target);
  if (target === "/" || !target.startsWith("/")) return null;
  return explicitMatch(target, input) ?? pathMatch(target, input.command) ?? containedMatch(target, input.command);
}

function toMatch(tool: CacheTool, matchedBy: string): CatalogueMatch {
  return {
    tool: tool.tool,
    verdict: tool.verdict,
    needsLocked: tool.concurrency === "locked",
    reason: tool.reason,
    matchedBy,
  };
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

/** A literal absolute path equal to the target (values with variables are not evidence). */
function namesTarget(raw: string, target: string): boolean {
  const v = unquote(raw);
  return v.startsWith("/") && !v.includes("$") && cleanPath(v) === target;
}

function explicitMatch(target: string, input: MatchInput): CatalogueMatch | null {
  for (const { entry, envRe, flagRe } of TOOLS) {
    if (envRe !== null) {
      envRe.lastIndex = 0;
      for (let m = envRe.exec(input.command); m !== null; m = envRe.exec(input.command)) {
        const found = byNamedDir(entry, m[2] ?? "", target, input.command, `the RUN sets \`${m[1]}=${m[2]}\``);
        if (found !== null) return found;
      }
      for (const name of entry.dirEnv ?? []) {
        const value = input.env?.get(name);
        if (value === undefined) continue;
        const found = byNamedDir(entry, value, target, input.command, `the stage sets \`ENV ${name}=${value}\``);
        if (found !== null) return found;
      }
    }
    for (const re of entry.dirCommands ?? []) {
      re.lastIndex = 0;
      for (let m = re.exec(input.command); m !== null; m = re.exec(input.command)) {
        if (namesTarget(m[m.length - 1] ?? "", target)) return toMatch(entry, `the RUN runs \`${m[0].trim()}\``);
      }
    }
    // Options like `--cache-dir` are shared by several tools: the RUN must invoke this one.
    if (flagRe !== null && entry.hint !== undefined && entry.hint.test(input.command)) {
      flagRe.lastIndex = 0;
      for (let m = flagRe.exec(input.command); m !== null; m = flagRe.exec(input.command)) {
        if (namesTarget(m[2] ?? "", target)) {
          return toMatch(
            entry,
            `the RUN runs \`${hintText(entry, input.command)}\` with \`${m[1]} ${unquote(m[2] ?? "")}\``,
          );
        }
      }
    }
  }
  return null;
}

/**
 * A directory named by an environment variable: the tool's own directory when
 * it is the target; when the target lies below it, the target is read as the
 * same place under the tool's usual path (`CARGO_HOME=/cargo`: `/cargo/registry`
 * is cargo's registry).
 */
function byNamedDir(
  tool: CacheTool,
  raw: string,
  target: string,
  command: string,
  evidence: string,
): CatalogueMatch | null {
  const v = unquote(raw);
  if (!v.startsWith("/") || v.includes("$")) return null;
  const dir = cleanPath(v);
  if (dir === target) return toMatch(tool, evidence);
  const usual = tool.paths[0] === undefined ? null : instantiate(tool.paths[0], "/root");
  if (usual === null || dir === "/" || !target.startsWith(dir + "/")) return null;
  const moved = usual + target.slice(dir.length);
  const inner = pathMatch(moved, command);
  if (inner === null) return toMatch(tool, evidence);
  return {
    ...inner,
    matchedBy: `${evidence}, so \`${target}\` is \`${moved}\`, which ${inner.matchedBy.slice(inner.matchedBy.indexOf("` ") + 2)}`,
  };
}

/**
 * Home directory the target lives in, for `~` patterns: `/root`, `/home/<user>`,
 * or `/` itself (HOME=/ for users without a home, e.g. `/.cache/go-build`).
 */
function homeOf(target: string): string {
  if (target === "/root" || target.startsWith("/root/")) return "/root";
  const m = /^\/home\/[^/]+/.exec(target);
  if (m) return m[0];
  return /^\/\.[^/]/.test(target) ? "" : "/root";
}

/** The concrete directory a pattern denotes for this target, or null for `…/` patterns. */
function instantiate(pattern: string, home: string): string | null {
  if (pattern.startsWith("~/")) return home + pattern.slice(1);
  if (pattern.startsWith("…/")) return null;
  return pattern;
}

/** Length of the target prefix the pattern covers when the target is the pattern's directory or below it; -1 otherwise. */
function coverage(pattern: string, target: string, home: string): number {
  if (pattern.startsWith("…/")) {
    const tail = pattern.slice(1); // "/node_modules"
    let from = 0;
    for (;;) {
      const at = target.indexOf(tail, from);
      if (at < 0) return -1;
      const end = at + tail.length;
      if (end === target.length || target[end] === "/") return end;
      from = at + 1;
    }
  }
  const dir = instantiate(pattern, home);
  if (dir === null) return -1;
  return target === dir || target.startsWith(dir + "/") ? dir.length : -1;
}

/** "`~/.cache/pip` (pip, `~` = /root)": the pattern, whose it is, and what `~` stood for. */
function describePattern(pattern: string, tool: string, home: string): string {
  return pattern.startsWith("~/")
    ? `\`${pattern}\` (${tool}, \`~\` = ${home === "" ? "/" : home})`
    : `\`${pattern}\` (${tool})`;
}

function pathMatch(target: string, command: string): CatalogueMatch | null {
  const home = homeOf(target);
  let best: { tool: CacheTool; pattern: string; covered: number; hinted: boolean } | null = null;
  for (const { entry } of TOOLS) {
    const hinted = entry.ambiguousPaths !== undefined && entry.hint !== undefined && entry.hint.test(command);
    const patterns = hinted ? [...entry.paths, ...(entry.ambiguousPaths ?? [])] : entry.paths;
    for (const pattern of patterns) {
      const covered = coverage(pattern, target, home);
      if (covered >= 0 && (best === null || covered > best.covered)) {
        best = { tool: entry, pattern, covered, hinted: hinted && !entry.paths.includes(pattern) };
      }
    }
  }
  if (best === null) return null;
  const { tool, pattern, covered, hinted } = best;
  const where = covered === target.length ? "is" : "is below";
  let matchedBy = `\`${target}\` ${where} ${describePattern(pattern, tool.tool, home)}`;
  if (hinted) matchedBy += ` and the RUN runs \`${hintText(tool, command)}\``;
  return toMatch(tool, matchedBy);
}

function containedMatch(target: string, command: string): CatalogueMatch | null {
  const home = homeOf(target);
  const found: { tool: CacheTool; dir: string }[] = [];
  for (const { entry } of TOOLS) {
    if (entry.hint === undefined || !entry.hint.test(command)) continue;
    for (const p of entry.paths) {
      const dir = instantiate(p, home);
      if (dir !== null && dir.startsWith(target + "/")) {
        found.push({ tool: entry, dir });
        break;
      }
    }
  }
  if (found.length === 0) return null;
  let worst = found[0];
  for (const f of found) if (worst === undefined || RANK[f.tool.verdict] < RANK[worst.tool.verdict]) worst = f;
  if (worst === undefined) return null;
  const list = joinWords(found.map((f) => `\`${f.dir}\` (${f.tool.tool})`));
  const runs = joinWords([...new Set(found.map((f) => `\`${hintText(f.tool, command)}\``))]);
  const match = toMatch(worst.tool, `\`${target}\` contains ${list}, and the RUN runs ${runs}`);
  const needsLocked = found.some((f) => f.tool.concurrency === "locked");
  const sameVerdict = found.filter((f) => f.tool.verdict === worst.tool.verdict && f.tool !== worst.tool);
  const reason = [worst.tool.reason, ...sameVerdict.map((f) => f.tool.reason)].join(" ");
  return { ...match, tool: found.map((f) => f.tool.tool).join(" + "), needsLocked, reason };
}

/** "a", "a and b", "a, b and c". */
function joinWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function hintText(tool: CacheTool, command: string): string {
  const m = tool.hint?.exec(command);
  return m ? m[0].trim() : tool.tool;
}

/** Go's path.Clean for absolute paths (enough for mount points, which are absolute after the WORKDIR join). */
export function cleanPath(p: string): string {
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(seg);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}
