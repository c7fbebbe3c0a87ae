/**
 * The pattern operators of df/shell/lex.go: `${V#p}` `${V##p}` (trimPrefix),
 * `${V%p}` `${V%%p}` (trimSuffix), `${V/p/r}` `${V//p/r}` (regexp Find /
 * ReplaceAllString with a greedy, unanchored pattern).
 */
import { isGoDigit, isGoLetter } from "./char-class";
import { findGlob } from "./glob-match";
import { codePoints, compileGlob, reversePattern } from "./glob-pattern";

/**
 * Our only deviation from BuildKit: nested `${V//p/${V//p/…}}` grows
 * exponentially; Go would run out of memory, we stop with a clear error
 * before the engine's string limit throws.
 */
export const MAX_REPLACED_LENGTH = 1 << 24;

export type Substituted =
  { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

/** UTF-16 offset of every code point of `s`, plus `s.length` at the end. */
function offsetsOf(s: string, cps: readonly number[]): number[] {
  const offs = new Array<number>(cps.length + 1);
  let o = 0;
  for (let i = 0; i < cps.length; i++) {
    offs[i] = o;
    o += (cps[i] ?? 0) > 0xffff ? 2 : 1;
  }
  offs[cps.length] = s.length;
  return offs;
}

function invalidPattern(pattern: string, error: string): Substituted {
  return { ok: false, error: `invalid pattern (${pattern}) in substitution: ${error}` };
}

/** Code points to a string, without spreading a possibly huge array into one call. */
function fromCodePoints(cps: readonly number[]): string {
  let out = "";
  for (let i = 0; i < cps.length; i += 4096) out += String.fromCodePoint(...cps.slice(i, i + 4096));
  return out;
}

/** Code points an anchored match removes from the front of `value`. */
function prefixMatchEnd(
  pattern: readonly number[],
  value: readonly number[],
  greedy: boolean,
): { ok: true; end: number } | { ok: false; error: string } {
  const compiled = compileGlob(pattern, greedy, true);
  if (!compiled.ok) return compiled;
  const found = findGlob(compiled.program, value, 0);
  return { ok: true, end: found === null ? 0 : found[1] };
}

/** `${V#p}` / `${V##p}`: drop the shortest / longest matching prefix. */
export function trimPrefix(pattern: string, value: string, greedy: boolean): Substituted {
  const cps = codePoints(value);
  const r = prefixMatchEnd(codePoints(pattern), cps, greedy);
  if (!r.ok) return invalidPattern(pattern, r.error);
  return { ok: true, value: value.slice(offsetsOf(value, cps)[r.end] ?? value.length) };
}

/**
 * `${V%p}` / `${V%%p}`: as lex.go trimSuffix, by reversing both the pattern
 * (escape pairs kept in order) and the value, so an invalid pattern is
 * reported in its reversed form, exactly as BuildKit does.
 */
export function trimSuffix(pattern: string, value: string, greedy: boolean): Substituted {
  const reversed = reversePattern(codePoints(pattern));
  const cps = codePoints(value);
  const r = prefixMatchEnd(reversed, cps.slice().reverse(), greedy);
  if (!r.ok) return invalidPattern(fromCodePoints(reversed), r.error);
  // Removing r.end code points from the reversed value's front removes them
  // from the original's end.
  return { ok: true, value: value.slice(0, offsetsOf(value, cps)[cps.length - r.end] ?? 0) };
}

/** `${V/p/r}`: replace the first match, inserting `r` literally. */
export function replaceFirst(pattern: string, value: string, replacement: string): Substituted {
  const compiled = compileGlob(codePoints(pattern), true, false);
  if (!compiled.ok) return invalidPattern(pattern, compiled.error);
  const cps = codePoints(value);
  const found = findGlob(compiled.program, cps, 0);
  if (found === null) return { ok: true, value };
  const offs = offsetsOf(value, cps);
  return { ok: true, value: value.slice(0, offs[found[0]]) + replacement + value.slice(offs[found[1]]) };
}

/**
 * `${V//p/r}`: Go's Regexp.ReplaceAllString. Successive non-overlapping
 * matches; an empty match right after a previous match is skipped; `r` is a
 * regexp template (`$0`/`${0}` = the match, `$$` = `$`, other `$name` = "").
 */
export function replaceAll(pattern: string, value: string, replacement: string): Substituted {
  const compiled = compileGlob(codePoints(pattern), true, false);
  if (!compiled.ok) return invalidPattern(pattern, compiled.error);
  const cps = codePoints(value);
  const offs = offsetsOf(value, cps);
  const template = parseTemplate(replacement);
  let out = "";
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= cps.length) {
    const found = findGlob(compiled.program, cps, searchPos);
    if (found === null) break;
    const [a, b] = found;
    out += value.slice(offs[lastMatchEnd], offs[a]);
    if (b > lastMatchEnd || a === 0) out += expandTemplate(template, value.slice(offs[a], offs[b]));
    if (out.length > MAX_REPLACED_LENGTH) return { ok: false, error: "expansion result too large" };
    lastMatchEnd = b;
    // Always advance at least one character (regexp.go replaceAll).
    searchPos = searchPos + 1 > b ? searchPos + 1 : b;
  }
  return { ok: true, value: out + value.slice(offs[lastMatchEnd]) };
}

/** A replacement template: literal text pieces, and `null` for "the whole match". */
type Template = readonly (string | null)[];

/** Go regexp.expand over a regexp without capture groups. */
function parseTemplate(template: string): Template {
  if (!template.includes("$")) return [template];
  const pieces: (string | null)[] = [];
  let rest = template;
  for (;;) {
    const i = rest.indexOf("$");
    if (i < 0) break;
    pieces.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
    if (rest.startsWith("$")) {
      pieces.push("$");
      rest = rest.slice(1);
      continue;
    }
    const ref = extractGroupRef(rest);
    if (ref === null) {
      // Malformed: the `$` stays literal.
      pieces.push("$");
      continue;
    }
    rest = ref.rest;
    // Only group 0 exists; any other number or name expands to "".
    if (ref.num === 0) pieces.push(null);
  }
  pieces.push(rest);
  return pieces;
}

function expandTemplate(template: Template, match: string): string {
  if (template.length === 1 && template[0] !== null) return template[0] ?? "";
  let out = "";
  for (const piece of template) out += piece ?? match;
  return out;
}

/** Go regexp extract: a leading `name` or `{name}`; num is its group number or -1. */
function extractGroupRef(str: string): { num: number; rest: string } | null {
  if (str === "") return null;
  let s = str;
  const brace = s.charCodeAt(0) === 0x7b;
  if (brace) s = s.slice(1);
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i) ?? 0;
    if (!isGoLetter(cp) && !isGoDigit(cp) && cp !== 0x5f) break;
    i += cp > 0xffff ? 2 : 1;
  }
  if (i === 0) return null;
  const name = s.slice(0, i);
  if (brace) {
    if (i >= s.length || s.charCodeAt(i) !== 0x7d) return null;
    i++;
  }
  let num = 0;
  for (let k = 0; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c < 0x30 || c > 0x39 || num >= 1e8) {
      num = -1;
      break;
    }
    num = num * 10 + (c - 0x30);
  }
  if (name.charCodeAt(0) === 0x30 && name.length > 1) num = -1;
  return { num, rest: s.slice(i) };
}
