/**
 * Collisions: built cells that land in one directory (equal effective key:
 * cache key plus base identity, buildkit-semantics.md §3) while executing on
 * two or more platforms. Cells that share a directory but all execute on one
 * platform (a `FROM --platform=$BUILDPLATFORM` stage built for several
 * targets) share it on purpose and are not listed.
 */
import type { CatalogueMatch, Collision, Verdict } from "../report/types";
import type { Resolution } from "../resolve/types";
import type { CellRef } from "./types";

const RANK: Readonly<Record<Verdict, number>> = { unsafe: 0, unknown: 1, safe: 2 };

const groupsMemo = new WeakMap<Resolution, CellRef[][]>();

/**
 * Built cells grouped by effective key, groups in order of their first cell
 * (mount, then platform). Several rules ask: computed once per resolution.
 */
export function groupByDirectory(resolution: Resolution): readonly (readonly CellRef[])[] {
  let memo = groupsMemo.get(resolution);
  if (memo === undefined) groupsMemo.set(resolution, (memo = computeGroups(resolution)));
  return memo;
}

function computeGroups(resolution: Resolution): CellRef[][] {
  const groups = new Map<string, CellRef[]>();
  for (const m of resolution.mounts) {
    for (const cell of m.cells) {
      if (!cell.built) continue;
      let g = groups.get(cell.effectiveKey);
      if (g === undefined) groups.set(cell.effectiveKey, (g = []));
      g.push({ mount: m.index, platformIndex: cell.platformIndex });
    }
  }
  return [...groups.values()];
}

export function computeCollisions(
  resolution: Resolution,
  catalogue: (cell: CellRef) => CatalogueMatch | null,
): Collision[] {
  const out: Collision[] = [];
  for (const cells of groupByDirectory(resolution)) {
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
      const m = catalogue(c);
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
