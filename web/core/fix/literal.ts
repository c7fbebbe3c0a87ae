/**
 * Text the fixer writes into a `--mount` value passes three BuildKit layers
 * before it becomes an id: the flag-word splitter removes quotes and escape
 * tokens (df/parser/split_command.go), the CSV reader splits on `,` and
 * rejects stray `"` (tonistiigi/go-csvvalue), and the shell lexer expands `$`
 * and removes quotes again (df/shell/lex.go). Characters that none of them
 * treats specially pass unchanged, wherever the insertion point is (inside a
 * quoted flag word or not, in a `\` or a backtick file). The fixer only ever
 * writes such characters plus `${NAME}` references, which also pass all three.
 */

const SAFE = /^[A-Za-z0-9_./:@+%=~-]*$/;
const UNSAFE_CHAR = /[^A-Za-z0-9_./:@+%=~-]/g;

/** True when `s` reaches BuildKit's id unchanged from any position of a flag word. */
export function isInertLiteral(s: string): boolean {
  return SAFE.test(s);
}

/**
 * A literal that reaches BuildKit unchanged: inert characters are kept, any
 * other one (space, quote, `$`, `,`, escape tokens…) becomes `_`. Only used for
 * the old default id kept in a new id, where readability matters, not identity.
 */
export function inertLiteral(s: string): string {
  return s.replace(UNSAFE_CHAR, "_");
}

const NONE: readonly string[] = [];

// Plain references are `$NAME` and `${NAME}` (NAME: a letter or `_`, then letters, digits, `_`),
// found by a scan rather than a global regex: these run for every planned fix and predicted id,
// and a regex iterator costs a match array per reference.

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 48 && c <= 57);
}

/** End of the plain reference at `at` (where `s` has a `$`), or -1 when none starts there. */
function refEnd(s: string, at: number): number {
  const braced = s.charCodeAt(at + 1) === 123; // {
  let i = braced ? at + 2 : at + 1;
  if (!isNameStart(s.charCodeAt(i))) return -1;
  i++;
  while (isNameChar(s.charCodeAt(i))) i++;
  if (!braced) return i;
  return s.charCodeAt(i) === 125 ? i + 1 : -1; // }
}

/** The name in the reference `s.slice(at, end)`. */
function refName(s: string, at: number, end: number): string {
  return s.charCodeAt(at + 1) === 123 ? s.slice(at + 2, end - 1) : s.slice(at + 1, end);
}

/**
 * True when `s` is inert literals plus plain `$NAME` / `${NAME}` references:
 * it can be copied from one flag word to another with the same meaning.
 */
export function isInertTemplate(s: string): boolean {
  return templateParts(s) !== null;
}

/**
 * An inert template split at its references: literals at even indexes, names
 * at odd ones; null when `s` is not an inert template. Callers that expand
 * one text on many cells split it once (rules/predict.ts): no cache here, the
 * core keeps nothing from one analysis to the next.
 */
export function templateParts(s: string): readonly string[] | null {
  const parts: string[] = [];
  let last = 0;
  for (let at = s.indexOf("$"); at >= 0; at = s.indexOf("$", last)) {
    const end = refEnd(s, at);
    // A `$` that starts no plain reference is not inert.
    if (end < 0) return null;
    const literal = s.slice(last, at);
    if (!isInertLiteral(literal)) return null;
    parts.push(literal, refName(s, at, end));
    last = end;
  }
  const tail = last === 0 ? s : s.slice(last);
  if (!isInertLiteral(tail)) return null;
  parts.push(tail);
  return parts;
}

/** Names referenced by plain `$NAME` / `${NAME}` in `s`, in order, without repeats. */
export function referencedNames(s: string): readonly string[] {
  let names: string[] | null = null;
  for (let at = s.indexOf("$"); at >= 0;) {
    const end = refEnd(s, at);
    if (end < 0) {
      at = s.indexOf("$", at + 1);
      continue;
    }
    const name = refName(s, at, end);
    if (names === null) names = [name];
    else if (!names.includes(name)) names.push(name);
    at = s.indexOf("$", end);
  }
  return names ?? NONE;
}
