/**
 * Text → instruction nodes, as df/parser/parser.go Parse does it.
 *
 * - Lines end at \n only; trailing \r and \n are trimmed (a lone \r inside a line
 *   is an ordinary character, which Go's IsSpace treats as a blank). Line numbers
 *   count \n, as BuildKit's do.
 * - An instruction's first line is left-trimmed; a line ending with the escape
 *   token plus blanks (the token not itself escaped) continues, and the pieces are
 *   joined with no separator. Inside a continuation, comment lines are skipped and
 *   blank lines are skipped with a NoEmptyContinuation warning.
 * - RUN/COPY/ADD lines with heredoc words consume the following lines raw.
 * BuildKit stops at the first error here, and so does this reader.
 */
import type { Span } from "../source";
import { RunMappedText } from "../source";
import type { BuildkitError, Heredoc, LintWarning } from "./types";
import { DirectiveParser, escapeTokenError } from "./directives";
import { isGoSpace, utf8Length } from "../util/go-text";
import { heredocsFromLine } from "./heredoc";
import type { RawNode } from "./node";
import { canContainHeredoc, newNodeFromLine } from "./node";

export interface LineNode {
  readonly node: RawNode;
  readonly heredocs: readonly Heredoc[];
  /** 1-based, counted as BuildKit counts (\n). */
  readonly startLine: number;
  readonly endLine: number;
  /** From the keyword to the end of the last line read (heredoc terminator included). */
  readonly span: Span;
}

export interface ParserResult {
  readonly nodes: readonly LineNode[];
  readonly escapeToken: "\\" | "`";
  readonly warnings: readonly LintWarning[];
  /** The error parser.Parse returns (messages carry no "dockerfile parse error" prefix). */
  readonly error: BuildkitError | null;
}

/** bufio.Scanner's limit: a line of 64 KiB or more (before its \n) stops the scan. */
const MAX_LINE_BYTES = 64 * 1024;

/**
 * Physical lines, read in place: after next() returns true, `start` and
 * `contentEnd` describe the line (no object per line).
 */
class LineScanner {
  private pos: number;
  tooLong = false;
  /** Where the current line starts. */
  start = 0;
  /** End of the current line's content, trailing \r/\n excluded. */
  contentEnd = 0;
  constructor(
    private readonly text: string,
    start: number,
  ) {
    this.pos = start;
  }
  next(): boolean {
    const { text } = this;
    if (this.tooLong || this.pos >= text.length) return false;
    const start = this.pos;
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    if ((end - start) * 3 >= MAX_LINE_BYTES && utf8Length(text, start, end) >= MAX_LINE_BYTES) {
      this.tooLong = true;
      return false;
    }
    this.pos = nl === -1 ? text.length : nl + 1;
    let contentEnd = end;
    while (contentEnd > start) {
      const c = text.charCodeAt(contentEnd - 1);
      if (c !== 13 && c !== 10) break;
      contentEnd--;
    }
    this.start = start;
    this.contentEnd = contentEnd;
    return true;
  }
}

/** What most instructions carry: one shared empty list rather than one per instruction. */
const NO_HEREDOCS: readonly Heredoc[] = Object.freeze([]);

const SPACE = 0x20;
const TAB = 0x09;

/** trimContinuationCharacter on `text[from, to)`: the end of the kept piece, or -1 when the line does not continue. */
function continuationCut(text: string, from: number, to: number, esc: number): number {
  let k = to;
  while (k > from) {
    const c = text.charCodeAt(k - 1);
    if (c !== SPACE && c !== TAB) break;
    k--;
  }
  if (k === from || text.charCodeAt(k - 1) !== esc) return -1;
  const escPos = k - 1;
  if (escPos > from && text.charCodeAt(escPos - 1) === esc) return -1;
  return escPos;
}

function isCommentAt(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isGoSpace(text.charCodeAt(i))) i++;
  return i < to && text.charCodeAt(i) === 0x23;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isGoSpace(text.charCodeAt(i))) return false;
  return true;
}

/**
 * parser.Parse. With `visit`, each node is handed over as soon as it is read and
 * `nodes` stays empty: parseDockerfile turns it into a command at once, so a
 * 10,000-line file never holds every node (its line, words and spans) at the same
 * time, which made the garbage collector's work grow faster than the file.
 */
