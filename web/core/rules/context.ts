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
  const shared = new Map<string, CatalogueMatch | null>();
  // Mount → target → match.
  const memo: (Map<string, CatalogueMatch | null> | undefined)[] = [];

  const catalogue = (ref: CellRef): CatalogueMatch | null => {
    const mount = resolution.mounts[ref.mount];
    const cell = mount?.cells[ref.platformIndex];
    if (mount === undefined || cell === undefined) return null;
    let byTarget = memo[ref.mount];
    if (byTarget === undefined) memo[ref.mount] = byTarget = new Map();
    const hit = byTarget.get(cell.target);
    if (hit !== undefined) return hit;
    const src = source.mounts[ref.mount] ?? null;
    let command = mount.command;
    if (src !== null) for (const h of src.run.heredocs) command += "\n" + h.content;
    const env = src === null ? undefined : scope.literalEnv(src.stage, src.run.span.start);
    // Many RUNs repeat a target and a command: unless the stage's ENV names the target's
    // directory, the answer depends on those two only.
    const shareable = env === undefined || !envMentions(env, cell.target);
    const key = `${cell.target}\u0000${command}`;
    let match = shareable ? shared.get(key) : undefined;
    if (match === undefined) {
      match = matchCacheTarget({ target: cell.target, command, env });
      if (shareable) shared.set(key, match);
    }
    byTarget.set(cell.target, match);
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

/** True when an ENV value names the target or a directory above it (catalogue evidence). */
function envMentions(env: ReadonlyMap<string, string>, target: string): boolean {
  if (env.size === 0) return false;
  for (const v of env.values()) {
    if (!v.startsWith("/") && !v.startsWith('"/') && !v.startsWith("'/")) continue;
    for (let p = target; p.length > 1; p = p.slice(0, Math.max(p.lastIndexOf("/"), 1))) if (v.includes(p)) return true;
  }
  return false;
}
