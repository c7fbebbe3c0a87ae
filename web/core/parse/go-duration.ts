/**
 * time.ParseDuration, for HEALTHCHECK's interval flags (df/instructions/parse.go
 * parseOptInterval). Values are nanoseconds as bigint: Go's limits are 2^63.
 */

import { utf8Bytes } from "../util/go-text";

const UNITS: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1000n],
  ["\u00b5s", 1000n],
  ["\u03bcs", 1000n],
  ["ms", 1000000n],
  ["s", 1000000000n],
  ["m", 60n * 1000000000n],
  ["h", 3600n * 1000000000n],
]);

const LIMIT = 1n << 63n;

/** time's private quote(): only `"` and `\` escaped, non-ASCII and controls as \x bytes. */
function timeQuote(s: string): string {
  let out = '"';
  const bytes = utf8Bytes(s);
  for (const b of bytes) {
    if (b >= 0x80 || b < 0x20) out += "\\x" + b.toString(16).padStart(2, "0");
    else {
      if (b === 0x22 || b === 0x5c) out += "\\";
      out += String.fromCharCode(b);
    }
  }
  return out + '"';
}

export type DurationResult =
  { readonly ok: true; readonly ns: bigint } | { readonly ok: false; readonly error: string };

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";

export function parseGoDuration(orig: string): DurationResult {
  const invalid: DurationResult = { ok: false, error: "time: invalid duration " + timeQuote(orig) };
  let s = orig;
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return { ok: true, ns: 0n };
  if (s === "") return invalid;
  let d = 0n;
  while (s !== "") {
    if (!(s[0] === "." || isDigit(s[0]))) return invalid;
    // leadingInt
    let i = 0;
    let v = 0n;
    while (isDigit(s[i])) {
      if (v > LIMIT / 10n) return invalid;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > LIMIT) return invalid;
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    let post = false;
    let f = 0n;
    let scale = 1;
    if (s[0] === ".") {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (isDigit(s[j])) {
        if (!overflow) {
          if (f > (LIMIT - 1n) / 10n) overflow = true;
          else {
            const y = f * 10n + BigInt(s.charCodeAt(j) - 48);
            if (y > LIMIT) overflow = true;
            else {
              f = y;
              scale *= 10;
            }
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid;
    let u = 0;
    while (u < s.length && !(s[u] === "." || isDigit(s[u]))) u++;
    if (u === 0) return { ok: false, error: "time: missing unit in duration " + timeQuote(orig) };
    const unitName = s.slice(0, u);
    s = s.slice(u);
    const unit = UNITS.get(unitName);
    if (unit === undefined) {
      return { ok: false, error: "time: unknown unit " + timeQuote(unitName) + " in duration " + timeQuote(orig) };
    }
    if (v > LIMIT / unit) return invalid;
    v *= unit;
    if (f > 0n) {
      v += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
      if (v > LIMIT) return invalid;
    }
    d += v;
    if (d > LIMIT) return invalid;
  }
  if (neg) return { ok: true, ns: -d };
  if (d > LIMIT - 1n) return invalid;
  return { ok: true, ns: d };
}
