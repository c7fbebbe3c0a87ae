/**
 * Expansion against the global scope (FROM base names and --platform, global
 * ARG defaults), remembered across platforms: a word gives the same result
 * whenever the variables it looked up have the same values, which is most
 * words on most platforms.
 */
import type { ExpandResult } from "../expand/index";
import { expandWord } from "../expand/index";
import type { EnvList } from "./env-list";

interface Remembered {
  readonly result: ExpandResult;
  /** Each looked-up name with the value it had (undefined when unset). */
  readonly inputs: readonly (readonly [string, string | undefined])[];
}

export type GlobalExpansions = Map<string, Remembered[]>;

export function expandGlobal(cache: GlobalExpansions, word: string, env: EnvList, escape: "\\" | "`"): ExpandResult {
  let seen = cache.get(word);
  if (seen !== undefined) {
    for (const r of seen) if (r.inputs.every(([k, v]) => env.get(k) === v)) return r.result;
  } else {
    cache.set(word, (seen = []));
  }
  const result = expandWord(word, env.map, escape);
  const inputs: [string, string | undefined][] = [];
  for (const u of result.uses) if (!inputs.some(([k]) => k === u.name)) inputs.push([u.name, env.get(u.name)]);
  seen.push({ result, inputs });
  return result;
}
