/**
 * Builds the context every rule reads, once per analysis: line index, the
 * located source of each mount, stage scopes, memoised catalogue matches and
 * the collision groups.
 */
import { matchCacheTarget } from "../catalogue/index";
import { buildSourceModel } from "../fix/source-model";
import type { CatalogueMatch } from "../report/types";
import { computeCollisions } from "./collisions";
import { buildScope } from "./scope";
import type { CellRef, RuleContext, RuleInput } from "./types";

export function buildContext(input: RuleInput): RuleContext {
  const { text, parsed, resolution, options } = input;
  const source = buildSourceModel(text, parsed, resolution.mounts);
  const scope = buildScope(source, options.buildArgs ?? {});
  const memo = new Map<string, CatalogueMatch | null>();

  const catalogue = (ref: CellRef): CatalogueMatch | null => {
    const mount = resolution.mounts[ref.mount];
    const cell = mount?.cells[ref.platformIndex];
    if (mount === undefined || cell === undefined) return null;
    const key = `${ref.mount}\u0000${cell.target}`;
    const hit = memo.get(key);
    if (hit !== undefined) return hit;
    const src = source.mounts[ref.mount] ?? null;
    let command = mount.command;
    if (src !== null) for (const h of src.run.heredocs) command += "\n" + h.content;
    const env = src === null ? undefined : scope.literalEnv(src.stage, src.run.span.start);
    const match = matchCacheTarget({ target: cell.target, command, env });
    memo.set(key, match);
    return match;
  };

  const platformName = (i: number): string => {
    const p = resolution.platforms[i];
    return p === undefined ? `platform ${i + 1}` : (p.normalized ?? p.requested);
  };

  return {
    ...input,
    lines: source.lines,
    source,
    scope,
    collisions: computeCollisions(resolution, catalogue),
    catalogue,
    platformName,
  };
}
