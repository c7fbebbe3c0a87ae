/**
 * BuildKit's word expander: df/shell/lex.go `Lex.ProcessWordWithMatches` with
 * the settings every Dockerfile instruction uses (quotes processed, escapes
 * consumed, unset variables expand to "").
 *
 * lex.go is recursive (processStopOn → processDollar → processStopOn …) and Go
 * stacks grow on demand, so `${a:-${b:-…}}` nested thousands deep works there.
 * To give the same answer without risking the JS call stack, each lex.go
 * function is a generator that `yield`s the sub-call it wants to make; a small
 * driver keeps the pending calls on an array. The code therefore reads like
 * lex.go, step for step.
 */
import { isGoDigit, isGoLetter, wellFormed } from "./char-class";
import { goQuote } from "./go-strings";
import { replaceAll, replaceFirst, trimPrefix, trimSuffix, type Substituted } from "./substitute";
import type { EscapeToken, ExpandResult, VariableRef } from "./types";

/** text/scanner's EOF. */
const EOF = -1;
const DOLLAR = 0x24;
const LT = 0x3c;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const COLON = 0x3a;
const SLASH = 0x2f;
const HASH = 0x23;
const PERCENT = 0x25;
const BOM = 0xfeff;

/** A failure travelling up the pending calls (lex.go's `error`). */
class LexError {
  constructor(readonly message: string) {}
}

type Outcome = string | LexError;

/** A lex.go function in progress: yields sub-calls, receives their outcome. */
type Routine = Generator<Routine, Outcome, Outcome>;

/** All expansion asks of an environment: a name's value, if set (a Map will do). */
export interface EnvLookup {
  get(name: string): string | undefined;
}

interface Lexer {
  readonly word: string;
  pos: number;
  readonly escape: number;
  readonly env: EnvLookup;
  readonly uses: VariableRef[];
  /** Keep escape tokens in the output (pattern words of `#`, `%`, `/`). */
  rawEscapes: boolean;
}

function peek(lx: Lexer): number {
  return lx.pos < lx.word.length ? (lx.word.codePointAt(lx.pos) ?? EOF) : EOF;
}

function next(lx: Lexer): number {
  if (lx.pos >= lx.word.length) return EOF;
  const cp = lx.word.codePointAt(lx.pos) ?? EOF;
  lx.pos += cp > 0xffff ? 2 : 1;
  return cp;
}

/** Go's string(rune): the EOF rune (-1) becomes U+FFFD. */
function runeString(cp: number): string {
  return cp < 0 ? "\uFFFD" : String.fromCodePoint(cp);
}

function getEnv(lx: Lexer, name: string, start: number): string | undefined {
  const value = lx.env.get(name);
  lx.uses.push({ name, defined: value !== undefined, start, end: lx.pos });
  return value;
}

/**
 * Expands `word` against `env`, as BuildKit does for RUN mount values, ENV
 * and ARG values, WORKDIR, USER, FROM base names and `--platform`.
 * Never throws.
 */
export function expandWord(word: string, env: EnvLookup, escapeToken: EscapeToken): ExpandResult {
  const escape = escapeToken.charCodeAt(0);
  if (isPlain(word, escape)) return { ok: true, value: word, uses: [] };
  const text = wellFormed(word);
  // text/scanner skips a byte-order mark at the very start of its input.
  const lx: Lexer = { word: text, pos: text.charCodeAt(0) === BOM ? 1 : 0, escape, env, uses: [], rawEscapes: false };
  let outcome: Outcome;
  try {
    outcome = run(processStopOn(lx, EOF, false));
  } catch (e) {
    // Only an engine limit (a result too long for a JS string) lands here.
    outcome = new LexError(e instanceof RangeError ? "expansion result too large" : String(e));
  }
  if (outcome instanceof LexError) {
    return {
      ok: false,
      error: `failed to process ${goQuote(text)}: ${outcome.message}`,
      reason: outcome.message,
      uses: lx.uses,
    };
  }
  return { ok: true, value: outcome, uses: lx.uses };
}

/** Nothing for the lexer to do: no `$`, quote, escape token, BOM or surrogate. */
function isPlain(word: string, escape: number): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c === DOLLAR || c === SQUOTE || c === DQUOTE || c === escape || c === BOM || (c >= 0xd800 && c <= 0xdfff)) {
      return false;
    }
  }
  return true;
}

/** Runs a routine and every sub-call it yields, depth-first, on an explicit stack. */
function run(root: Routine): Outcome {
  const stack: Routine[] = [root];
  let input: Outcome = "";
  for (;;) {
    const top = stack[stack.length - 1];
    if (top === undefined) return input;
    const step = top.next(input);
    if (step.done === true) {
      stack.pop();
      input = step.value;
    } else {
      stack.push(step.value);
      input = "";
    }
  }
}

