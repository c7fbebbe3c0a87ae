/**
 * Cells that share a key only because `${TARGETARCH}` has no variant:
 * linux/arm/v6 and linux/arm/v7 are both `arm`. Shared by
 * platform-variant-collision (which reports them) and
 * cross-platform-cache-collision (which leaves them to it).
 */
import type { Collision, MountCell } from "../report/types";
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

interface Archs {
  /** By platform index: `os/arch`. */
  readonly of: readonly string[];
  /** By platform index: another requested platform has the same `os/arch` (only those cells can clash). */
  readonly shared: readonly boolean[];
}

/** Per analysis: every cell asks for its platform's architecture. */
const archMemo = new WeakMap<RuleContext, Archs>();

function archs(ctx: RuleContext): Archs {
  let memo = archMemo.get(ctx);
  if (memo === undefined) {
    const of = ctx.resolution.platforms.map((_, i) => osArch(ctx, i));
    memo = { of, shared: of.map((a, i) => of.some((b, j) => j !== i && b === a)) };
    archMemo.set(ctx, memo);
  }
  return memo;
}

function osArch(ctx: RuleContext, platformIndex: number): string {
  const p = splitPlatform(ctx.platformName(platformIndex));
  return `${p.os}/${p.arch}`;
}

function archOf(ctx: RuleContext, platformIndex: number): string {
  return archs(ctx).of[platformIndex] ?? osArch(ctx, platformIndex);
}

const NONE: readonly VariantClash[] = [];

const clashMemo = new WeakMap<RuleContext, (readonly VariantClash[] | undefined)[]>();

/** The clashes of one mount whose id uses `${TARGETARCH}` without the variant (memoised per analysis). */
export function variantClashes(ctx: RuleContext, mount: number): readonly VariantClash[] {
  let memo = clashMemo.get(ctx);
  if (memo === undefined) clashMemo.set(ctx, (memo = new Array(ctx.resolution.mounts.length)));
  let clashes = memo[mount];
  if (clashes === undefined) memo[mount] = clashes = computeClashes(ctx, mount);
  return clashes;
}

function computeClashes(ctx: RuleContext, mount: number): readonly VariantClash[] {
  if (variantSuffix(ctx, mount) !== "${TARGETVARIANT}") return NONE;
  const m = ctx.resolution.mounts[mount];
  if (!m) return NONE;
  // Built cells by (effective key, os/arch), in order of first cell: a mount has a cell per
  // platform, so a scan of the few buckets beats a key string per cell. A cell whose os/arch
  // no other platform has would be alone in its bucket: it is left out from the start.
  const { shared } = archs(ctx);
  const buckets: { key: string; arch: string; cells: CellRef[] }[] = [];
  for (const cell of m.cells) {
    if (!cell.built || shared[cell.platformIndex] === false || !archFromPlatform(ctx, cell)) continue;
    const arch = archOf(ctx, cell.platformIndex);
    const ref = { mount, platformIndex: cell.platformIndex };
    const b = buckets.find((x) => x.key === cell.effectiveKey && x.arch === arch);
    if (b === undefined) buckets.push({ key: cell.effectiveKey, arch, cells: [ref] });
    else b.cells.push(ref);
  }
  if (buckets.length === 0) return NONE;
  const out: VariantClash[] = [];
  for (const { cells } of buckets) {
    if (cells.length < 2) continue;
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

/**
 * Whether the id's `${TARGETARCH}` is the cell's own architecture (or will be,
 * once undeclared-platform-arg's fix declares it). An ENV or ARG that pins it
 * (`ENV TARGETARCH x`) merges every platform, variants or not:
 * cross-platform-cache-collision reports that, with the value it has.
 */
function archFromPlatform(ctx: RuleContext, cell: MountCell): boolean {
  const arch = splitPlatform(ctx.platformName(cell.platformIndex)).arch;
  for (const v of cell.variables)
    if (v.option === "id" && v.name === "TARGETARCH" && v.defined && v.value !== arch) return false;
  return true;
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
