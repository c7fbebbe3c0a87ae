/**
 * base64url without padding (RFC 4648 §5): the only alphabet that survives a URL
 * fragment, chat apps and Markdown untouched. Hand-rolled so it is strict (atob
 * accepts whitespace and the `+/` alphabet) and identical in Node and browsers.
 */
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Character code → 6-bit value, or -1. */
const DECODE = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

export function encodeBase64Url(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = "";
  const n = bytes.length;
  let i = 0;
  for (; i + 2 < n; i += 3) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]! + ALPHABET[v & 63]!;
    // Keep string concatenation short-lived on large inputs.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = "";
    }
  }
  const rest = n - i;
  if (rest === 1) {
    const v = (bytes[i] ?? 0) << 16;
    chunk += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]!;
  } else if (rest === 2) {
    const v = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8);
    chunk += ALPHABET[v >> 18]! + ALPHABET[(v >> 12) & 63]! + ALPHABET[(v >> 6) & 63]!;
  }
  parts.push(chunk);
  return parts.join("");
}

export type Base64Result =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly kind: "bad-character"; readonly char: string; readonly position: number }
  | { readonly ok: false; readonly kind: "bad-length" };

/** Strict decode; tolerates trailing `=` padding only (some tools add it). */
export function decodeBase64Url(text: string): Base64Result {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  // Characters first: a foreign character says more than a length that cannot be.
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || (DECODE[c] ?? -1) < 0) {
      return { ok: false, kind: "bad-character", char: String.fromCodePoint(text.codePointAt(i) ?? c), position: i };
    }
  }
  // A length of 4k+1 characters cannot come from any byte string: the link was cut.
  if (end % 4 === 1) return { ok: false, kind: "bad-length" };
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < end; i++) {
    const v = DECODE[text.charCodeAt(i)] ?? 0;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return { ok: true, bytes: out.subarray(0, o) };
}
