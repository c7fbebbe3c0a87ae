/**
 * Word expansion remembered across stages and platforms. expandWord's result
 * depends only on the word and on the values of the names it looked up (each
 * lookup is reported in `uses`, in order), so where those names have the same
 * values the same word gives the same result: most words, on most platforms.
 * Results are shared, so callers must not mutate them.
 */
import type { EnvLookup, EscapeToken, ExpandResult } from "../expand/index";
import { expandWord } from "../expand/index";

interface Remembered {
  readonly result: ExpandResult;
  /** Each name looked up and its value then, undefined when unset (repeats kept: checking them is cheaper than removing them). */
  readonly names: readonly string[];
  readonly values: readonly (string | undefined)[];
}

/**
 * Results kept per word. A word seen with many different inputs (a value that
 * changes in every stage) stops being remembered, so a lookup stays cheap.
 */
const MAX_PER_WORD = 16;

export class ExpansionMemo {
  private readonly byWord = new Map<string, Remembered[]>();

  constructor(private readonly escape: EscapeToken) {}

  /** expandWord(word, env, escape), remembered. */
  expand(word: string, env: EnvLookup): ExpandResult {
    let seen = this.byWord.get(word);
    if (seen !== undefined) {
      for (const r of seen) if (sameInputs(r, env)) return r.result;
    } else {
      this.byWord.set(word, (seen = []));
    }
    const result = expandWord(word, env, this.escape);
    if (seen.length < MAX_PER_WORD) {
      const names: string[] = [];
      const values: (string | undefined)[] = [];
      for (const u of result.uses) {
        names.push(u.name);
        values.push(env.get(u.name));
      }
      seen.push({ result, names, values });
    }
    return result;
  }
}

function sameInputs(r: Remembered, env: EnvLookup): boolean {
  for (let i = 0; i < r.names.length; i++) if (env.get(r.names[i] as string) !== r.values[i]) return false;
  return true;
}
