/**
 * The word splitter BuildKit's parser uses to find heredocs (df/shell/lex.go
 * ProcessWords with an empty environment and SkipUnsetEnv, escape always `\`).
 * With nothing defined every `$X` / `${X…}` comes back re-written rather than
 * expanded, but its syntax errors still abort the whole line, which is why a
 * `${}` anywhere on a RUN line means BuildKit finds no heredoc on it.
 */
import { goQuote, isGoSpace } from "../util/go-text";

const EOF = -1;
const BACKSLASH = 0x5c;

export interface WordsOptions {
  /** Keep quote characters in the words (Lex.RawQuotes). */
  readonly rawQuotes: boolean;
  /** Keep escape characters in the words (Lex.RawEscapes). */
  readonly rawEscapes: boolean;
}

export type WordsResult =
  { readonly ok: true; readonly words: string[] } | { readonly ok: false; readonly error: string };

class LexError extends Error {}

class Words {
  words: string[] = [];
  private buf: string[] = [];
  /** Length of the word so far: lex.go's `w.buf.Len()`, which an empty quoted string (`''`) leaves at 0. */
  private length = 0;
  private inWord = false;
  addChar(c: number): void {
    if (isGoSpace(c)) {
      if (this.inWord && this.length !== 0) {
        this.words.push(this.buf.join(""));
        this.buf = [];
        this.length = 0;
        this.inWord = false;
      }
    } else this.addRawChar(c);
  }
  addRawChar(c: number): void {
    this.addRawString(String.fromCodePoint(c));
  }
  addString(s: string): void {
    for (const ch of s) this.addChar(ch.codePointAt(0) ?? 0);
  }
  addRawString(s: string): void {
    this.buf.push(s);
    this.length += s.length;
    this.inWord = true;
  }
  getWords(): string[] {
    if (this.length > 0) this.words.push(this.buf.join(""));
    this.buf = [];
    this.length = 0;
    this.inWord = false;
    return this.words;
  }
}

const isSpecialParam = (c: number): boolean => c !== EOF && "@*#?-$!0".includes(String.fromCodePoint(c));
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const isLetter = (c: number): boolean => c >= 0 && LETTER.test(String.fromCodePoint(c));
const isDigit = (c: number): boolean => c >= 0 && DIGIT.test(String.fromCodePoint(c));
const cpString = (c: number): string => (c === EOF ? "\ufffd" : String.fromCodePoint(c));

class Lexer {
  /** UTF-16 index of the next code point in the input (read in place, no code point array). */
  private pos = 0;
  private rawEscapes: boolean;
  constructor(
    private readonly input: string,
    private readonly opts: WordsOptions,
  ) {
    this.rawEscapes = opts.rawEscapes;
  }

