/**
 * Keyword / flags / arguments of one logical line (df/parser/split_command.go).
 *
 * extractBuilderFlags walks the line byte by byte: quotes group and vanish, the
 * escape token vanishes and makes the next byte literal (inside quotes too), and
 * a non-ASCII byte becomes the code point of the same number. So `é` in a flag
 * value turns into two characters (`Ã©`, what BuildKit then uses as the id), and
 * a character whose UTF-8 holds byte 0x85 or 0xA0 even ends the word (Go's
 * unicode.IsSpace says yes to U+0085 and U+00A0). Every output character keeps
 * the source offset of the character its byte came from.
 */
import type { MappedText, Span } from "../source";
import { offsetAt, sliceMapped, spanOf } from "../source";
import type { Flag } from "./types";
import { goToLower, isGoSpace, isReWhitespace } from "../util/go-text";
import { keywordAsWritten, keywordIndex, knownWord, LOWER_INSTRUCTIONS } from "./keywords";
import { MappedBuilder, mappedFromRuns, runsOf, textFromCodes } from "./mapped-builder";

/**
 * The bytes BuildKit scans, as a string of char codes 0–255 with the source
 * offset of each. For an ASCII line that is the line itself: no copy at all.
 */
interface ByteView {
  readonly bytes: string;
  /** Source offset of each byte; null for ASCII, whose bytes are the line's characters (offsets come from the line). */
  readonly off: readonly number[] | null;
  /** Index in the line of the character each byte starts; -1 for a continuation byte. Null for ASCII. */
  readonly lead: readonly number[] | null;
  /** Where byte 0 is in the line (ASCII views index the line directly). */
  readonly base: number;
}

function isAscii(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}

function byteView(m: MappedText, from: number, to: number): ByteView {
  const { text } = m;
  if (isAscii(text, from, to)) return { bytes: text, off: null, lead: null, base: from };
  const codes: number[] = [];
  const off: number[] = [];
  const lead: number[] = [];
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    const o = offsetAt(m, i);
    if (c < 0x80) {
      codes.push(c);
      off.push(o);
      lead.push(i);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        const o2 = offsetAt(m, i + 1);
        codes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
        // The last two bytes map to the low surrogate so spans end after the pair.
        off.push(o, o, o2, o2);
        lead.push(i, -1, -1, -1);
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x800) {
      codes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
      off.push(o, o);
      lead.push(i, -1);
    } else {
      codes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
      off.push(o, o, o);
      lead.push(i, -1, -1);
    }
  }
  return { bytes: textFromCodes(codes), off, lead, base: 0 };
}

/** Source offset of byte `pos` of the view. */
function byteOffset(line: MappedText, view: ByteView, pos: number): number {
  return view.off === null ? offsetAt(line, view.base + pos) : view.off[pos]!;
}

const DASH = 0x2d;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const EQUALS = 0x3d;

/** The flag word unquoted into `codes` (with the source offset of each in `offs`). */
function toFlag(codes: number[], offs: number[], span: Span): Flag {
  const eq = codes.indexOf(EQUALS);
  const nameEnd = eq === -1 ? codes.length : eq;
  const name = textFromCodes(codes, 2, nameEnd);
  if (eq === -1) return { name, value: null, span };
  const text = textFromCodes(codes, eq + 1);
  return { name, value: mappedFromRuns(text, runsOf(offs, eq + 1, codes.length), span.end), span };
}

/** End of the flag word at `pos` when it has no quote and no escape token, else -1. */
function plainWordEnd(bytes: string, base: number, pos: number, n: number, escapeToken: number): number {
  let j = pos;
  for (; j < n; j++) {
    const c = bytes.charCodeAt(base + j);
    if (isGoSpace(c)) break;
    if (c === SQUOTE || c === DQUOTE || c === escapeToken) return -1;
  }
  return j;
}

/** Flag names of the instructions that take flags: most flag words reuse these instead of a new string. */
const FLAG_NAMES = [
  "mount",
  "from",
  "platform",
  "network",
  "security",
  "device",
  "chown",
  "chmod",
  "link",
  "exclude",
  "parents",
  "checksum",
  "unpack",
  "keep-git-dir",
  "interval",
  "timeout",
  "start-period",
  "start-interval",
  "retries",
];

/** The flag name `text[from, to)`. */
function flagName(text: string, from: number, to: number): string {
  return knownWord(FLAG_NAMES, text, from, to) ?? text.slice(from, to);
}

/** toFlag for the word `line.text[from, to)` when it needs no unquoting and is ASCII: the same Flag, cut out of the line. */
function plainFlagAt(line: MappedText, from: number, to: number): Flag {
  const { text } = line;
  const start = offsetAt(line, from);
  const span = { start, end: offsetAt(line, to - 1) + 1 };
  const eq = text.indexOf("=", from);
  if (eq === -1 || eq >= to) return { name: flagName(text, from + 2, to), value: null, span };
  // The value ends where the word does: its end offset is the word's, whatever character follows.
  return { name: flagName(text, from + 2, eq), value: sliceMapped(line, eq + 1, to, span.end), span };
}

