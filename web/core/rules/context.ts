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
import type { RuleContext, RuleInput } from "./types";

export function buildContext(input: RuleInput): RuleContext {
  const { text, parsed, resolution, options } = input;
  const source = buildSourceModel(text, parsed, resolution.mounts);
  const scope = buildScope(source, options.buildArgs ?? {});
  // Target → command → match, shared by RUNs that repeat both (two levels: no key string per mount).
  const shared = new Map<string, Map<string, CatalogueMatch | null>>();
  // By mount: its first cell's target and match, then any other target's (usually there is none).
  const firstTarget: (string | undefined)[] = new Array(resolution.mounts.length);
  const firstMatch: (CatalogueMatch | null)[] = new Array(resolution.mounts.length);
  const otherTargets: (Map<string, CatalogueMatch | null> | undefined)[] = [];

  const catalogue = (index: number, platformIndex: number): CatalogueMatch | null => {
    const mount = resolution.mounts[index];
    const cell = mount?.cells[platformIndex];
    if (mount === undefined || cell === undefined) return null;
    const known = firstTarget[index];
    if (known === cell.target) return firstMatch[index] ?? null;
    const hit = otherTargets[index]?.get(cell.target);
    if (hit !== undefined) return hit;
    const src = source.mounts[index] ?? null;
    let command = mount.command;
    if (src !== null) for (const h of src.run.heredocs) command += "\n" + h.content;
    const env = src === null ? undefined : scope.literalEnv(src.stage, src.run.span.start);
    // Many RUNs repeat a target and a command: unless the stage's ENV names the target's
    // directory, the answer depends on those two only.
    const shareable = env === undefined || !envMentions(env, cell.target);
    let byCommand = shareable ? shared.get(cell.target) : undefined;
    let match = byCommand?.get(command);
    if (match === undefined) {
      match = matchCacheTarget({ target: cell.target, command, env });
      if (shareable) {
        if (byCommand === undefined) shared.set(cell.target, (byCommand = new Map()));
        byCommand.set(command, match);
      }
    }
    if (known === undefined) {
      firstTarget[index] = cell.target;
      firstMatch[index] = match;
    } else {
      let others = otherTargets[index];
      if (others === undefined) otherTargets[index] = others = new Map();
      others.set(cell.target, match);
    }
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
    // Each directory from the target up, found by its end (no slice unless a value could hold it).
    for (let end = target.length; end > 1; end = Math.max(target.lastIndexOf("/", end - 1), 1)) {
      if (v.length >= end && v.includes(end === target.length ? target : target.slice(0, end))) return true;
    }
  }
  return false;
}
