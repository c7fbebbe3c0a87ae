/**
 * The per-instruction argument splitters of df/parser/line_parsers.go. They
 * run inside parser.Parse, so their errors are file-level (no "dockerfile parse
 * error on line N:" prefix). Words keep their quotes: BuildKit removes them only
 * when it expands the word at dispatch time.
 */
import type { MappedText, Span } from "../source";
import { spanOf } from "../source";
import { goQuote, isGoSpace, isReWhitespace } from "../util/go-text";

export interface ArgWord {
  readonly text: string;
  readonly span: Span;
}

export interface NodeArgs {
  /** nodeArgs(node): the flattened argument list instructions.ParseInstruction sees. */
  readonly args: ArgWord[];
  /** The arguments were a JSON array (exec form). */
  readonly json: boolean;
}

export type ArgsResult =
  { readonly ok: true; readonly value: NodeArgs } | { readonly ok: false; readonly error: string };

const NO_ARGS: ArgsResult = { ok: true, value: { args: [], json: false } };

const word = (rest: MappedText, from: number, to: number): ArgWord => ({
  text: rest.text.slice(from, to),
  span: spanOf(rest, from, to),
});

/** parseWords: whitespace-separated words, quotes and escapes kept; returns [start, end) ranges. */
export function wordRanges(text: string, escapeToken: number): [number, number][] {
  const out: [number, number][] = [];
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
        if (end > start) out.push([start, end]);
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
  if ((inWord || inQuote) && end > start) out.push([start, end]);
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
  const ranges = wordRanges(rest.text, escapeToken);
  const first = ranges[0];
  if (first === undefined) return NO_ARGS;
  if (!rest.text.slice(first[0], first[1]).includes("=")) {
    const run = firstWhitespaceRun(rest.text);
    if (run === null) return { ok: false, error: `${key} must have two arguments` };
    const end = rest.text.length;
    return {
      ok: true,
      value: {
        args: [word(rest, 0, run[0]), word(rest, run[1], end), { text: "", span: spanOf(rest, end, end) }],
        json: false,
      },
    };
  }
  const args: ArgWord[] = [];
  for (const [a, b] of ranges) {
    const w = rest.text.slice(a, b);
    const eq = w.indexOf("=");
    if (eq === -1) {
      return { ok: false, error: `Syntax error - can't find = in ${goQuote(w)}. Must be of the form: name=value` };
    }
    args.push(word(rest, a, a + eq), word(rest, a + eq + 1, b), word(rest, a + eq, a + eq + 1));
  }
  return { ok: true, value: { args, json: false } };
}

/** parseNameOrNameVal (ARG): one argument per word. */
export function parseNameOrNameVal(rest: MappedText, escapeToken: number): ArgsResult {
  const args = wordRanges(rest.text, escapeToken).map(([a, b]) => word(rest, a, b));
  return { ok: true, value: { args, json: false } };
}

/** parseStringsWhitespaceDelimited (FROM, EXPOSE, and the fallback of ADD/COPY/VOLUME). */
export function parseStringsWhitespaceDelimited(rest: MappedText): ArgsResult {
  const { text } = rest;
  if (text === "") return NO_ARGS;
  const args: ArgWord[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (isReWhitespace(text.charCodeAt(i))) {
      args.push(word(rest, start, i));
      while (i < text.length && isReWhitespace(text.charCodeAt(i))) i++;
      start = i;
    } else i++;
  }
  args.push(word(rest, start, text.length));
  return { ok: true, value: { args, json: false } };
}

/** parseString (USER, WORKDIR, MAINTAINER, STOPSIGNAL): the whole rest as one argument. */
export function parseString(rest: MappedText): ArgsResult {
  if (rest.text === "") return NO_ARGS;
  return { ok: true, value: { args: [word(rest, 0, rest.text.length)], json: false } };
}

export const NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

/** parseJSON: "not-json" when the text is no JSON array, so callers fall back. */
function parseJSON(rest: MappedText): ArgsResult | "not-json" {
  let i = 0;
  while (i < rest.text.length && isGoSpace(rest.text.charCodeAt(i))) i++;
  if (rest.text.charCodeAt(i) !== 0x5b /* [ */) return "not-json";
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest.text.slice(i));
  } catch {
    return "not-json";
  }
  if (!Array.isArray(parsed)) return "not-json";
  const span = spanOf(rest);
  const args: ArgWord[] = [];
  for (const v of parsed as unknown[]) {
    if (typeof v !== "string") return { ok: false, error: NOT_STRING_ARRAY };
    args.push({ text: v, span });
  }
  return { ok: true, value: { args, json: true } };
}

/** parseMaybeJSON (RUN, CMD, ENTRYPOINT, SHELL): JSON array, or the whole rest as one argument. */
export function parseMaybeJSON(rest: MappedText): ArgsResult {
  if (rest.text === "") return NO_ARGS;
  const j = parseJSON(rest);
  return j === "not-json" ? parseString(rest) : j;
}

/** parseMaybeJSONToList (ADD, COPY, VOLUME): JSON array, or whitespace-separated words. */
export function parseMaybeJSONToList(rest: MappedText): ArgsResult {
  const j = parseJSON(rest);
  return j === "not-json" ? parseStringsWhitespaceDelimited(rest) : j;
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
  const tail = { text: text.slice(next), offsets: rest.offsets.slice(next) };
  const cmd = parseMaybeJSON(tail);
  if (!cmd.ok) return cmd;
  return { ok: true, value: { args: [word(rest, 0, sep), ...cmd.value.args], json: cmd.value.json } };
}
