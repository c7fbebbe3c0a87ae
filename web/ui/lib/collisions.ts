/**
 * Presentation of Report.collisions for the table: which group a cell is in,
 * how serious the sharing is, and the words that say so (colour is never the
 * only signal: every grouped cell carries a text label).
 */
import type { CellRef } from "../state";
import type { Collision, Report, ReportTable } from "../../core/report/types";
import { collisionLetter } from "../../core/report/collision-letter";

/**
 * - `unsafe` / `unknown`: RUNs on different execution platforms share one directory.
 * - `safe`: they do, and the catalogue says the tool copes (shown muted, with the reason).
 * - `same-exec`: one directory, but every user executes on the same platform (shared on purpose).
 */
export type GroupTone = "unsafe" | "unknown" | "safe" | "same-exec";

export interface CellGroup {
  /** Position in Report.collisions; also picks the group's colour. */
  readonly index: number;
  /** A, B, C… for the visible badge. */
  readonly letter: string;
  readonly tone: GroupTone;
  readonly collision: Collision;
}

export function toneOf(collision: Collision): GroupTone {
  if (collision.execPlatforms.length <= 1) return "same-exec";
  return collision.verdict;
}

/** Which group each cell is in. */
export interface CellGroups {
  /** The group of one cell (a mount's index, a platform's index), or undefined. */
  at(mount: number, platformIndex: number): CellGroup | undefined;
  /** One group per collision, in Report.collisions order. */
  readonly list: readonly CellGroup[];
}

const grouped = new WeakMap<ReportTable, CellGroups>();

/**
 * Every cell of every collision → its group. Computed once per report (the
 * table, the explain panel and the editor's hover all ask), into arrays indexed
 * by mount and platform: a 10,000-line file has ~16,000 grouped cells.
 */
export function groupCells(report: ReportTable): CellGroups {
  let groups = grouped.get(report);
  if (groups === undefined) {
    groups = computeGroups(report);
    grouped.set(report, groups);
  }
  return groups;
}

function computeGroups(report: ReportTable): CellGroups {
  const byMount: (CellGroup | undefined)[][] = [];
  const list = report.collisions.map((collision, index): CellGroup => {
    const group: CellGroup = { index, letter: collisionLetter(index), tone: toneOf(collision), collision };
    for (const c of collision.cells) (byMount[c.mount] ??= [])[c.platformIndex] = group;
    return group;
  });
  return { at: (mount, platformIndex) => byMount[mount]?.[platformIndex], list };
}

function platformName(report: ReportTable, platformIndex: number): string {
  const p = report.platforms[platformIndex];
  return p ? (p.normalized ?? p.requested) : `platform ${platformIndex + 1}`;
}

/** "unsafe: apk", "safe: pip", "unknown tool" … */
export function verdictWords(collision: Collision): string {
  const tool = collision.catalogue?.tool;
  switch (toneOf(collision)) {
    case "unsafe":
      return `unsafe: ${tool ?? "arch-specific content"}`;
    case "unknown":
      return tool ? `check: ${tool}` : "unknown tool, check it";
    case "safe":
      return `safe: ${tool ?? "arch-neutral content"}`;
    case "same-exec":
      return `shared on purpose: all run on ${collision.execPlatforms[0] ?? "one platform"}`;
  }
}

/**
 * The label a grouped cell shows and is named by, e.g.
 * "same cache as linux/amd64 — unsafe: apk" or "same cache as line 9 on linux/arm64 — safe: pip".
 * Reads at most four of the group's cells: one collision can hold every cell of a big table.
 */
export function groupLabel(report: ReportTable, group: CellGroup, cell: CellRef): string {
  const cells = group.collision.cells;
  const isSelf = (c: { readonly mount: number; readonly platformIndex: number }) =>
    c.mount === cell.mount && c.platformIndex === cell.platformIndex;
  const member = groupCells(report).at(cell.mount, cell.platformIndex) === group;
  const others = cells.length - (member ? 1 : 0);
  const names: string[] = [];
  const wanted = others > 3 ? 3 : others;
  for (let i = 0; i < cells.length && names.length < wanted; i++) {
    const c = cells[i]!;
    if (isSelf(c)) continue;
    const platform = platformName(report, c.platformIndex);
    const line = c.mount === cell.mount ? undefined : report.mounts[c.mount]?.line;
    names.push(line === undefined ? platform : `line ${line} on ${platform}`);
  }
  if (others > 3) names.push(`${others - 3} more`);
  return `same cache as ${names.join(", ")} — ${verdictWords(group.collision)}`;
}

const TONE_RANK: Record<GroupTone, number> = { unsafe: 0, unknown: 1, safe: 2, "same-exec": 3 };

/** The cell a newcomer should look at first: the first cell of the worst collision, else the first built cell. */
export function mostInstructiveCell(report: ReportTable): CellRef | null {
  let best: Collision | null = null;
  for (const c of report.collisions) {
    if (best === null || TONE_RANK[toneOf(c)] < TONE_RANK[toneOf(best)]) best = c;
  }
  const first = best?.cells[0];
  if (first) return { mount: first.mount, platformIndex: first.platformIndex };
  for (const m of report.mounts) {
    for (const cell of m.cells) if (cell.built) return { mount: m.index, platformIndex: cell.platformIndex };
  }
  const m = report.mounts[0];
  return m && m.cells[0] ? { mount: m.index, platformIndex: 0 } : null;
}

/** Counts for the summary line. */
export function summarize(report: Report): {
  platforms: number;
  mounts: number;
  unsafe: number;
  unknown: number;
  safe: number;
  errors: number;
  warnings: number;
} {
  let unsafe = 0;
  let unknown = 0;
  let safe = 0;
  for (const c of report.collisions) {
    const tone = toneOf(c);
    if (tone === "unsafe") unsafe++;
    else if (tone === "unknown") unknown++;
    else if (tone === "safe") safe++;
  }
  let errors = 0;
  let warnings = 0;
  for (const f of report.findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning") warnings++;
  }
  return {
    platforms: report.platforms.length,
    mounts: report.mounts.length,
    unsafe,
    unknown,
    safe,
    errors,
    warnings,
  };
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 platforms · 3 cache mounts · 1 unsafe collision" (+ the other counts when non-zero). */
export function summaryLine(report: Report): string {
  const s = summarize(report);
  const parts = [plural(s.platforms, "platform"), plural(s.mounts, "cache mount")];
  parts.push(plural(s.unsafe, "unsafe collision"));
  if (s.unknown > 0) parts.push(plural(s.unknown, "collision", "collisions") + " to check");
  if (s.safe > 0) parts.push(plural(s.safe, "safe shared cache"));
  return parts.join(" · ");
}
