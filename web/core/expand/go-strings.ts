import { isGoPrint } from "./char-class";

const HEX = "0123456789abcdef";

function hex(cp: number, digits: number): string {
  let out = "";
  for (let shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += HEX[(cp >> shift) & 0xf];
  return out;
}

/**
 * Go's `%q` for a string (strconv.Quote): BuildKit, containerd and
 * distribution quote user input this way in their error messages.
 * Lone surrogates are quoted as U+FFFD (a Go string cannot hold them).
 */
export function goQuote(s: string): string {
  let out = '"';
  let runStart = 0;
  for (let i = 0; i < s.length;) {
    const c = s.charCodeAt(i);
    // Fast path: printable ASCII other than `"` and `\` is copied as a run.
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
      i++;
      continue;
    }
    out += s.slice(runStart, i);
    let cp = s.codePointAt(i) ?? c;
    const width = cp > 0xffff ? 2 : 1;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    out += escapeRune(cp);
    i += width;
    runStart = i;
  }
  return out + s.slice(runStart) + '"';
}

function escapeRune(cp: number): string {
  if (cp === 0x22 || cp === 0x5c) return "\\" + String.fromCharCode(cp);
  if (isGoPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x0b:
      return "\\v";
  }
  if (cp < 0x20 || cp === 0x7f) return "\\x" + hex(cp, 2);
  if (cp < 0x10000) return "\\u" + hex(cp, 4);
  return "\\U" + hex(cp, 8);
}

const DOTTED_CAPITAL_I = /\u0130/g;

/**
 * Go's strings.ToLower where it differs from JS toLowerCase in a way that
 * can change a result: U+0130 (İ) lowers to plain `i` in Go.
 */
export function goToLower(s: string): string {
  return s.includes("\u0130") ? s.replace(DOTTED_CAPITAL_I, "i").toLowerCase() : s.toLowerCase();
}