  private peek(): number {
    return this.pos < this.input.length ? (this.input.codePointAt(this.pos) ?? EOF) : EOF;
  }
  private next(): number {
    const c = this.peek();
    if (c !== EOF) this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  /** processStopOn: returns [result, words]. */
  processStopOn(stop: number, rawEscapes: boolean): [string, string[]] {
    const result: string[] = [];
    const words = new Words();
    const saved = this.rawEscapes;
    this.rawEscapes = rawEscapes;
    try {
      while (this.peek() !== EOF) {
        let ch = this.peek();
        if (stop !== EOF && ch === stop) {
          this.next();
          return [result.join(""), words.getWords()];
        }
        if (ch === 0x24 /* $ */) {
          const tmp = this.processDollar();
          result.push(tmp);
          words.addString(tmp);
          continue;
        }
        if (ch === 0x3c /* < */ || ch === 0x27 /* ' */ || ch === 0x22 /* " */) {
          const tmp =
            ch === 0x3c
              ? this.processPossibleHeredoc()
              : ch === 0x27
                ? this.processSingleQuote()
                : this.processDoubleQuote();
          result.push(tmp);
          words.addRawString(tmp);
          continue;
        }
        ch = this.next();
        if (ch === BACKSLASH) {
          if (this.rawEscapes) {
            words.addRawChar(ch);
            result.push(cpString(ch));
          }
          ch = this.next();
          if (ch === EOF) break;
          words.addRawChar(ch);
        } else {
          words.addChar(ch);
        }
        result.push(cpString(ch));
      }
      if (stop !== EOF) throw new LexError(`unexpected end of statement while looking for matching ${cpString(stop)}`);
      return [result.join(""), words.getWords()];
    } finally {
      this.rawEscapes = saved;
    }
  }

  private processSingleQuote(): string {
    const out: string[] = [];
    let ch = this.next();
    if (this.opts.rawQuotes) out.push(cpString(ch));
    for (;;) {
      ch = this.next();
      if (ch === EOF) throw new LexError("unexpected end of statement while looking for matching single-quote");
      if (ch === 0x27) {
        if (this.opts.rawQuotes) out.push("'");
        return out.join("");
      }
      out.push(cpString(ch));
    }
  }

  private processDoubleQuote(): string {
    const out: string[] = [];
    const first = this.next();
    if (this.opts.rawQuotes) out.push(cpString(first));
    for (;;) {
      const p = this.peek();
      if (p === EOF) throw new LexError("unexpected end of statement while looking for matching double-quote");
      if (p === 0x22) {
        this.next();
        if (this.opts.rawQuotes) out.push('"');
        return out.join("");
      }
      if (p === 0x24) {
        out.push(this.processDollar());
        continue;
      }
      let ch = this.next();
      if (ch === BACKSLASH) {
        if (this.rawEscapes) out.push("\\");
        const after = this.peek();
        if (after === EOF) continue; // then fails: unterminated
        if (after === 0x22 || after === 0x24 || after === BACKSLASH) ch = this.next();
      }
      out.push(cpString(ch));
    }
  }

  private processName(): string {
    const out: string[] = [];
    while (this.peek() !== EOF) {
      const ch = this.peek();
      if (out.length === 0 && isDigit(ch)) {
        while (this.peek() !== EOF && isDigit(this.peek())) out.push(cpString(this.next()));
        return out.join("");
      }
      if (out.length === 0 && isSpecialParam(ch)) return cpString(this.next());
      if (!isLetter(ch) && !isDigit(ch) && ch !== 0x5f) break;
      out.push(cpString(this.next()));
    }
    return out.join("");
  }

  /** processDollar with every variable unset and SkipUnsetEnv: the reference is written back. */
  private processDollar(): string {
    this.next();
    if (this.peek() !== 0x7b /* { */) {
      const name = this.processName();
      return name === "" ? "$" : "$" + name;
    }
    this.next();
    const p = this.peek();
    if (p === EOF) throw new LexError("syntax error: missing '}'");
    if (p === 0x7b || p === 0x7d || p === 0x3a) throw new LexError("syntax error: bad substitution");
    const name = this.processName();
    let ch = this.next();
    let chs = cpString(ch);
    switch (ch) {
      case 0x7d:
        return "${" + name + "}";
      case 0x3a:
      case 0x2b:
      case 0x2d:
      case 0x3f:
      case 0x23:
      case 0x25: {
        const nullIsUnset = ch === 0x3a;
        if (nullIsUnset) {
          ch = this.next();
          chs += cpString(ch);
        }
        const raw = ch === 0x23 || ch === 0x25;
        if (nullIsUnset && raw) throw new LexError(`unsupported modifier (${chs}) in substitution`);
        const word = this.stopOnOrMissing(0x7d, raw, "syntax error: missing '}'");
        return "${" + name + chs + word + "}";
      }
      case 0x2f: {
        if (this.peek() === 0x2f) this.next();
        const pattern = this.stopOnOrMissing(0x2f, true, "syntax error: missing '/' in ${}");
        const replacement = this.stopOnOrMissing(0x7d, true, "syntax error: missing '}'");
        return "${" + name + "/" + pattern + "/" + replacement + "}";
      }
      default:
        throw new LexError(`unsupported modifier (${chs}) in substitution`);
    }
  }

  private stopOnOrMissing(stop: number, raw: boolean, missing: string): string {
    try {
      return this.processStopOn(stop, raw)[0];
    } catch (e) {
      if (e instanceof LexError && this.peek() === EOF) throw new LexError(missing);
      throw e;
    }
  }

  private processPossibleHeredoc(): string {
    this.next();
    if (this.peek() !== 0x3c) return "<";
    this.next();
    let space = "";
    for (let c = this.peek(); c === 0x09 || c === 0x0d || c === 0x20; c = this.peek()) {
      space += cpString(c);
      this.next();
    }
    return "<<" + space;
  }
}

/** Lex.ProcessWords(input, emptyEnv) with SkipUnsetEnv. Errors carry BuildKit's `failed to process` prefix. */
export function processWords(input: string, opts: WordsOptions): WordsResult {
  const lexer = new Lexer(input, opts);
  try {
    return { ok: true, words: lexer.processStopOn(EOF, opts.rawEscapes)[1] };
  } catch (e) {
    if (e instanceof LexError) return { ok: false, error: `failed to process ${goQuote(input)}: ${e.message}` };
    throw e;
  }
}