/** lex.go processStopOn: the word up to `stopChar` (consumed) or the end. */
function* processStopOn(lx: Lexer, stopChar: number, rawEscapes: boolean): Routine {
  const saved = lx.rawEscapes;
  lx.rawEscapes = rawEscapes;
  const outcome = yield* stopOn(lx, stopChar);
  lx.rawEscapes = saved;
  return outcome;
}

function* stopOn(lx: Lexer, stopChar: number): Routine {
  let result = "";
  for (;;) {
    const ch = peek(lx);
    if (ch === EOF) break;
    if (stopChar !== EOF && ch === stopChar) {
      next(lx);
      return result;
    }
    if (ch === DOLLAR) {
      const head = processDollarHead(lx);
      const r = head instanceof Operator ? yield processOperator(lx, head) : head;
      if (r instanceof LexError) return r;
      result += r;
      continue;
    }
    if (ch === LT) {
      // processPossibleHeredoc returns exactly the text it consumed.
      result += processPossibleHeredoc(lx);
      continue;
    }
    if (ch === SQUOTE) {
      const r = processSingleQuote(lx);
      if (r instanceof LexError) return r;
      result += r;
      continue;
    }
    if (ch === DQUOTE) {
      const r = yield processDoubleQuote(lx);
      if (r instanceof LexError) return r;
      result += r;
      continue;
    }
    if (ch === lx.escape) {
      next(lx);
      if (lx.rawEscapes) result += runeString(ch);
      // The escape token makes the next character literal; at the end it is dropped.
      const escaped = next(lx);
      if (escaped === EOF) break;
      result += runeString(escaped);
      continue;
    }
    // A run of ordinary characters is copied in one slice.
    const start = lx.pos;
    next(lx);
    while (lx.pos < lx.word.length) {
      const c = lx.word.charCodeAt(lx.pos);
      if (c === DOLLAR || c === LT || c === SQUOTE || c === DQUOTE || c === lx.escape || c === stopChar) break;
      lx.pos++;
    }
    result += lx.word.slice(start, lx.pos);
  }
  if (stopChar !== EOF) {
    return new LexError(`unexpected end of statement while looking for matching ${runeString(stopChar)}`);
  }
  return result;
}

/** lex.go processSingleQuote: everything up to the next `'`, verbatim. */
function processSingleQuote(lx: Lexer): Outcome {
  next(lx);
  const start = lx.pos;
  const end = lx.word.indexOf("'", start);
  if (end < 0) {
    lx.pos = lx.word.length;
    return new LexError("unexpected end of statement while looking for matching single-quote");
  }
  lx.pos = end + 1;
  return lx.word.slice(start, end);
}

/**
 * lex.go processDoubleQuote: `$` expands; the escape token escapes only `"`,
 * `$` and itself and is kept before anything else.
 */
function* processDoubleQuote(lx: Lexer): Routine {
  next(lx);
  let result = "";
  for (;;) {
    const ch = peek(lx);
    if (ch === EOF) return new LexError("unexpected end of statement while looking for matching double-quote");
    if (ch === DQUOTE) {
      next(lx);
      return result;
    }
    if (ch === DOLLAR) {
      const head = processDollarHead(lx);
      const r = head instanceof Operator ? yield processOperator(lx, head) : head;
      if (r instanceof LexError) return r;
      result += r;
      continue;
    }
    if (ch === lx.escape) {
      next(lx);
      if (lx.rawEscapes) result += runeString(ch);
      const following = peek(lx);
      if (following === EOF) continue;
      if (following === DQUOTE || following === DOLLAR || following === lx.escape) {
        result += runeString(next(lx));
      } else {
        result += runeString(ch);
      }
      continue;
    }
    const start = lx.pos;
    next(lx);
    while (lx.pos < lx.word.length) {
      const c = lx.word.charCodeAt(lx.pos);
      if (c === DQUOTE || c === DOLLAR || c === lx.escape) break;
      lx.pos++;
    }
    result += lx.word.slice(start, lx.pos);
  }
}

/** lex.go processPossibleHeredoc: `<<` plus following blanks, unchanged. */
function processPossibleHeredoc(lx: Lexer): string {
  const start = lx.pos;
  next(lx);
  if (peek(lx) === LT) {
    next(lx);
    for (let c = peek(lx); c === 0x20 || c === 0x09 || c === 0x0d; c = peek(lx)) next(lx);
  }
  return lx.word.slice(start, lx.pos);
}

/** lex.go isSpecialParam (POSIX special parameters). */
function isSpecialParam(cp: number): boolean {
  switch (cp) {
    case 0x40: // @
    case 0x2a: // *
    case 0x23: // #
    case 0x3f: // ?
    case 0x2d: // -
    case 0x24: // $
    case 0x21: // !
    case 0x30: // 0
      return true;
  }
  return false;
}

