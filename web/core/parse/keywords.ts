/**
 * Instruction keywords (df/command Commands). A keyword is cut out of every
 * line and lower-cased for dispatch; for a known keyword, as it almost always
 * is, these constants stand for both instead of two new strings per instruction.
 */

/** command.Commands, upper-cased as allInstructionNames() hands them to the suggester. */
export const INSTRUCTIONS: readonly string[] = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
];

/** INSTRUCTIONS lower-cased: what BuildKit dispatches on. */
export const LOWER_INSTRUCTIONS: readonly string[] = INSTRUCTIONS.map((k) => k.toLowerCase());

/** Indexes in INSTRUCTIONS by first letter (a = 0): a line's keyword is compared with two or three at most. */
const BY_LETTER: readonly (readonly number[])[] = Array.from({ length: 26 }, (_, letter) =>
  LOWER_INSTRUCTIONS.flatMap((k, i) => (k.charCodeAt(0) - 0x61 === letter ? [i] : [])),
);

/**
 * The index in INSTRUCTIONS of the keyword `text[from, to)`, compared ASCII
 * case-insensitively, or -1. (Keywords are letters only, and `c | 0x20` turns
 * only the two cases of a letter into its lower case.)
 */
export function keywordIndex(text: string, from: number, to: number): number {
  const candidates = BY_LETTER[(text.charCodeAt(from) | 0x20) - 0x61];
  if (candidates === undefined) return -1;
  const length = to - from;
  for (let c = 0; c < candidates.length; c++) {
    const i = candidates[c]!;
    const lower = LOWER_INSTRUCTIONS[i]!;
    if (lower.length !== length) continue;
    let j = 0;
    while (j < length && (text.charCodeAt(from + j) | 0x20) === lower.charCodeAt(j)) j++;
    if (j === length) return i;
  }
  return -1;
}

/** Keyword number `index` as written at `text[from…]`: a constant when spelled all upper or all lower case. */
export function keywordAsWritten(text: string, from: number, index: number): string {
  const upper = INSTRUCTIONS[index]!;
  if (text.startsWith(upper, from)) return upper;
  const lower = LOWER_INSTRUCTIONS[index]!;
  if (text.startsWith(lower, from)) return lower;
  return text.slice(from, from + upper.length);
}

/** The string of `known` that `text[from, to)` spells exactly, or null: a known word reuses its constant, not a new string. */
export function knownWord(known: readonly string[], text: string, from: number, to: number): string | null {
  const length = to - from;
  for (let i = 0; i < known.length; i++) {
    const k = known[i] as string;
    if (k.length === length && text.startsWith(k, from)) return k;
  }
  return null;
}
