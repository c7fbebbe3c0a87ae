/**
 * Mirrors expand's fast path: without `$`, quotes, the escape token, a BOM or
 * a surrogate, a word expands to itself whatever the environment.
 */
export function isPlainWord(word: string, escape: "\\" | "`"): boolean {
  const esc = escape.charCodeAt(0);
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === 36 || c === 39 || c === 34 || c === esc || c === 0xfeff || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}