/** plainFlagAt for a word `[pos, end)` of the view (which may hold re-encoded bytes). */
function plainFlag(line: MappedText, view: ByteView, pos: number, end: number): Flag {
  const { bytes, off, base } = view;
  if (off === null) return plainFlagAt(line, base + pos, base + end);
  const span = { start: off[pos]!, end: off[end - 1]! + 1 };
  const eq = bytes.indexOf("=", pos);
  if (eq === -1 || eq >= end) return { name: bytes.slice(pos + 2, end), value: null, span };
  const value = mappedFromRuns(bytes.slice(eq + 1, end), runsOf(off, eq + 1, end), span.end);
  return { name: bytes.slice(pos + 2, eq), value, span };
}

/**
 * extractBuilderFlags for the usual line: every flag word plain (no quote, no
 * escape token) and everything before the arguments ASCII, so the flags are cut
 * straight out of the line. Writes them into `flags` (trimmed to their count)
 * and returns where the arguments start, or -1 when the line needs the general
 * scanner (which reads the bytes).
 */
function scanPlainFlags(line: MappedText, from: number, to: number, escapeToken: number, flags: Flag[]): number {
  const { text } = line;
  let count = 0;
  let stop = to;
  for (let pos = from; pos < to; pos++) {
    let ch = text.charCodeAt(pos);
    if (ch >= 0x80) return -1;
    if (isGoSpace(ch)) continue;
    if (ch !== DASH || pos + 1 === to || text.charCodeAt(pos + 1) !== DASH) {
      stop = pos;
      break;
    }
    const start = pos;
    for (; pos < to; pos++) {
      ch = text.charCodeAt(pos);
      if (ch >= 0x80 || ch === SQUOTE || ch === DQUOTE || ch === escapeToken) return -1;
      if (isGoSpace(ch)) break;
    }
    if (pos - start === 2) {
      stop = pos; // `--` ends the flags
      break;
    }
    flags[count++] = plainFlagAt(line, start, pos);
  }
  flags.length = count;
  return stop;
}

/**
 * extractBuilderFlags over the view's `n` bytes: the flags, and the byte
 * position (in the view) where the arguments start.
 */
function scanFlags(line: MappedText, view: ByteView, n: number, escapeToken: number, flags: Flag[]): number {
  const { bytes, base } = view;
  let inWord = false;
  let quote = 0;
  let inQuote = false;
  let blankOk = false;
  let codes: number[] = [];
  let offs: number[] = [];
  let wordStart = 0;
  const push = (lastByte: number): void => {
    const isDashDash = codes.length === 2 && codes[0] === DASH && codes[1] === DASH;
    if (!isDashDash && (blankOk || codes.length > 0)) {
      const start = byteOffset(line, view, wordStart);
      flags.push(toFlag(codes, offs, { start, end: byteOffset(line, view, lastByte) + 1 }));
    }
  };

  for (let pos = 0; pos <= n; pos++) {
    let ch = pos < n ? bytes.charCodeAt(base + pos) : -1;
    if (!inWord && !inQuote) {
      if (pos === n) return n;
      if (isGoSpace(ch)) continue;
      if (ch !== DASH || pos + 1 === n || bytes.charCodeAt(base + pos + 1) !== DASH) return pos;
      // Most flag words hold no quote and no escape: cut them straight out of the line.
      const end = plainWordEnd(bytes, base, pos, n, escapeToken);
      if (end !== -1) {
        if (end - pos === 2) return end; // `--` ends the flags
        flags.push(plainFlag(line, view, pos, end));
        if (end === n) return n;
        pos = end; // the blank after the word; the loop steps past it
        continue;
      }
      inWord = true;
      wordStart = pos;
    }
    if (pos === n) {
      push(n - 1);
      return n;
    }
    if (inWord) {
      if (isGoSpace(ch)) {
        inWord = false;
        if (codes.length === 2 && codes[0] === DASH && codes[1] === DASH) return pos; // `--` ends the flags
        push(pos - 1);
        codes = [];
        offs = [];
        blankOk = false;
        continue;
      }
      if (ch === SQUOTE || ch === DQUOTE) {
        quote = ch;
        blankOk = true;
        inWord = false;
        inQuote = true;
        continue;
      }
      if (ch === escapeToken) {
        if (pos + 1 === n) continue; // a trailing escape is dropped
        pos++;
        ch = bytes.charCodeAt(base + pos);
      }
      codes.push(ch);
      offs.push(byteOffset(line, view, pos));
      continue;
    }
    // in quote
    if (ch === quote) {
      inQuote = false;
      inWord = true;
      continue;
    }
    if (ch === escapeToken) {
      if (pos + 1 === n) {
        inQuote = false;
        inWord = true;
        continue;
      }
      pos++;
      ch = bytes.charCodeAt(base + pos);
    }
    codes.push(ch);
    offs.push(byteOffset(line, view, pos));
  }
  return n;
}

