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
const REF = /\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * True when `s` is inert literals plus plain `$NAME` / `${NAME}` references:
 * it can be copied from one flag word to another with the same meaning.
 */
export function isInertTemplate(s: string): boolean {
  return compiledTemplate(s) !== null;
}

/**
 * An inert template split at its references: literals at even indexes, names
 * at odd ones; null when `s` is not an inert template. The same few texts are
 * asked about for every cell of every prediction, so they are compiled once.
 */
function compiledTemplate(s: string): readonly string[] | null {
  const hit = templateMemo.get(s);
  if (hit !== undefined) return hit;
  if (templateMemo.size > 1024) templateMemo.clear();
  let parts: string[] | null = null;
  if (isInertLiteral(s.replace(REF, ""))) {
    parts = [];
    let last = 0;
    for (const m of s.matchAll(REF)) {
      const at = m.index;
      parts.push(s.slice(last, at), m[0].startsWith("${") ? m[0].slice(2, -1) : m[0].slice(1));
      last = at + m[0].length;
    }
    parts.push(s.slice(last));
  }
  templateMemo.set(s, parts);
  return parts;
}

const templateMemo = new Map<string, readonly string[] | null>();

/** Names referenced by plain `$NAME` / `${NAME}` in `s`, in order, without repeats. */
export function referencedNames(s: string): readonly string[] {
  if (s.indexOf("$") < 0) return NONE;
  const hit = namesMemo.get(s);
  if (hit !== undefined) return hit;
  // A handful of distinct texts (prefixes, ids) are asked about for every cell.
  if (namesMemo.size > 512) namesMemo.clear();
  const names = scanNames(s);
  namesMemo.set(s, names);
  return names;
}

const namesMemo = new Map<string, readonly string[]>();

function scanNames(s: string): readonly string[] {
  const names: string[] = [];
  for (const m of s.matchAll(REF)) {
    const name = m[0].startsWith("${") ? m[0].slice(2, -1) : m[0].slice(1);
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * Expands an inert template (isInertTemplate) as BuildKit's lexer would: each
 * `$NAME` / `${NAME}` becomes its value, or "" when unset; nothing else
 * changes. Null when `s` is not an inert template (use the full expander).
 */
export function expandInertTemplate(s: string, env: ReadonlyMap<string, string>): string | null {
  const parts = compiledTemplate(s);
  if (parts === null) return null;
  if (parts.length === 1) return s;
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) out += (env.get(parts[i] ?? "") ?? "") + (parts[i + 1] ?? "");
  return out;
}
