/**
 * The strconv functions BuildKit validates flags and mount options with.
 * Accepting exactly what Go accepts matters: `mode=0o755` is an error and
 * `mode=0755` is not, `ro=True` is fine and `ro=yes` is not.
 */
import { goQuote } from "../util/go-text";

/** strconv.ParseBool; null where Go returns an error. */
export function parseGoBool(s: string): boolean | null {
  switch (s) {
    case "1":
    case "t":
    case "T":
    case "true":
    case "TRUE":
    case "True":
      return true;
    case "0":
    case "f":
    case "F":
    case "false":
    case "FALSE":
    case "False":
      return false;
    default:
      return null;
  }
}

export type NumResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: string };

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return lower - 0x61 + 10;
  return 99;
}

/**
 * strconv.ParseUint(s, base, bitSize) for an explicit base (no prefix, no
 * underscores, no sign). The error is NumError's text; digits are read left to
 * right, so whichever of "invalid syntax" / "value out of range" comes first wins.
 */
export function parseGoUint(s: string, base: 8 | 10, bitSize: 32): NumResult {
  const fail = (why: string): NumResult => ({
    ok: false,
    error: `strconv.ParseUint: parsing ${goQuote(s)}: ${why}`,
  });
  if (s.length === 0) return fail("invalid syntax");
  const max = 2 ** bitSize - 1;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = digitValue(s.charCodeAt(i));
    if (d >= base) return fail("invalid syntax");
    n = n * base + d;
    if (n > max) return fail("value out of range");
  }
  return { ok: true, value: n };
}

/** strconv.ParseInt(s, 10, 32) (HEALTHCHECK --retries). */
export function parseGoInt32(s: string): NumResult {
  const fail = (why: string): NumResult => ({
    ok: false,
    error: `strconv.ParseInt: parsing ${goQuote(s)}: ${why}`,
  });
  if (s.length === 0) return fail("invalid syntax");
  let body = s;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    body = s.slice(1);
  }
  let n = 0;
  let overflow = false;
  if (body.length === 0) return fail("invalid syntax");
  for (let i = 0; i < body.length; i++) {
    const d = digitValue(body.charCodeAt(i));
    if (d >= 10) return fail("invalid syntax");
    n = n * 10 + d;
    if (n > 2 ** 32 - 1) {
      overflow = true;
      break;
    }
  }
  const cutoff = 2 ** 31;
  if (overflow || (!neg && n >= cutoff) || (neg && n > cutoff)) return fail("value out of range");
  return { ok: true, value: neg ? -n : n };
}

/**
 * Whether strconv.ParseFloat(s, 64) accepts `s` (decimal or hex float, inf/nan,
 * underscores between digits as Go literals allow), and its value.
 */
export function parseGoFloat(s: string): number | null {
  const body = s.replace(/^[+-]/, "");
  const neg = s.startsWith("-");
  const lower = body.toLowerCase();
  if (lower === "inf" || lower === "infinity") return neg ? -Infinity : Infinity;
  if (lower === "nan") return NaN;
  if (!underscoreOk(s)) return null;
  const clean = body.replace(/_/g, "");
  if (/^0x/i.test(clean)) {
    const m = /^0x([0-9a-f]*)(?:\.([0-9a-f]*))?p([+-]?\d+)$/i.exec(clean);
    if (m === null) return null;
    const int = m[1] ?? "";
    const frac = m[2] ?? "";
    if (int === "" && frac === "") return null;
    let mant = 0;
    for (const c of int + frac) mant = mant * 16 + parseInt(c, 16);
    const v = mant * 2 ** (Number(m[3]) - 4 * frac.length);
    return neg ? -v : v;
  }
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(clean)) return null;
  const v = Number(clean);
  return neg ? -v : v;
}

/** strconv's underscoreOK: `_` only between digits (or after a base prefix). */
function underscoreOk(s0: string): boolean {
  let s = s0;
  if (s.startsWith("+") || s.startsWith("-")) s = s.slice(1);
  let saw = "^";
  let i = 0;
  let hexDigits = false;
  if (s.length >= 2 && s[0] === "0" && /[box]/i.test(s[1] ?? "")) {
    i = 2;
    saw = "0";
    hexDigits = (s[1] ?? "").toLowerCase() === "x";
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? "";
    if ((c >= "0" && c <= "9") || (hexDigits && /[a-f]/i.test(c))) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}
