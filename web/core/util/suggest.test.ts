import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { levenshteinBelow, suggest } from "./suggest";

/** The textbook distance, the reference the banded one must agree with. */
function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** util/suggest/error.go's loop as written: every distance in full. */
function suggestReference(value: string, candidates: readonly string[]): string | null {
  let match = "";
  let min = 3;
  for (const c of candidates) {
    if (c === value) return null;
    const d = levenshtein(value, c);
    if (d < min) {
      match = c;
      min = d;
    }
  }
  return match === "" ? null : match;
}

const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "_", "1"), maxLength: 9 });

describe("levenshteinBelow", () => {
  it("is the distance when below the limit, else the limit", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 1, max: 5 }), (a, b, limit) => {
        expect(levenshteinBelow(a, b, limit)).toBe(Math.min(levenshtein(a, b), limit));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("suggest", () => {
  it("picks what BuildKit's loop picks", () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 12 }), (value, candidates) => {
        expect(suggest(value, candidates, true)).toBe(suggestReference(value, candidates));
      }),
      { numRuns: 3000 },
    );
  });

  it("stays fast with thousands of candidates of similar length", () => {
    const candidates = Array.from({ length: 4000 }, (_, i) => `VARIABLE_NUMBER_${i}`);
    // Correctness at scale (no timing here: budgets live in benchmarks): the closest one wins.
    expect(suggest("VARIABLE_NUMBER_12x", candidates, true)).toBe("VARIABLE_NUMBER_12");
    expect(suggest("UNRELATED_THING_12", candidates, true)).toBeNull();
  });
});
