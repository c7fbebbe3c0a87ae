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
  // Evidence names the target or a directory above it: most RUNs and stages never do.
  if (!ancestors(target).some((dir) => input.command.includes(dir) || mentions(input.env, dir))) return null;
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

function mentions(env: ReadonlyMap<string, string> | undefined, target: string): boolean {
  if (env === undefined) return false;
  for (const v of env.values()) if (v.includes(target)) return true;
  return false;
}

/** The target and every directory above it but `/`: `/a/b` → [`/a/b`, `/a`]. */
function ancestors(target: string): string[] {
  const out: string[] = [];
  for (let p = target; p.length > 1; p = p.slice(0, Math.max(p.lastIndexOf("/"), 1))) out.push(p);
  return out;
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

interface Pattern {
  readonly tool: CacheTool;
  readonly pattern: string;
  /** Only with the tool's command hint. */
  readonly ambiguous: boolean;
}

// Indexes built once: absolute directories, home-relative ones, and `…/name` tails.
const ABSOLUTE = new Map<string, Pattern[]>();
const IN_HOME = new Map<string, Pattern[]>();
const TAILS: Pattern[] = [];
for (const { entry } of TOOLS) {
  const all = [
    ...entry.paths.map((pattern) => ({ tool: entry, pattern, ambiguous: false })),
    ...(entry.ambiguousPaths ?? []).map((pattern) => ({ tool: entry, pattern, ambiguous: true })),
  ];
  for (const p of all) {
    if (p.pattern.startsWith("…/")) TAILS.push(p);
    else {
      const [map, key] = p.pattern.startsWith("~/") ? [IN_HOME, p.pattern.slice(2)] : [ABSOLUTE, p.pattern];
      let list = map.get(key);
      if (list === undefined) map.set(key, (list = []));
      list.push(p);
    }
  }
}

/** Length of the target prefix a `…/name` pattern covers (the target is that directory or below it); -1 otherwise. */
function tailCoverage(pattern: string, target: string): number {
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

/** `a/b/c` → [`a/b/c`, `a/b`, `a`] (works for absolute paths too, stopping before `/`). */
function prefixes(path: string): string[] {
  const out: string[] = [];
  for (let p = path; p.length > 0 && p !== "/";) {
    out.push(p);
    const cut = p.lastIndexOf("/");
    p = cut <= 0 ? "" : p.slice(0, cut);
  }
  return out;
}

/** "`~/.cache/pip` (pip, `~` = /root)": the pattern, whose it is, and what `~` stood for. */
function describePattern(pattern: string, tool: string, home: string): string {
  return pattern.startsWith("~/")
    ? `\`${pattern}\` (${tool}, \`~\` = ${home === "" ? "/" : home})`
    : `\`${pattern}\` (${tool})`;
}

function pathMatch(target: string, command: string): CatalogueMatch | null {
  const home = homeOf(target);
  let best: { p: Pattern; covered: number } | null = null;
  const hinted = new Map<CacheTool, boolean>();
  const consider = (p: Pattern, covered: number): void => {
    if (best !== null && covered <= best.covered) return;
    if (p.ambiguous) {
      let ok = hinted.get(p.tool);
      if (ok === undefined) hinted.set(p.tool, (ok = p.tool.hint?.test(command) ?? false));
      if (!ok) return;
    }
    best = { p, covered };
  };
  for (const dir of prefixes(target)) for (const p of ABSOLUTE.get(dir) ?? []) consider(p, dir.length);
  if (target.startsWith(home + "/")) {
    const rel = target.slice(home.length + 1);
    for (const r of prefixes(rel)) for (const p of IN_HOME.get(r) ?? []) consider(p, home.length + 1 + r.length);
  }
  for (const p of TAILS) {
    const covered = tailCoverage(p.pattern, target);
    if (covered >= 0) consider(p, covered);
  }
  const found = best as { p: Pattern; covered: number } | null;
  if (found === null) return null;
  const { p, covered } = found;
  const where = covered === target.length ? "is" : "is below";
  let matchedBy = `\`${target}\` ${where} ${describePattern(p.pattern, p.tool.tool, home)}`;
  if (p.ambiguous) matchedBy += ` and the RUN runs \`${hintText(p.tool, command)}\``;
  return toMatch(p.tool, matchedBy);
}

/** Per home: every tool's concrete cache directories (homes are few: /root, /home/<user>, /). */
const dirsByHome = new Map<string, readonly { tool: CacheTool; dir: string }[]>();

function concreteDirs(home: string): readonly { tool: CacheTool; dir: string }[] {
  let dirs = dirsByHome.get(home);
  if (dirs === undefined) {
    const list: { tool: CacheTool; dir: string }[] = [];
    for (const { entry } of TOOLS) {
      if (entry.hint === undefined) continue;
      for (const p of entry.paths) {
        const dir = instantiate(p, home);
        if (dir !== null) list.push({ tool: entry, dir });
      }
    }
    if (dirsByHome.size > 64) dirsByHome.clear();
    dirsByHome.set(home, (dirs = list));
  }
  return dirs;
}

function containedMatch(target: string, command: string): CatalogueMatch | null {
  const home = homeOf(target);
  const below = target + "/";
  // Known cache directories inside the target, first by tool; the hint (a regex) only for those.
  const candidates = new Map<CacheTool, string>();
  for (const { tool, dir } of concreteDirs(home)) {
    if (!candidates.has(tool) && dir.startsWith(below)) candidates.set(tool, dir);
  }
  const found: { tool: CacheTool; dir: string }[] = [];
  for (const [tool, dir] of candidates) if (tool.hint?.test(command)) found.push({ tool, dir });
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
  // Mount points are nearly always clean already: skip the split and join (hot: every cell).
  if (isClean(p)) return p;
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

const SLASH = 47;
const DOT = 46;

/** True when cleanPath would return `p` unchanged: no empty, `.` or `..` segment, no trailing slash. */
function isClean(p: string): boolean {
  const n = p.length;
  if (n === 0) return false;
  if (n === 1) return true; // "/" or a one-character name ("." is clean too)
  // Each segment starts at `start`; the root's empty segment is allowed.
  let start = p.charCodeAt(0) === SLASH ? 1 : 0;
  for (let i = start; i <= n; i++) {
    if (i < n && p.charCodeAt(i) !== SLASH) continue;
    const len = i - start;
    if (len === 0) return false;
    if (p.charCodeAt(start) === DOT && (len === 1 || (len === 2 && p.charCodeAt(start + 1) === DOT))) return false;
    start = i + 1;
  }
  return true;
}
