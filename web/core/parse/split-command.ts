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
import { sliceMapped } from "../source";
import type { Flag } from "./types";
import { isGoSpace, isReWhitespace } from "../util/go-text";
import { MappedBuilder, mappedFromCodes, trimRange } from "./mapped-builder";

/**
 * The bytes BuildKit scans, as a string of char codes 0–255 with the source
 * offset of each. For an ASCII line that is the line itself: no copy at all.
 */
interface ByteView {
  readonly bytes: string;
  readonly off: readonly number[];
  /** Index in the line of the character each byte starts; -1 for a continuation byte. Null for ASCII. */
  readonly lead: readonly number[] | null;
  /** Where byte 0 is in the line (ASCII views index the line directly). */
  readonly base: number;
}

const NON_ASCII = /[\u0080-\uffff]/;

function byteView(m: MappedText, from: number, to: number): ByteView {
  const { text, offsets } = m;
  const slice = text.slice(from, to);
  if (!NON_ASCII.test(slice)) return { bytes: text, off: offsets, lead: null, base: from };
  const codes: number[] = [];
  const off: number[] = [];
  const lead: number[] = [];
  for (let i = from; i < to; i++) {
    let c = text.charCodeAt(i);
    const o = offsets[i] ?? 0;
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
        const o2 = offsets[i + 1] ?? o;
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
  return { bytes: mappedFromCodes(codes, off, 0).text, off, lead, base: 0 };
}

const DASH = 0x2d;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const EQUALS = 0x3d;

function toFlag(codes: number[], offs: number[], span: Span): Flag {
  const eq = codes.indexOf(EQUALS);
  const nameEnd = eq === -1 ? codes.length : eq;
  const name = mappedFromCodes(codes.slice(2, nameEnd), offs.slice(2, nameEnd), span.end).text;
  if (eq === -1) return { name, value: null, span };
  return { name, value: mappedFromCodes(codes.slice(eq + 1), offs.slice(eq + 1), span.end), span };
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

/** toFlag for a word `[pos, end)` of the view that needs no unquoting: the same Flag, fewer copies. */
function plainFlag(view: ByteView, pos: number, end: number): Flag {
  const { bytes, off, base } = view;
  const start = off[base + pos] ?? 0;
  const span = { start, end: (off[base + end - 1] ?? start) + 1 };
  const eq = bytes.indexOf("=", base + pos);
  if (eq === -1 || eq >= base + end) return { name: bytes.slice(base + pos + 2, base + end), value: null, span };
  const offsets = off.slice(eq + 1, base + end);
  offsets.push(span.end);
  return { name: bytes.slice(base + pos + 2, eq), value: { text: bytes.slice(eq + 1, base + end), offsets }, span };
}

/**
 * extractBuilderFlags over `line.text[from, to)`: the flags, and the byte
 * position (in the view) where the arguments start.
 */
function scanFlags(view: ByteView, n: number, escapeToken: number, flags: Flag[]): number {
  const { bytes, off, base } = view;
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
      const start = off[base + wordStart] ?? 0;
      flags.push(toFlag(codes, offs, { start, end: (off[base + lastByte] ?? start) + 1 }));
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
        flags.push(plainFlag(view, pos, end));
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
      offs.push(off[base + pos] ?? 0);
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
    offs.push(off[base + pos] ?? 0);
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
  const stop = scanFlags(view, n, escapeToken, flags);
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
    b.appendChar("\ufffd", view.off[p] ?? 0);
    p++;
  }
  if (p === pos) return sliceMapped(m, lead[p] ?? to, to);
  if (p < lead.length) b.appendMapped(m, lead[p] ?? to, to);
  return b.build(m.offsets[to] ?? 0);
}

export interface SplitCommand {
  /** The instruction keyword as written. */
  readonly keyword: string;
  readonly keywordSpan: Span;
  readonly flags: Flag[];
  /** The arguments after the flags, trimmed (unicode.IsSpace). */
  readonly args: MappedText;
}

/** splitCommand: trim, cut the keyword at the first `[\t\v\f\r ]+`, extract flags, trim the rest. */
export function splitCommand(line: MappedText, escapeToken: number): SplitCommand {
  const { text } = line;
  const [a, b] = trimRange(text, isGoSpace);
  let k = a;
  while (k < b && !isReWhitespace(text.charCodeAt(k))) k++;
  const keyword = text.slice(a, k);
  const keywordSpan = {
    start: line.offsets[a] ?? 0,
    end: a < k ? (line.offsets[k - 1] ?? 0) + 1 : (line.offsets[a] ?? 0),
  };
  if (k === b) return { keyword, keywordSpan, flags: [], args: sliceMapped(line, b, b) };
  let r = k;
  while (r < b && isReWhitespace(text.charCodeAt(r))) r++;
  // Fast path: no flag word, nothing to extract.
  if (!(text.charCodeAt(r) === DASH && text.charCodeAt(r + 1) === DASH)) {
    const [ra, rb] = trimRange(text, isGoSpace, r, b);
    return { keyword, keywordSpan, flags: [], args: sliceMapped(line, ra, rb) };
  }
  const extracted = extractBuilderFlags(line, escapeToken, r, b);
  const [ra, rb] = trimRange(extracted.rest.text, isGoSpace);
  const args = ra === 0 && rb === extracted.rest.text.length ? extracted.rest : sliceMapped(extracted.rest, ra, rb);
  return { keyword, keywordSpan, flags: extracted.flags, args };
}
