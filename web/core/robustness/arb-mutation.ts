/**
 * Mutations of real Dockerfiles (the corpus): bit flips of UTF-16 units,
 * replaced, inserted and deleted text, deleted, duplicated and swapped
 * lines, truncation. Positions are fractions, so one mutation fits any file.
 */
import fc from "fast-check";
import { codeUnit, tokenSoup, TOKENS } from "./arb-text";

export type Mutation =
  | { readonly kind: "flip"; readonly at: number; readonly bit: number }
  | { readonly kind: "replace"; readonly at: number; readonly with: string }
  | { readonly kind: "insert"; readonly at: number; readonly text: string }
  | { readonly kind: "delete"; readonly at: number; readonly length: number }
  | { readonly kind: "delete-line"; readonly at: number }
  | { readonly kind: "duplicate-line"; readonly at: number; readonly times: number }
  | { readonly kind: "swap-lines"; readonly at: number; readonly other: number }
  | { readonly kind: "truncate"; readonly at: number };

/** Positions are fractions of the text (in millionths), so one mutation fits any file. */
const where = fc.integer({ min: 0, max: 1_000_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip" as const), at: where, bit: fc.nat(15) }),
  fc.record({ kind: fc.constant("replace" as const), at: where, with: fc.oneof(fc.constantFrom(...TOKENS), codeUnit) }),
  fc.record({ kind: fc.constant("insert" as const), at: where, text: fc.oneof(tokenSoup, fc.constantFrom(...TOKENS)) }),
  fc.record({ kind: fc.constant("delete" as const), at: where, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("delete-line" as const), at: where }),
  fc.record({ kind: fc.constant("duplicate-line" as const), at: where, times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant("swap-lines" as const), at: where, other: where }),
  fc.record({ kind: fc.constant("truncate" as const), at: where }),
);

/** Applies mutations in order (pure). Byte flips flip a bit of one UTF-16 unit: surrogates and NULs happen. */
export function mutate(text: string, mutations: readonly Mutation[]): string {
  let t = text;
  for (const m of mutations) {
    const pos = (n: number, len: number) => Math.min(len, Math.floor((n / 1_000_000) * (len + 1)));
    const at = pos(m.at, t.length);
    switch (m.kind) {
      case "flip": {
        if (t.length === 0) break;
        const i = Math.min(at, t.length - 1);
        t = t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << m.bit)) + t.slice(i + 1);
        break;
      }
      case "replace":
        t = t.slice(0, at) + m.with + t.slice(at + 1);
        break;
      case "insert":
        t = t.slice(0, at) + m.text + t.slice(at);
        break;
      case "delete":
        t = t.slice(0, at) + t.slice(at + m.length);
        break;
      case "truncate":
        t = t.slice(0, at);
        break;
      case "delete-line":
      case "duplicate-line":
      case "swap-lines": {
        // Lines keep their own endings, so CRLF files stay CRLF.
        const lines = t.match(/[^\n]*\n|[^\n]+$/g) ?? [];
        if (lines.length === 0) break;
        const i = pos(m.at, lines.length - 1);
        if (m.kind === "delete-line") lines.splice(i, 1);
        else if (m.kind === "duplicate-line") lines.splice(i, 0, ...Array<string>(m.times).fill(lines[i] ?? ""));
        else {
          const j = pos(m.other, lines.length - 1);
          const a = lines[i] ?? "";
          lines[i] = lines[j] ?? "";
          lines[j] = a;
        }
        t = lines.join("");
        break;
      }
    }
  }
  return t;
}

/** A real file from `corpus`, mutated 1–6 times. */
export function mutatedCorpus(
  corpus: readonly string[],
): fc.Arbitrary<{ file: number; mutations: Mutation[]; text: string }> {
  return fc
    .record({
      file: fc.nat(Math.max(0, corpus.length - 1)),
      mutations: fc.array(mutation, { minLength: 1, maxLength: 6 }),
    })
    .map(({ file, mutations }) => ({ file, mutations, text: mutate(corpus[file] ?? "", mutations) }));
}
