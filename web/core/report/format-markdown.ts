/**
 * The report as a GitHub issue comment ("Copy as Markdown", CLI `--format markdown`):
 * a one-line summary, the mount × platform table of cache keys with collision
 * marks, the findings linked to their rule pages, the safe fixes as a `diff`
 * block, and the playground link.
 *
 * Everything that comes from the user (paths, stage names, platforms as typed,
 * messages quoting them, the Dockerfile) is escaped so it renders as written:
 * code spans with a long enough backtick run, `\|` inside tables, entities for
 * `<` `>` `&`, backslashes for other Markdown punctuation, and a word joiner after
 * `@` so a Dockerfile cannot mention people.
 *
 * GitHub refuses comments over 65,536 characters. When the report is longer it
 * degrades in this order, each step saying what it left out:
 *   1. the fix (diff block) is dropped;
 *   2. the table is shortened to the mounts that fit;
 *   3. the findings list is shortened;
 *   4. the playground link is dropped (a link alone can exceed the limit);
 *   5. as a last resort, the text is cut at a line end.
 */
import type { Collision, Finding, MountReport, PlatformResult, Report, Severity } from "./types";
import { collisionLetter } from "./collision-letter";

export interface MarkdownOptions {
  /** The analysed text (the diff compares it with report.fixed). */
  readonly text: string;
  /** The playground link for this state, or null for none. */
  readonly link: string | null;
  /** The URL of a rule's documentation page. */
  readonly rulePageUrl: (ruleId: string) => string;
  /** Maximum length in UTF-16 units (≥ GitHub's character count); default GitHub's 65,536. */
  readonly maxLength?: number;
}

export const GITHUB_COMMENT_LIMIT = 65_536;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: "❌", warning: "⚠️", info: "ℹ️" };

// ---------------------------------------------------------------- escaping

/**
 * Characters GitHub would read as Markdown, HTML or table syntax inside a line.
 * (`-`, `+`, `#` and digits only matter at a line start, where user text never is:
 * newlines in user text become `<br>`.)
 */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~<>&]/g;
/** `@name` in running text notifies that person on GitHub; a word joiner stops it and stays invisible. */
const MENTION = /@(?=[A-Za-z0-9])/g;

/** User text as running Markdown text (not in a table unless `inTable`, where `|` is escaped anyway). */
export function escapeText(s: string): string {
  return s
    .replace(MARKDOWN_PUNCTUATION, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : `\\${c}`))
    .replace(MENTION, "@\u2060")
    .replace(/\r\n|\r|\n/g, "<br>");
}

/** Control characters shown as their Unicode pictures, so a key with a newline stays one visible line. */
function visibleControls(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c < 0x20 ? String.fromCharCode(0x2400 + c) : c === 0x7f ? "\u2421" : s[i];
  }
  return out;
}

/** User text as a code span: a backtick run longer than any inside, padded where CommonMark needs it. */
export function codeSpan(raw: string, inTable = false): string {
  if (raw === "") return "*(empty)*";
  let s = visibleControls(raw);
  if (inTable) s = s.replace(/\|/g, "\\|");
  let longest = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  const fence = "`".repeat(longest + 1);
  const pad =
    s.startsWith("`") || s.endsWith("`") || (s.startsWith(" ") && s.endsWith(" ") && s.trim() !== "") ? " " : "";
  return `${fence}${pad}${s}${pad}${fence}`;
}

/**
 * A message that marks code with backticks (as rule messages do): code parts become
 * code spans, the rest escaped text. Unbalanced backticks: all of it is text.
 */
export function escapeMessage(message: string, inTable = false): string {
  const parts = message.split("`");
  if (parts.length % 2 === 0) return escapeText(message);
  return parts.map((p, i) => (i % 2 === 1 ? codeSpan(p, inTable) : escapeText(p))).join("");
}

/** A URL as a Markdown link destination: characters that would end or break it are percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>\\`"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

/** A fenced block that no line of `body` can close. */
function fenced(lang: string, body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/`+/g)) longest = Math.max(longest, m[0].length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${body}\n${fence}`;
}

// ---------------------------------------------------------------- the pieces

