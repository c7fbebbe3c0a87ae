/**
 * BuildKit's "did you mean" hints (util/suggest/error.go): the first candidate
 * whose Levenshtein distance is below 3 and below every earlier one; an exact
 * match means the error is unrelated to the value, so no hint.
 */
export function suggest(value: string, candidates: readonly string[], caseSensitive: boolean): string | null {
  const v = caseSensitive ? value : value.toLowerCase();
  let match = "";
  let minDistance = 3;
  const rows = newRows(v.length);
  for (const candidate of candidates) {
    // A distance is at least the difference in length, so such a candidate cannot be closer; an exact
    // match (which ends the search) has the same length. With thousands of ARGs and undefined
    // variables, computing every distance in full took seconds to minutes.
    if (Math.abs(candidate.length - v.length) >= minDistance) continue;
    const c = caseSensitive ? candidate : candidate.toLowerCase();
    if (v === c) return null;
    const d = levenshteinBelow(c, v, minDistance, rows);
    if (d < minDistance) {
      match = caseSensitive ? c : matchCase(c, value);
      minDistance = d;
    }
  }
  return match === "" ? null : match;
}

/** Appends ` (did you mean X?)` the way suggest.WrapError does. */
export function withSuggestion(
  message: string,
  value: string,
  candidates: readonly string[],
  caseSensitive: boolean,
): string {
  const s = suggest(value, candidates, caseSensitive);
  return s === null ? message : `${message} (did you mean ${s}?)`;
}

function matchCase(candidate: string, original: string): string {
  if (original === original.toLowerCase()) return candidate.toLowerCase();
  if (original === original.toUpperCase()) return candidate.toUpperCase();
  return candidate;
}

/** Two DP rows for strings compared against one of length `length`, reused across candidates. */
export interface Rows {
  prev: Int32Array;
  cur: Int32Array;
}

export function newRows(length: number): Rows {
  return { prev: new Int32Array(length + 1), cur: new Int32Array(length + 1) };
}

/**
 * levenshtein(a, b) when it is below `limit`, else `limit`, in O(length × limit):
 * a cell more than `limit - 1` off the diagonal is at least `limit`, so only
 * the band around it is computed (values capped at `limit`), and the search
 * stops once a whole row has reached `limit`. `rows` holds b.length + 1 cells.
 */
export function levenshteinBelow(a: string, b: string, limit: number, rows: Rows = newRows(b.length)): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) >= limit) return limit;
  if (n === 0 || m === 0) return Math.max(n, m);
  let { prev, cur } = rows;
  for (let j = 0; j <= m; j++) prev[j] = Math.min(j, limit);
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - limit + 1);
    const hi = Math.min(m, i + limit - 1);
    cur[lo - 1] = lo === 1 ? Math.min(i, limit) : limit;
    let rowMin = cur[lo - 1] ?? limit;
    const ca = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const sub = (prev[j - 1] ?? limit) + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      const del = (prev[j] ?? limit) + 1;
      const ins = (cur[j - 1] ?? limit) + 1;
      const d = Math.min(sub, del, ins, limit);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Off the band on the right: the next row reads it as "too far".
    if (hi < m) cur[hi + 1] = limit;
    if (rowMin >= limit) return limit;
    [prev, cur] = [cur, prev];
  }
  rows.prev = prev;
  rows.cur = cur;
  return Math.min(prev[m] ?? limit, limit);
}
