/**
 * Collisions: built cells that land in one directory (equal effective key:
 * cache key plus base identity, buildkit-semantics.md §3) while executing on
 * two or more platforms. Cells that share a directory but all execute on one
 * platform (a `FROM --platform=$BUILDPLATFORM` stage built for several
 * targets) share it on purpose and are not listed.
 */
import type { CatalogueMatch, Collision, MountCell, Verdict } from "../report/types";
import type { Resolution } from "../resolve/types";
import type { CellRef } from "./types";

const RANK: Readonly<Record<Verdict, number>> = { unsafe: 0, unknown: 1, safe: 2 };

/**
 * Built cells grouped by effective key, groups in order of their first cell
 * (mount, then platform), with what several rules ask of every group. One pass
 * over the cells, once per resolution: at 10,000 lines every extra pass over
 * them is a walk over cold memory.
 */
export interface Directories {
  readonly groups: readonly (readonly CellRef[])[];
  /** Effective key → index of its group. */
  readonly byKey: ReadonlyMap<string, number>;
  /** By group: ONE_MOUNT, ONE_SHARING and ONE_EXEC bits. */
  readonly flags: readonly number[];
}

/** Every cell of the group belongs to one mount. */
export const ONE_MOUNT = 1;
/** Every cell of the group has one sharing mode. */
export const ONE_SHARING = 2;
/** Every cell of the group executes on one platform (shared on purpose, or no sharing at all). */
export const ONE_EXEC = 4;

const memo = new WeakMap<Resolution, Directories>();

export function directories(resolution: Resolution): Directories {
  let d = memo.get(resolution);
  if (d === undefined) memo.set(resolution, (d = computeDirectories(resolution)));
  return d;
}

function computeDirectories(resolution: Resolution): Directories {
  const byKey = new Map<string, number>();
  const groups: CellRef[][] = [];
  const firsts: MountCell[] = [];
  const firstMounts: number[] = [];
  const flags: number[] = [];
  for (const m of resolution.mounts) {
    for (const cell of m.cells) {
      if (!cell.built) continue;
      const ref = { mount: m.index, platformIndex: cell.platformIndex };
      const g = byKey.get(cell.effectiveKey);
      const first = g === undefined ? undefined : firsts[g];
      if (g === undefined || first === undefined) {
        byKey.set(cell.effectiveKey, groups.length);
        groups.push([ref]);
        firsts.push(cell);
        firstMounts.push(m.index);
        flags.push(ONE_MOUNT | ONE_SHARING | ONE_EXEC);
        continue;
      }
      groups[g]?.push(ref);
      let f = flags[g] ?? 0;
      if (m.index !== firstMounts[g]) f &= ~ONE_MOUNT;
      if (cell.sharing !== first.sharing) f &= ~ONE_SHARING;
      if (cell.execPlatform !== first.execPlatform) f &= ~ONE_EXEC;
      flags[g] = f;
    }
  }
  return { groups, byKey, flags };
}

export function computeCollisions(
  resolution: Resolution,
  catalogue: (mount: number, platformIndex: number) => CatalogueMatch | null,
): Collision[] {
  const out: Collision[] = [];
  const { groups, flags } = directories(resolution);
  for (let g = 0; g < groups.length; g++) {
    const cells = groups[g];
    // A group executing on one platform is no collision: most are, and need no second look.
    if (cells === undefined || ((flags[g] ?? 0) & ONE_EXEC) !== 0) continue;
    const execPlatforms: string[] = [];
    for (const c of cells) {
      const exec = resolution.mounts[c.mount]?.cells[c.platformIndex]?.execPlatform;
      if (exec !== undefined && !execPlatforms.includes(exec)) execPlatforms.push(exec);
    }
    if (execPlatforms.length < 2) continue;
    const first = cells[0];
    const firstCell = first && resolution.mounts[first.mount]?.cells[first.platformIndex];
    if (!firstCell) continue;
    // The worst verdict over the distinct targets in the group; no match counts as unknown.
    let verdict: Verdict = "safe";
    let match: CatalogueMatch | null = null;
    let matched = false;
    for (const c of cells) {
      // The catalogue memoises per mount and target, so asking for every cell is cheap.
      const m = catalogue(c.mount, c.platformIndex);
      const v: Verdict = m?.verdict ?? "unknown";
      if (!matched || RANK[v] < RANK[verdict]) {
        verdict = v;
        match = m;
        matched = true;
      }
    }
    out.push({
      effectiveKey: firstCell.effectiveKey,
      cacheKey: firstCell.cacheKey,
      execPlatforms,
      cells,
      verdict,
      catalogue: match,
    });
  }
  return out;
}