function platformName(p: PlatformResult | undefined, index: number): string {
  return p ? (p.normalized ?? p.requested) : `platform ${index + 1}`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Collisions where RUNs on different execution platforms share a directory (one platform sharing is by design). */
function crossPlatform(c: Collision): boolean {
  return c.execPlatforms.length > 1;
}

function summaryLine(report: Report): string {
  const parts = [`${plural(report.mounts.length, "cache mount")} × ${plural(report.platforms.length, "platform")}`];
  const verdicts = { unsafe: 0, unknown: 0, safe: 0 };
  for (const c of report.collisions) if (crossPlatform(c)) verdicts[c.verdict]++;
  if (verdicts.unsafe + verdicts.unknown + verdicts.safe === 0) parts.push("no cross-platform collision");
  if (verdicts.unsafe > 0) parts.push(`❌ ${plural(verdicts.unsafe, "unsafe collision")}`);
  if (verdicts.unknown > 0) parts.push(`⚠️ ${plural(verdicts.unknown, "collision")} to check`);
  if (verdicts.safe > 0) parts.push(plural(verdicts.safe, "safe shared cache"));
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of report.findings) counts[f.severity]++;
  parts.push(`${plural(counts.error, "error")}, ${plural(counts.warning, "warning")}, ${counts.info} info`);
  const failed = report.platforms.filter((p) => p.error !== null).length;
  if (failed > 0) parts.push(`BuildKit fails on ${plural(failed, "platform")}`);
  return `**Cache Mount Playground:** ${parts.join(" · ")}`;
}

interface Groups {
  readonly byCell: ReadonlyMap<string, number>;
}

function groupsOf(report: Report): Groups {
  const byCell = new Map<string, number>();
  report.collisions.forEach((c, i) => {
    for (const cell of c.cells) byCell.set(`${cell.mount}:${cell.platformIndex}`, i);
  });
  return { byCell };
}

function mark(c: Collision, letter: string): string {
  if (!crossPlatform(c)) return `**${letter}**`;
  return c.verdict === "safe" ? `**${letter}** (safe)` : `⚠️ **${letter}**`;
}

function tableHeader(report: Report): string[] {
  const heads = report.platforms.map((p, i) => codeSpan(platformName(p, i), true) + (p.error !== null ? " ❌" : ""));
  return [`| Mount | ${heads.join(" | ")} |`, `| --- |${" --- |".repeat(report.platforms.length)}`];
}

function tableRow(report: Report, groups: Groups, m: MountReport): string {
  const stage = m.stage ?? `stage ${m.stageIndex}`;
  const label = `line ${m.line} · ${escapeText(stage)} · ${codeSpan(m.writtenTarget, true)}`;
  const cells = report.platforms.map((p, i) => {
    const cell = m.cells.find((c) => c.platformIndex === i);
    if (p.error !== null) return "—";
    if (!cell || !cell.built) return "*not built*";
    const g = groups.byCell.get(`${m.index}:${i}`);
    const collision = g === undefined ? undefined : report.collisions[g];
    const suffix = collision && g !== undefined ? ` ${mark(collision, collisionLetter(g))}` : "";
    return codeSpan(cell.cacheKey, true) + suffix;
  });
  return `| ${label} | ${cells.join(" | ")} |`;
}

function collisionLine(report: Report, c: Collision, index: number): string {
  // "line 2 on linux/amd64, linux/arm64; line 7 on linux/arm64"
  const byLine = new Map<string, string[]>();
  for (const cell of c.cells) {
    const line = report.mounts[cell.mount]?.line;
    const key = line === undefined ? `mount ${cell.mount + 1}` : `line ${line}`;
    const list = byLine.get(key) ?? [];
    list.push(platformName(report.platforms[cell.platformIndex], cell.platformIndex));
    byLine.set(key, list);
  }
  const where = [...byLine].map(([line, platforms]) => `${line} on ${platforms.join(", ")}`).join("; ");
  const tool = c.catalogue?.tool;
  const verdict = !crossPlatform(c)
    ? `shared on purpose: every RUN executes on ${c.execPlatforms[0] ?? "one platform"}`
    : c.verdict === "unsafe"
      ? `unsafe${tool ? ` for ${tool}` : ""}`
      : c.verdict === "safe"
        ? `safe${tool ? ` for ${tool}` : ""}`
        : `check whether ${tool ?? "the tool"} copes`;
  const reason = c.catalogue?.reason ? `: ${escapeMessage(c.catalogue.reason)}` : "";
  // Catalogue reasons may end their own sentence.
  const stop = /[.!?]$/.test(c.catalogue?.reason ?? "") ? "" : ".";
  return `- ${mark(c, collisionLetter(index))} ${codeSpan(c.cacheKey)} is one directory for ${escapeText(where)}; ${escapeText(verdict)}${reason}${stop}`;
}

