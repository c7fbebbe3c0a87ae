/**
 * The per-instruction argument splitters of df/parser/line_parsers.go. They
 * run inside parser.Parse, so their errors are file-level (no "dockerfile parse
 * error on line N:" prefix). Words keep their quotes: BuildKit removes them only
 * when it expands the word at dispatch time.
 */
import type { MappedText } from "../source";
import { offsetAt, sliceMapped } from "../source";
import { goQuote, isGoSpace, isReWhitespace } from "../util/go-text";

/** One argument, with the source span it covers as two numbers (no Span object per word). */
export interface ArgWord {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export interface NodeArgs {
  /** nodeArgs(node): the flattened argument list instructions.ParseInstruction sees. */
  readonly args: readonly ArgWord[];
  /** The arguments were a JSON array (exec form). */
  readonly json: boolean;
}

/** The arguments, or the parse error's message. */
export type ArgsResult = NodeArgs | string;

const NO_ARGS: NodeArgs = Object.freeze({ args: Object.freeze([]), json: false });

/** `rest.text[from, to)` as an argument (its span as spanOf gives it). */
const word = (rest: MappedText, from: number, to: number): ArgWord => {
  const start = offsetAt(rest, from);
  return { text: rest.text.slice(from, to), start, end: to <= from ? start : offsetAt(rest, to - 1) + 1 };
};

/** parseWords: whitespace-separated words, quotes and escapes kept; returns flat [start, end) pairs. */
export function wordRanges(text: string, escapeToken: number): number[] {
  const out: number[] = [];
  let inWord = false;
  let inQuote = false;
  let quote = 0;
  let start = 0;
  let end = 0;
  const n = text.length;
  for (let pos = 0; pos < n; pos++) {
    let ch = text.charCodeAt(pos);
    if (!inWord && !inQuote) {
      if (isGoSpace(ch)) continue;
      inWord = true;
      start = pos;
      end = pos;
    }
    if (inWord) {
      if (isGoSpace(ch)) {
        inWord = false;
        if (end > start) out.push(start, end);
        continue;
      }
      if (ch === 0x27 || ch === 0x22) {
        quote = ch;
        inWord = false;
        inQuote = true;
      }
      if (ch === escapeToken) {
        if (pos + 1 === n) continue; // an escape token at the very end is dropped
        pos++;
        ch = text.charCodeAt(pos);
      }
      end = pos + 1;
      continue;
    }
    // in quote
    if (ch === quote) {
      inQuote = false;
      inWord = true;
    }
    if (ch === escapeToken && quote !== 0x27) {
      if (pos + 1 === n) {
        inQuote = false;
        inWord = true;
        continue;
      }
      pos++;
    }
    end = pos + 1;
  }
  if ((inWord || inQuote) && end > start) out.push(start, end);
  return out;
}

/** First `[\t\v\f\r ]+` run in `text`: [start, end) or null. */
function firstWhitespaceRun(text: string): [number, number] | null {
  let i = 0;
  while (i < text.length && !isReWhitespace(text.charCodeAt(i))) i++;
  if (i === text.length) return null;
  let j = i;
  while (j < text.length && isReWhitespace(text.charCodeAt(j))) j++;
  return [i, j];
}

/** parseNameVal (ENV, LABEL): `k=v k2=v2…`, or the legacy `KEY value with spaces`. Args come in (key, value, delimiter) triples. */
export function parseNameVal(rest: MappedText, key: string, escapeToken: number): ArgsResult {
  const { text } = rest;
  const ranges = wordRanges(text, escapeToken);
  if (ranges.length === 0) return NO_ARGS;
  const firstEq = text.indexOf("=", ranges[0]);
  if (firstEq === -1 || firstEq >= ranges[1]!) {
    const run = firstWhitespaceRun(text);
    if (run === null) return `${key} must have two arguments`;
    const end = text.length;
    return { args: [word(rest, 0, run[0]), word(rest, run[1], end), word(rest, end, end)], json: false };
  }
  const args = new Array<ArgWord>((ranges.length / 2) * 3);
  for (let r = 0, k = 0; r < ranges.length; r += 2) {
    const a = ranges[r]!;
    const b = ranges[r + 1]!;
    const eq = text.indexOf("=", a);
    if (eq === -1 || eq >= b) {
      return `Syntax error - can't find = in ${goQuote(text.slice(a, b))}. Must be of the form: name=value`;
    }
    args[k++] = word(rest, a, eq);
    args[k++] = word(rest, eq + 1, b);
    args[k++] = word(rest, eq, eq + 1);
  }
  return { args, json: false };
}

/** parseNameOrNameVal (ARG): one argument per word. */
export function parseNameOrNameVal(rest: MappedText, escapeToken: number): ArgsResult {
  const ranges = wordRanges(rest.text, escapeToken);
  const args = new Array<ArgWord>(ranges.length / 2);
  for (let r = 0; r < ranges.length; r += 2) args[r / 2] = word(rest, ranges[r]!, ranges[r + 1]!);
  return { args, json: false };
}

/** parseStringsWhitespaceDelimited (FROM, EXPOSE, and the fallback of ADD/COPY/VOLUME). */
export function parseStringsWhitespaceDelimited(rest: MappedText): ArgsResult {
  const { text } = rest;
  if (text === "") return NO_ARGS;
  // Count the words first: an exact-size list instead of a push onto [] (17 slots).
  let count = 1;
  for (let i = 0; i < text.length; i++) {
    if (!isReWhitespace(text.charCodeAt(i))) continue;
    count++;
    while (i + 1 < text.length && isReWhitespace(text.charCodeAt(i + 1))) i++;
  }
  const args = new Array<ArgWord>(count);
  let k = 0;
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (isReWhitespace(text.charCodeAt(i))) {
      args[k++] = word(rest, start, i);
      while (i < text.length && isReWhitespace(text.charCodeAt(i))) i++;
      start = i;
    } else i++;
  }
  args[k] = word(rest, start, text.length);
  return { args, json: false };
}

