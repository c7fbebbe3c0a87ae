/**
 * BuildKit's "did you mean" hints (util/suggest/error.go): the first candidate
 * whose Levenshtein distance is below 3 and below every earlier one; an exact
 * match means the error is unrelated to the value, so no hint.
 */
export function suggest(value: string, candidates: readonly string[], caseSensitive: boolean): string | null {
  const v = caseSensitive ? value : value.toLowerCase();
  let match = "";
  let minDistance = 3;
  for (const candidate of candidates) {
    const c = caseSensitive ? candidate : candidate.toLowerCase();
    if (v === c) return null;
    const d = levenshtein(v, c);
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

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur: number[] = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}