function findingLine(f: Finding, rulePageUrl: (id: string) => string): string {
  const rule = `[${escapeText(f.ruleId)}](${linkTarget(rulePageUrl(f.ruleId))})`;
  const platforms = f.platforms.length > 0 ? ` *(${escapeText(f.platforms.join(", "))})*` : "";
  return `- ${SEVERITY_ICON[f.severity]} **${f.severity}** line ${f.range.startLine} ${rule}: ${escapeMessage(f.message)}${platforms}`;
}

function sortedFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.f.severity] - SEVERITY_RANK[b.f.severity] ||
        a.f.range.startLine - b.f.range.startLine ||
        a.f.range.startColumn - b.f.range.startColumn ||
        a.i - b.i,
    )
    .map((x) => x.f);
}

// ---------------------------------------------------------------- the diff

type DiffOp = { readonly kind: " " | "-" | "+"; readonly line: string };

/** Line ops turning `a` into `b`: Myers' O(ND) diff after trimming the common ends; a huge D falls back to replace-all. */
export function diffLines(a: readonly string[], b: readonly string[], maxEdits = 2000): DiffOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const head: DiffOp[] = a.slice(0, start).map((line) => ({ kind: " ", line }));
  const tail: DiffOp[] = a.slice(endA).map((line) => ({ kind: " ", line }));
  return [...head, ...myers(a.slice(start, endA), b.slice(start, endB), maxEdits), ...tail];
}

function myers(a: readonly string[], b: readonly string[], maxEdits: number): DiffOp[] {
  const n = a.length;
  const m = b.length;
  const replaceAll = (): DiffOp[] => [
    ...a.map((line): DiffOp => ({ kind: "-", line })),
    ...b.map((line): DiffOp => ({ kind: "+", line })),
  ];
  if (n === 0 || m === 0) return replaceAll();
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  // snapshots[d] holds v[-d..d] after step d, for the walk back.
  const snapshots: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) found = d;
    }
    snapshots.push(v.slice(offset - d, offset + d + 1));
  }
  if (found < 0) return replaceAll();

  const ops: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = snapshots[d - 1]!;
    const at = (k: number) => prev[k + d - 1] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push({ kind: " ", line: a[--x]! });
      y--;
    }
    if (down) ops.push({ kind: "+", line: b[--y]! });
    else ops.push({ kind: "-", line: a[--x]! });
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: " ", line: a[--x]! });
    y--;
  }
  return ops.reverse();
}