/** ASCII letter, digit or `_` (the common case of a name character). */
function isAsciiNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/** lex.go processName: letters/digits/_, or a run of digits, or one special parameter. */
function processName(lx: Lexer): string {
  const start = lx.pos;
  const first = peek(lx);
  if (first === EOF) return "";
  if (isGoDigit(first)) {
    while (peek(lx) !== EOF && isGoDigit(peek(lx))) next(lx);
    return lx.word.slice(start, lx.pos);
  }
  if (isSpecialParam(first)) {
    next(lx);
    return runeString(first);
  }
  for (;;) {
    // ASCII runs need no Unicode tables.
    while (lx.pos < lx.word.length && isAsciiNameChar(lx.word.charCodeAt(lx.pos))) lx.pos++;
    const ch = peek(lx);
    if (ch < 0x80 || (!isGoLetter(ch) && !isGoDigit(ch))) break;
    next(lx);
  }
  return lx.word.slice(start, lx.pos);
}

function fromSubstitution(r: Substituted): Outcome {
  return r.ok ? r.value : new LexError(r.error);
}

/** A `${NAME<op>…}` whose operator word is still to be read. */
class Operator {
  constructor(
    readonly name: string,
    readonly start: number,
    /** The operator character (after `:` when `nullIsUnset`). */
    readonly ch: number,
    /** The operator as Go's string(rune) shows it in errors, e.g. `:#`. */
    readonly chs: string,
    readonly nullIsUnset: boolean,
  ) {}
}

/**
 * lex.go processDollar, up to the point where it needs a sub-call: `$NAME`,
 * `${NAME}` and the syntax errors resolve here without a generator, which
 * keeps the common case cheap.
 */
function processDollarHead(lx: Lexer): Outcome | Operator {
  const start = lx.pos;
  next(lx);

  if (peek(lx) !== LBRACE) {
    const name = processName(lx);
    if (name === "") return "$";
    return getEnv(lx, name, start) ?? "";
  }

  next(lx);
  const first = peek(lx);
  if (first === EOF) return new LexError("syntax error: missing '}'");
  if (first === LBRACE || first === RBRACE || first === COLON) return new LexError("syntax error: bad substitution");

  const name = processName(lx);
  const ch = next(lx);
  if (ch === RBRACE) return getEnv(lx, name, start) ?? "";
  if (ch === COLON) {
    const op = next(lx);
    return new Operator(name, start, op, ":" + runeString(op), true);
  }
  return new Operator(name, start, ch, runeString(ch), false);
}

/** The rest of lex.go processDollar: the operator's word(s), then the lookup. */
function* processOperator(lx: Lexer, op: Operator): Routine {
  const { name, start, ch, chs, nullIsUnset } = op;
  if (nullIsUnset || ch === 0x2b || ch === 0x2d || ch === 0x3f || ch === HASH || ch === PERCENT) {
    // `+ - ? # %`, or anything after `:` (Go's fallthrough).
    const raw = ch === HASH || ch === PERCENT;
    if (nullIsUnset && raw) return new LexError(`unsupported modifier (${chs}) in substitution`);
    let word = yield processStopOn(lx, RBRACE, raw);
    if (word instanceof LexError) {
      return peek(lx) === EOF ? new LexError("syntax error: missing '}'") : word;
    }
    const value = getEnv(lx, name, start);
    const set = value !== undefined;
    const empty = value === undefined || value === "";
    switch (ch) {
      case 0x2d: // -
        return !set || (nullIsUnset && empty) ? word : value;
      case 0x2b: // +
        return !set || (nullIsUnset && empty) ? "" : word;
      case 0x3f: // ?
        if (!set) return new LexError(`${name}: ${word !== "" ? word : "is not allowed to be unset"}`);
        if (nullIsUnset && empty) return new LexError(`${name}: ${word !== "" ? word : "is not allowed to be empty"}`);
        return value;
      case HASH:
      case PERCENT: {
        // A doubled operator (`##`, `%%`) asks for the longest match.
        const greedy = word.charCodeAt(0) === ch;
        if (greedy) word = word.slice(1);
        return fromSubstitution(
          ch === PERCENT ? trimSuffix(word, value ?? "", greedy) : trimPrefix(word, value ?? "", greedy),
        );
      }
      default:
        return new LexError(`unsupported modifier (${chs}) in substitution`);
    }
  }

  if (ch === SLASH) {
    const all = peek(lx) === SLASH;
    if (all) next(lx);
    const pattern = yield processStopOn(lx, SLASH, true);
    if (pattern instanceof LexError) {
      return peek(lx) === EOF ? new LexError("syntax error: missing '/' in ${}") : pattern;
    }
    const replacement = yield processStopOn(lx, RBRACE, true);
    if (replacement instanceof LexError) {
      return peek(lx) === EOF ? new LexError("syntax error: missing '}'") : replacement;
    }
    const value = getEnv(lx, name, start) ?? "";
    return fromSubstitution(all ? replaceAll(pattern, value, replacement) : replaceFirst(pattern, value, replacement));
  }

  return new LexError(`unsupported modifier (${chs}) in substitution`);
}
