/**
 * Go string semantics BuildKit's messages and comparisons depend on:
 * unicode.IsSpace, strings.ToLower/ToUpper (simple, per-rune case mapping),
 * strings.EqualFold and strconv.Quote (what `%q` prints).
 */

/** unicode.IsSpace: Latin-1 spaces plus the White_Space code points (all in the BMP). */
export function isGoSpace(c: number): boolean {
  if (c < 0x80) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The separators of BuildKit's `reWhitespace` (`[\t\v\f\r ]+`, ASCII only). */
export function isReWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * strings.ToLower: Go maps each rune on its own (unicode.ToLower), so İ → i
 * and Σ → σ whatever surrounds it; JS's toLowerCase applies SpecialCasing.
 */
export function goToLower(s: string): string {
  if (!NON_ASCII.test(s)) return s.toLowerCase();
  let out = "";
  for (const ch of s) {
    if (ch === "\u0130") {
      out += "i";
      continue;
    }
    const lower = ch.toLowerCase();
    out += [...lower].length === 1 ? lower : ch;
  }
  return out;
}

/** strings.ToUpper with Go's simple mapping (ß stays ß, never "SS"). */
export function goToUpper(s: string): string {
  if (!NON_ASCII.test(s)) return s.toUpperCase();
  let out = "";
  for (const ch of s) {
    const upper = ch.toUpperCase();
    out += [...upper].length === 1 ? upper : ch;
  }
  return out;
}

/**
 * strings.EqualFold(word, "as"): simple case folding, so the long s (ſ, U+017F)
 * folds to s and `FROM x Aſ y` names a stage in BuildKit.
 */
export function equalFoldAs(word: string): boolean {
  if (word.length !== 2) return false;
  const a = word.charCodeAt(0);
  const s = word.charCodeAt(1);
  return (a === 0x61 || a === 0x41) && (s === 0x73 || s === 0x53 || s === 0x17f);
}

/** Byte length of `s` in UTF-8 (lone surrogates count as 3 bytes, as U+FFFD would). */
export function utf8Length(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0");
}

/** strconv.Quote, i.e. what Go's `%q` (and `%#v` on a string) prints. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") {
      out += "\\" + ch;
      continue;
    }
    if (r === 0x20 || (r > 0x20 && r < 0x7f) || (r >= 0xa0 && PRINTABLE.test(ch))) {
      out += ch;
      continue;
    }
    switch (r) {
      case 0x07:
        out += "\\a";
        break;
      case 0x08:
        out += "\\b";
        break;
      case 0x0c:
        out += "\\f";
        break;
      case 0x0a:
        out += "\\n";
        break;
      case 0x0d:
        out += "\\r";
        break;
      case 0x09:
        out += "\\t";
        break;
      case 0x0b:
        out += "\\v";
        break;
      default:
        if (r < 0x20 || r === 0x7f) out += "\\x" + hex(r, 2);
        else if (r >= 0xd800 && r <= 0xdfff)
          out += "\ufffd"; // Go sees U+FFFD, which prints as is
        else if (r < 0x10000) out += "\\u" + hex(r, 4);
        else out += "\\U" + hex(r, 8);
    }
  }
  return out + '"';
}

/** UTF-8 bytes of `s` (lone surrogates encode as U+FFFD, as a Go string would hold them). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out.push(c);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    }
    if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}