function linesOf(text: string): string[] {
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** A unified diff with 3 lines of context; `\r` at line ends is not shown. */
export function unifiedDiff(before: string, after: string, name = "Dockerfile"): string {
  const ops = diffLines(linesOf(before), linesOf(after));
  const context = 3;
  const out = [`--- a/${name}`, `+++ b/${name}`];
  // Positions (0-based, in ops) of changes, grouped into hunks when their context overlaps.
  let i = 0;
  let lineA = 1;
  let lineB = 1;
  const posA: number[] = [];
  const posB: number[] = [];
  for (const op of ops) {
    posA.push(lineA);
    posB.push(lineB);
    if (op.kind !== "+") lineA++;
    if (op.kind !== "-") lineB++;
  }
  while (i < ops.length) {
    if (ops[i]!.kind === " ") {
      i++;
      continue;
    }
    const from = Math.max(0, i - context);
    let to = i;
    let lastChange = i;
    while (to < ops.length && (ops[to]!.kind !== " " || to - lastChange <= 2 * context)) {
      if (ops[to]!.kind !== " ") lastChange = to;
      to++;
    }
    to = Math.min(ops.length, lastChange + context + 1);
    const hunk = ops.slice(from, to);
    const lenA = hunk.filter((o) => o.kind !== "+").length;
    const lenB = hunk.filter((o) => o.kind !== "-").length;
    const startA = lenA === 0 ? posA[from]! - 1 : posA[from]!;
    const startB = lenB === 0 ? posB[from]! - 1 : posB[from]!;
    out.push(`@@ -${startA},${lenA} +${startB},${lenB} @@`);
    for (const o of hunk) out.push(o.kind + o.line.replace(/\r$/, ""));
    i = to;
  }
  return out.join("\n");
}

// ---------------------------------------------------------------- assembly

interface Cut {
  readonly fix: boolean;
  readonly rows: number;
  readonly findings: number;
  readonly link: boolean;
}

export function formatMarkdown(report: Report, options: MarkdownOptions): string {
  const limit = options.maxLength ?? GITHUB_COMMENT_LIMIT;
  const groups = groupsOf(report);
  const findings = sortedFindings(report.findings);
  const hasFix = report.fixed !== options.text;
  const diff = hasFix ? fenced("diff", unifiedDiff(options.text, report.fixed)) : "";

  const render = (cut: Cut): string => {
    const blocks: string[] = [summaryLine(report)];
    const errors = report.platforms.filter((p) => p.error !== null);
    if (errors.length > 0) {
      blocks.push(
        errors
          .map(
            (p) => `- ❌ ${codeSpan(p.normalized ?? p.requested)}: BuildKit stops with ${escapeMessage(p.error ?? "")}`,
          )
          .join("\n"),
      );
    }
    if (report.mounts.length === 0) {
      blocks.push("No `RUN --mount=type=cache` in the stages built.");
    } else if (cut.rows > 0) {
      const shown = report.mounts.slice(0, cut.rows);
      const table = [...tableHeader(report), ...shown.map((m) => tableRow(report, groups, m))];
      blocks.push(table.join("\n"));
      if (cut.rows < report.mounts.length) {
        blocks.push(
          `*The table shows ${cut.rows} of ${report.mounts.length} cache mounts to fit GitHub's comment limit; the playground shows them all.*`,
        );
      }
      const inShown = new Set<number>();
      for (const m of shown) {
        for (const c of m.cells) {
          const g = groups.byCell.get(`${m.index}:${c.platformIndex}`);
          if (g !== undefined) inShown.add(g);
        }
      }
      const legend = report.collisions.flatMap((c, i) => (inShown.has(i) ? [collisionLine(report, c, i)] : []));
      if (legend.length > 0) blocks.push(legend.join("\n"));
    } else {
      blocks.push(
        `*The table of ${plural(report.mounts.length, "cache mount")} is left out to fit GitHub's comment limit; the playground shows it.*`,
      );
    }
    if (findings.length > 0) {
      const lines = findings.slice(0, cut.findings).map((f) => findingLine(f, options.rulePageUrl));
      if (cut.findings < findings.length) {
        lines.push(
          `- *${findings.length - cut.findings} more findings are left out to fit GitHub's comment limit; the playground shows them all.*`,
        );
      }
      blocks.push(`**Findings**\n\n${lines.join("\n")}`);
    }
    if (hasFix) {
      blocks.push(
        cut.fix
          ? `**Fix** (every safe fix applied)\n\n${diff}`
          : "*The fix is left out to fit GitHub's comment limit; the playground shows it.*",
      );
    }
    if (options.link !== null) {
      blocks.push(
        cut.link
          ? `[Open this in the Cache Mount Playground](${linkTarget(options.link)})`
          : `*The playground link is left out: at ${options.link.length.toLocaleString("en-US")} characters it does not fit in a GitHub comment.*`,
      );
    }
    return blocks.join("\n\n") + "\n";
  };

  const full: Cut = { fix: true, rows: report.mounts.length, findings: findings.length, link: true };
  let cut = full;
  let out = render(cut);
  if (out.length <= limit) return out;

  // 1. Drop the fix.
  cut = { ...cut, fix: false };
  out = render(cut);
  if (out.length <= limit) return out;
  // 2. Shorten the table, 3. the findings: the most that fit, found by bisection.
  for (const field of ["rows", "findings"] as const) {
    const best = largestFitting(cut[field], (n) => render({ ...cut, [field]: n }).length <= limit);
    cut = { ...cut, [field]: best };
    out = render(cut);
    if (out.length <= limit) return out;
  }
  // 4. Drop the link.
  cut = { ...cut, link: false };
  out = render(cut);
  if (out.length <= limit) return out;
  // 5. Cut at a line end.
  const note = "\n\n*The rest is cut to fit GitHub's comment limit.*\n";
  const room = Math.max(0, limit - note.length);
  const end = out.lastIndexOf("\n", room);
  return (out.slice(0, end > 0 ? end : room) + note).slice(0, limit);
}

/** The largest n in [0, max] with fits(n), assuming fits is monotone; 0 when none fits. */
function largestFitting(max: number, fits: (n: number) => boolean): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
