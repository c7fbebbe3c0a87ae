/**
 * Shell glob patterns of `${V#p}`, `${V%p}`, `${V/p/r}`, compiled the way
 * df/shell/lex.go convertShellPatternToRegex does, but to a token list for
 * our own matcher (glob-match.ts) instead of a Go regexp: `*` → `.*` (or
 * `.*?`), `?` → `.`, `\*` `\?` `\\` → literals, `\}` `\/` → `}` `/`,
 * every other character literal. No bracket expressions.
 */

/** Token values: a code point ≥ 0 is a literal. */
export const ANY = -1;
export const STAR = -2;

export interface GlobProgram {
  readonly tokens: Int32Array;
  /** `.*` (longest) rather than `.*?` (shortest) for every star. */
  readonly greedy: boolean;
  /** Match only at the start of the text (`^`). */
  readonly anchored: boolean;
}

export type CompiledGlob =
  { readonly ok: true; readonly program: GlobProgram } | { readonly ok: false; readonly error: string };

const BACKSLASH = 0x5c;
const BOM = 0xfeff;

/** Splits a string into code points (the unit Go's scanner and regexp work in). */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length;) {
    const cp = s.codePointAt(i) ?? 0;
    out.push(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  return out;
}

export function compileGlob(pattern: readonly number[], greedy: boolean, anchored: boolean): CompiledGlob {
  const tokens: number[] = [];
  // text/scanner skips a byte-order mark at the very start of its input.
  let i = pattern[0] === BOM ? 1 : 0;
  while (i < pattern.length) {
    const tok = pattern[i++] ?? 0;
    if (tok === 0x2a) {
      // `**` matches exactly what `*` matches, with the same leftmost-first
      // preference (greedy: longest, lazy: shortest), so runs collapse.
      if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
      continue;
    }
    if (tok === 0x3f) {
      tokens.push(ANY);
      continue;
    }
    if (tok === BACKSLASH) {
      const peek = pattern[i];
      // `\}` and `\/` only protect the ${} separators: drop the backslash.
      if (peek === 0x7d || peek === 0x2f) continue;
      const escaped = i < pattern.length ? (pattern[i++] ?? 0) : -1;
      if (escaped !== 0x2a && escaped !== 0x3f && escaped !== BACKSLASH) {
        // Go prints the EOF rune with %c as U+FFFD.
        const shown = escaped < 0 ? "\uFFFD" : String.fromCodePoint(escaped);
        return { ok: false, error: `invalid escape '\\${shown}'` };
      }
      tokens.push(escaped);
      continue;
    }
    tokens.push(tok);
  }
  return { ok: true, program: { tokens: Int32Array.from(tokens), greedy, anchored } };
}

/**
 * lex.go reversePattern: reverses a pattern but keeps each `\x` pair in
 * order, so a suffix search can run as a prefix search on reversed text.
 * A trailing lone `\` moves to the front, exactly as in Go.
 */
export function reversePattern(pattern: readonly number[]): number[] {
  const last = pattern.length - 1;
  const out = new Array<number>(pattern.length);
  for (let i = 0; i <= last;) {
    const tok = pattern[i] ?? 0;
    const outIdx = last - i;
    if (tok === BACKSLASH && i !== last) {
      out[outIdx - 1] = tok;
      out[outIdx] = pattern[i + 1] ?? 0;
      i += 2;
    } else {
      out[outIdx] = tok;
      i++;
    }
  }
  return out;
}