/** parseString (USER, WORKDIR, MAINTAINER, STOPSIGNAL): the whole rest as one argument. */
export function parseString(rest: MappedText): ArgsResult {
  if (rest.text === "") return NO_ARGS;
  return { args: [word(rest, 0, rest.text.length)], json: false };
}

export const NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

/** parseJSON: null when the text is no JSON array, so callers fall back. */
function parseJSON(rest: MappedText): ArgsResult | null {
  let i = 0;
  while (i < rest.text.length && isGoSpace(rest.text.charCodeAt(i))) i++;
  if (rest.text.charCodeAt(i) !== 0x5b /* [ */) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest.text.slice(i));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed)) return null;
  // Every word spans the whole array.
  const { start, end } = word(rest, 0, rest.text.length);
  const args: ArgWord[] = [];
  for (const v of parsed as unknown[]) {
    if (typeof v !== "string") return NOT_STRING_ARRAY;
    args.push({ text: v, start, end });
  }
  return { args, json: true };
}

/** parseMaybeJSON (RUN, CMD, ENTRYPOINT, SHELL): JSON array, or the whole rest as one argument. */
export function parseMaybeJSON(rest: MappedText): ArgsResult {
  if (rest.text === "") return NO_ARGS;
  return parseJSON(rest) ?? parseString(rest);
}

/** parseMaybeJSONToList (ADD, COPY, VOLUME): JSON array, or whitespace-separated words. */
export function parseMaybeJSONToList(rest: MappedText): ArgsResult {
  return parseJSON(rest) ?? parseStringsWhitespaceDelimited(rest);
}

/**
 * parseHealthConfig: the type word, then parseMaybeJSON on the rest. (BuildKit
 * finds the word end byte-wise; a non-ASCII character is treated as non-space here.)
 */
export function parseHealthConfig(rest: MappedText): ArgsResult {
  const { text } = rest;
  let sep = 0;
  while (sep < text.length && !(text.charCodeAt(sep) < 0x80 && isGoSpace(text.charCodeAt(sep)))) sep++;
  let next = sep;
  while (next < text.length && text.charCodeAt(next) < 0x80 && isGoSpace(text.charCodeAt(next))) next++;
  if (sep === 0) return NO_ARGS;
  const cmd = parseMaybeJSON(sliceMapped(rest, next));
  if (typeof cmd === "string") return cmd;
  return { args: [word(rest, 0, sep), ...cmd.args], json: cmd.json };
}