export interface ExtractedFlags {
  readonly flags: Flag[];
  /** What follows the flags, untrimmed. */
  readonly rest: MappedText;
}

/** extractBuilderFlags on `line.text[from, to)`. */
export function extractBuilderFlags(
  line: MappedText,
  escapeToken: number,
  from = 0,
  to: number = line.text.length,
): ExtractedFlags {
  const view = byteView(line, from, to);
  const flags: Flag[] = [];
  const n = view.lead === null ? to - from : view.bytes.length;
  const stop = scanFlags(line, view, n, escapeToken, flags);
  return { flags, rest: restFrom(line, view, stop, from, to) };
}

/** `line[pos:]` as Go slices the bytes: a cut inside a character leaves U+FFFD per orphan byte. */
function restFrom(m: MappedText, view: ByteView, pos: number, from: number, to: number): MappedText {
  const { lead } = view;
  if (lead === null) return sliceMapped(m, from + pos, to);
  if (pos >= lead.length) return sliceMapped(m, to, to);
  let p = pos;
  const b = new MappedBuilder();
  while (p < lead.length && (lead[p] ?? 0) < 0) {
    b.appendChar("\ufffd", view.off?.[p] ?? 0);
    p++;
  }
  if (p === pos) return sliceMapped(m, lead[p] ?? to, to);
  if (p < lead.length) b.appendMapped(m, lead[p] ?? to, to);
  return b.build(offsetAt(m, to));
}

export interface SplitCommand {
  /** The instruction keyword as written. */
  readonly keyword: string;
  /** goToLower(keyword), what BuildKit dispatches on. */
  readonly lower: string;
  readonly keywordSpan: Span;
  readonly flags: readonly Flag[];
  /** The arguments after the flags, trimmed (unicode.IsSpace). */
  readonly args: MappedText;
}

/** What most instructions carry: one shared empty list rather than one per instruction. */
const NO_FLAGS: readonly Flag[] = Object.freeze([]);

/** `text[from, to)` trimmed of Go spaces at both ends, cut out of `m` once. */
function trimmedSlice(m: MappedText, from: number, to: number): MappedText {
  const { text } = m;
  let a = from;
  let b = to;
  while (a < b && isGoSpace(text.charCodeAt(a))) a++;
  while (b > a && isGoSpace(text.charCodeAt(b - 1))) b--;
  return a === 0 && b === text.length ? m : sliceMapped(m, a, b);
}

/** splitCommand: trim, cut the keyword at the first `[\t\v\f\r ]+`, extract flags, trim the rest. */
export function splitCommand(line: MappedText, escapeToken: number): SplitCommand {
  const { text } = line;
  let a = 0;
  let b = text.length;
  while (a < b && isGoSpace(text.charCodeAt(a))) a++;
  while (b > a && isGoSpace(text.charCodeAt(b - 1))) b--;
  let k = a;
  while (k < b && !isReWhitespace(text.charCodeAt(k))) k++;
  const known = keywordIndex(text, a, k);
  const keyword = known === -1 ? text.slice(a, k) : keywordAsWritten(text, a, known);
  const lower = known === -1 ? goToLower(keyword) : LOWER_INSTRUCTIONS[known]!;
  const keywordSpan = spanOf(line, a, k);
  if (k === b) return { keyword, lower, keywordSpan, flags: NO_FLAGS, args: sliceMapped(line, b, b) };
  let r = k;
  while (r < b && isReWhitespace(text.charCodeAt(r))) r++;
  // Fast path: no flag word, nothing to extract.
  if (!(text.charCodeAt(r) === DASH && text.charCodeAt(r + 1) === DASH)) {
    return { keyword, lower, keywordSpan, flags: NO_FLAGS, args: trimmedSlice(line, r, b) };
  }
  // Room for four flags, as most lines have one to three (a push onto [] would
  // reserve 17 slots, and this list is part of the output).
  const plain = new Array<Flag>(4);
  const argsAt = scanPlainFlags(line, r, b, escapeToken, plain);
  if (argsAt !== -1) return { keyword, lower, keywordSpan, flags: plain, args: trimmedSlice(line, argsAt, b) };
  // A quoted or non-ASCII flag word: the general walk.
  const { flags, rest } = extractBuilderFlags(line, escapeToken, r, b);
  return { keyword, lower, keywordSpan, flags, args: trimmedSlice(rest, 0, rest.text.length) };
}
