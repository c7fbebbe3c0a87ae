/**
 * The `(version+feature…)` options of an OS component (containerd/platforms
 * v1.0.0-rc.4 decodeOSOption / encodeOSOption): `%` `+` `(` `)` `/` are
 * %-encoded, decoding is Go's url.PathUnescape.
 */
import { goQuote } from "../expand/go-strings";

const ENCODE = /[%+()/]/g;
const ENCODED: Readonly<Record<string, string>> = { "%": "%25", "+": "%2B", "(": "%28", ")": "%29", "/": "%2F" };
const HEX_DIGIT = /^[0-9A-Fa-f]$/;

export function encodeOSOption(v: string): string {
  return v.replace(ENCODE, (c) => ENCODED[c] ?? c);
}

export type Decoded = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

export function decodeOSOption(v: string): Decoded {
  if (!v.includes("%")) return { ok: true, value: v };
  // url.unescape: every `%` needs two hex digits, else EscapeError of up to 3 bytes.
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== "%") continue;
    if (i + 2 >= v.length || !HEX_DIGIT.test(v[i + 1] ?? "") || !HEX_DIGIT.test(v[i + 2] ?? "")) {
      return { ok: false, error: `invalid URL escape ${goQuote(v.slice(i, i + 3))}` };
    }
    i += 2;
  }
  try {
    return { ok: true, value: decodeURIComponent(v) };
  } catch {
    // Bytes that are not UTF-8: Go keeps them raw in the string; we map each
    // byte to one code point, as the flag splitter does (buildkit-semantics §1.4).
    return { ok: true, value: v.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) };
  }
}