export function parseNodes(text: string, visit?: (node: LineNode) => void): ParserResult {
  const directives = new DirectiveParser();
  let esc = 0x5c;
  const nodes: LineNode[] = [];
  let nodeCount = 0;
  const warnings: LintWarning[] = [];
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const scanner = new LineScanner(text, bom);
  let currentLine = 0;
  const result = (error: BuildkitError | null): ParserResult => ({
    nodes,
    escapeToken: esc === 0x60 ? "`" : "\\",
    warnings,
    error,
  });

  /** processLine's directive check on the scanner's line; an error stops the parse. */
  const checkDirective = (from: number): BuildkitError | null => {
    if (directives.isDone) return null;
    const r = directives.parseLine(text.slice(from, scanner.contentEnd));
    let message: string | null = null;
    if (r.kind === "error") message = r.message;
    else if (r.kind === "directive" && r.name === "escape") {
      message = escapeTokenError(r.value);
      if (message === null) esc = r.value.charCodeAt(0);
    }
    if (message === null) return null;
    return { message, line: currentLine + 1, span: { start: scanner.start, end: scanner.contentEnd } };
  };

  while (scanner.next()) {
    const firstEnd = scanner.contentEnd;
    let ts = scanner.start;
    while (ts < firstEnd && isGoSpace(text.charCodeAt(ts))) ts++;
    const directiveError = checkDirective(ts);
    if (directiveError !== null) return result(directiveError);
    currentLine++;
    const startLine = currentLine;
    const isComment = ts < firstEnd && text.charCodeAt(ts) === 0x23;
    const tokenEnd = isComment ? ts : firstEnd;
    let cut = continuationCut(text, ts, tokenEnd, esc);
    if (cut === -1 && tokenEnd === ts) continue; // blank or comment line
    // The logical line: its pieces joined, with their runs of offsets (see RunMappedText).
    const firstPieceEnd = cut === -1 ? tokenEnd : cut;
    let lineText = text.slice(ts, firstPieceEnd);
    let runs: number[] | null = null;
    let pieceEnd = lineText.length > 0 ? firstPieceEnd : ts;
    let lastEnd = firstEnd;
    let emptyLine: Span | null = null;
    while (cut !== -1) {
      if (!scanner.next()) break;
      const err = checkDirective(scanner.start);
      if (err !== null) return result(err);
      currentLine++;
      const { start, contentEnd } = scanner;
      lastEnd = contentEnd;
      if (isCommentAt(text, start, contentEnd)) continue;
      if (isBlank(text, start, contentEnd)) {
        emptyLine ??= { start, end: contentEnd };
        continue;
      }
      cut = continuationCut(text, start, contentEnd, esc);
      const end = cut === -1 ? contentEnd : cut;
      if (end <= start) continue;
      if (runs === null) runs = lineText.length > 0 ? [0, ts, lineText.length, start] : [0, start];
      else runs.push(lineText.length, start);
      lineText += text.slice(start, end);
      pieceEnd = end;
    }
    // A line read in one piece needs no run table; a longer one gets an exact-size copy
    // (push leaves spare room, and the table lives as long as the parse output).
    const logical =
      runs === null
        ? new RunMappedText(lineText, null, ts, pieceEnd)
        : new RunMappedText(lineText, runs.length > 4 ? runs.slice() : runs, 0, pieceEnd);
    if (emptyLine !== null) {
      warnings.push({ rule: "NoEmptyContinuation", message: "Empty continuation line", span: emptyLine });
    }
    const node = newNodeFromLine(logical, esc);
    if (typeof node === "string") {
      return result({ message: node, line: startLine, span: { start: ts, end: lastEnd } });
    }
    let heredocs: readonly Heredoc[] = NO_HEREDOCS;
    if (canContainHeredoc(node) && lineText.includes("<<")) {
      const found = heredocsFromLine(lineText);
      if (!found.ok) return result({ message: found.error, line: startLine, span: { start: ts, end: lastEnd } });
      const read = new Array<Heredoc>(found.heredocs.length);
      for (let d = 0; d < found.heredocs.length; d++) {
        const h = found.heredocs[d]!;
        let bodyStart = -1;
        let terminated = false;
        while (scanner.next()) {
          const { start, contentEnd } = scanner;
          currentLine++;
          if (bodyStart === -1) bodyStart = start;
          let from = start;
          if (h.chomp) while (from < contentEnd && text.charCodeAt(from) === TAB) from++;
          lastEnd = contentEnd;
          if (contentEnd - from === h.name.length && text.startsWith(h.name, from)) {
            read[d] = {
              name: h.name,
              expand: h.expand,
              chomp: h.chomp,
              content: text.slice(bodyStart, start),
              span: { start: bodyStart, end: contentEnd },
            };
            terminated = true;
            break;
          }
        }
        if (!terminated) {
          return result({ message: "unterminated heredoc", line: startLine, span: { start: ts, end: lastEnd } });
        }
      }
      heredocs = read;
    }
    const lineNode: LineNode = { node, heredocs, startLine, endLine: currentLine, span: { start: ts, end: lastEnd } };
    nodeCount++;
    if (visit === undefined) nodes.push(lineNode);
    else visit(lineNode);
  }

  if (nodeCount === 0) {
    return result({ message: "file with no instructions", line: null, span: { start: 0, end: text.length } });
  }
  if (scanner.tooLong) {
    const max = MAX_LINE_BYTES - 1;
    return result({
      message: `dockerfile line greater than max allowed size of ${max}`,
      line: currentLine + 1,
      span: { start: text.length, end: text.length },
    });
  }
  return result(null);
}
