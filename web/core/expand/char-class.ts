/**
 * Go's unicode.IsLetter / unicode.IsDigit / strconv.IsPrint for one code
 * point. ASCII is answered inline; everything else by regexes built once.
 */
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and U+0020. */
const PRINT = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

export function isGoLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  return LETTER.test(String.fromCodePoint(cp));
}

export function isGoDigit(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x30 && cp <= 0x39;
  return DIGIT.test(String.fromCodePoint(cp));
}

export function isGoPrint(cp: number): boolean {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7f;
  return PRINT.test(String.fromCodePoint(cp));
}

/**
 * Replaces lone UTF-16 surrogates with U+FFFD. Go strings are UTF-8 and its
 * scanner turns undecodable input into U+FFFD; doing it once up front keeps
 * every index unchanged (one unit in, one unit out).
 */
export function wellFormed(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    return replaceLoneSurrogates(s);
  }
  return s;
}

function replaceLoneSurrogates(s: string): string {
  let out = "";
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    out += s.slice(from, i) + "\uFFFD";
    from = i + 1;
  }
  return out + s.slice(from);
}
