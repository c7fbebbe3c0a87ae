/** Small wording helpers shared by the rules' messages. */
import type { Range } from "../source";
import type { RuleContext } from "./types";

/** "a", "a and b", "a, b and c". */
export function list(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A code span. */
export function code(s: string): string {
  return "`" + s + "`";
}

/** "linux/amd64 and linux/arm64 both", "linux/amd64, linux/arm64 and linux/s390x all". */
export function allOf(items: readonly string[]): string {
  if (items.length === 2) return `${list(items)} both`;
  if (items.length > 2) return `${list(items)} all`;
  return list(items);
}

/** How a stage is named in messages: "stage `build`", or "the stage on line 3" when it has no name. */
export function stageLabel(ctx: RuleContext, stageIndex: number): string {
  const stage = ctx.resolution.stages[stageIndex];
  if (stage === undefined) return `stage ${stageIndex + 1}`;
  return stage.name === null ? `the stage on line ${stage.line}` : `stage ${code(stage.name)}`;
}

/** "on linux/amd64", "on both linux/amd64 and linux/arm64", "on all of a, b and c". */
export function onPlatforms(items: readonly string[]): string {
  if (items.length === 2) return `on both ${list(items)}`;
  if (items.length > 2) return `on all of ${list(items)}`;
  return `on ${list(items)}`;
}

/** The range of a mount's `--mount` flag. */
export function mountRange(ctx: RuleContext, mount: number): Range {
  const m = ctx.resolution.mounts[mount];
  return m ? m.range : { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };
}

/** Normalized names of the platforms of these cells, in platform order, without repeats. */
export function platformsOf(ctx: RuleContext, platformIndexes: Iterable<number>): string[] {
  const sorted = [...new Set(platformIndexes)].sort((a, b) => a - b);
  const names: string[] = [];
  for (const i of sorted) {
    const n = ctx.platformName(i);
    if (!names.includes(n)) names.push(n);
  }
  return names;
}

/** Every requested platform's name. */
export function allPlatforms(ctx: RuleContext): string[] {
  return platformsOf(
    ctx,
    ctx.resolution.platforms.map((_, i) => i),
  );
}

/** Joins a lead-in and a catalogue reason: "…: apk names…" or "…. Wheels carry…" (reasons keep their case). */
export function because(lead: string, reason: string): string {
  const first = reason.charAt(0);
  return first !== first.toLowerCase() ? `${lead}. ${reason}` : `${lead}: ${reason}`;
}

/** Largest group of mounts a finding lists in full; beyond it, the Report's collisions name them. */
export const MAX_LISTED_MOUNTS = 16;

/** The mounts a finding names: all of a small group, else only its own (findings are per mount). */
export function involvedMounts(own: number, group: Iterable<number>): number[] {
  const all: number[] = [];
  for (const m of group) {
    all.push(m);
    if (all.length > MAX_LISTED_MOUNTS) return [own];
  }
  return all.sort((a, b) => a - b);
}

/** "5", "5 and 9", "5, 9, 12 and 40 more": the distinct lines of some mounts, at most three named. */
export function someLines(ctx: RuleContext, mounts: Iterable<number>, except: number | null): string[] {
  const lines: number[] = [];
  const rest = new Set<number>();
  for (const m of mounts) {
    if (m === except) continue;
    const line = ctx.resolution.mounts[m]?.line ?? 0;
    if (lines.includes(line)) continue;
    if (lines.length < 3) lines.push(line);
    else rest.add(line);
  }
  const shown = lines.map(String);
  if (rest.size > 0) shown.push(`${rest.size} more`);
  return shown;
}
