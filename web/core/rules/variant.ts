/**
 * Cells that share a key only because `${TARGETARCH}` has no variant:
 * linux/arm/v6 and linux/arm/v7 are both `arm`. Shared by
 * platform-variant-collision (which reports them) and
 * cross-platform-cache-collision (which leaves them to it).
 */
import type { Collision } from "../report/types";
import { splitPlatform } from "./platform-values";
import { variantSuffix } from "./collision-fix";
import type { CellRef, RuleContext } from "./types";

export interface VariantClash {
  /** The cells that share one key across variants of one architecture. */
  readonly cells: readonly CellRef[];
  /** Their target platforms. */
  readonly platforms: readonly string[];
  readonly arch: string;
  readonly id: string;
  readonly cacheKey: string;
}

function archOf(ctx: RuleContext, platformIndex: number): string {
  let memo = archMemo.get(ctx);
  if (memo === undefined) {
    memo = ctx.resolution.platforms.map((_, i) => {
      const p = splitPlatform(ctx.platformName(i));
      return `${p.os}/${p.arch}`;
    });
    archMemo.set(ctx, memo);
  }
  const arch = memo[platformIndex];
  if (arch !== undefined) return arch;
  const p = splitPlatform(ctx.platformName(platformIndex));
  return `${p.os}/${p.arch}`;
}

/** Per analysis: every cell asks for its platform's architecture. */
const archMemo = new WeakMap<RuleContext, string[]>();

const clashMemo = new WeakMap<RuleContext, Map<number, VariantClash[]>>();

/** The clashes of one mount whose id uses `${TARGETARCH}` without the variant (memoised per analysis). */
export function variantClashes(ctx: RuleContext, mount: number): VariantClash[] {
  let memo = clashMemo.get(ctx);
  if (memo === undefined) clashMemo.set(ctx, (memo = new Map()));
  let clashes = memo.get(mount);
  if (clashes === undefined) memo.set(mount, (clashes = computeClashes(ctx, mount)));
  return clashes;
}

function computeClashes(ctx: RuleContext, mount: number): VariantClash[] {
  if (variantSuffix(ctx, mount) !== "${TARGETVARIANT}") return [];
  const m = ctx.resolution.mounts[mount];
  if (!m) return [];
  const buckets = new Map<string, CellRef[]>();
  for (const cell of m.cells) {
    if (!cell.built) continue;
    const key = `${cell.effectiveKey}\u0000${archOf(ctx, cell.platformIndex)}`;
    let b = buckets.get(key);
    if (b === undefined) buckets.set(key, (b = []));
    b.push({ mount, platformIndex: cell.platformIndex });
  }
  const out: VariantClash[] = [];
  for (const cells of buckets.values()) {
    const platforms = [...new Set(cells.map((c) => ctx.platformName(c.platformIndex)))];
    if (platforms.length < 2) continue;
    const first = cells[0];
    const cell = first && m.cells[first.platformIndex];
    if (!first || !cell) continue;
    out.push({
      cells,
      platforms,
      arch: splitPlatform(ctx.platformName(first.platformIndex)).arch,
      id: cell.id,
      cacheKey: cell.cacheKey,
    });
  }
  return out;
}

/** True when every cell of the collision is in such a clash (the variant rule covers it). */
export function isVariantOnly(ctx: RuleContext, collision: Collision): boolean {
  // One architecture first: it is cheap and rules out most collisions.
  const cells = collision.cells;
  if (cells[0] === undefined) return false;
  const arch = archOf(ctx, cells[0].platformIndex);
  for (const c of cells) if (archOf(ctx, c.platformIndex) !== arch) return false;
  // Cells as numbers (mount × platforms + platform): no key strings per cell.
  const width = ctx.resolution.platforms.length;
  const covered = new Set<number>();
  let lastMount = -1;
  for (const c of cells) {
    if (c.mount === lastMount) continue;
    lastMount = c.mount;
    for (const clash of variantClashes(ctx, c.mount))
      for (const x of clash.cells) covered.add(x.mount * width + x.platformIndex);
  }
  for (const c of cells) if (!covered.has(c.mount * width + c.platformIndex)) return false;
  return true;
}
