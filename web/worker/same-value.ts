/**
 * Deep equality of structured-clone data (plain objects, arrays, primitives):
 * the worker uses it to send only what changed since the last report. Most
 * items are equal, so the equal case is the one to make fast (for…in, no
 * Object.keys arrays).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  const array = Array.isArray(a);
  if (array !== Array.isArray(b)) return false;
  if (array) {
    const x = a as readonly unknown[];
    const y = b as readonly unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameValue(x[i], y[i])) return false;
    return true;
  }
  const x = a as Readonly<Record<string, unknown>>;
  const y = b as Readonly<Record<string, unknown>>;
  let keys = 0;
  for (const k in x) {
    if (!sameValue(x[k], y[k]) || (y[k] === undefined && !(k in y))) return false;
    keys++;
  }
  for (const _ in y) keys--;
  return keys === 0;
}
