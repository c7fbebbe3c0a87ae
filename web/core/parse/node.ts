/**
 * One instruction as df/parser builds it (newNodeFromLine): keyword, flag words,
 * and the arguments its line parser produced. ONBUILD holds its instruction as a child.
 */
import type { MappedText, Span } from "../source";
import type { Flag } from "./types";
import type { ArgsResult, ArgWord } from "./line-parsers";
import {
  parseHealthConfig,
  parseMaybeJSON,
  parseMaybeJSONToList,
  parseNameOrNameVal,
  parseNameVal,
  parseString,
  parseStringsWhitespaceDelimited,
} from "./line-parsers";
import { splitCommand } from "./split-command";

export interface RawNode {
  /** Keyword as written (node.Value). */
  readonly keyword: string;
  /** goToLower(keyword), what BuildKit dispatches on. */
  readonly lower: string;
  readonly keywordSpan: Span;
  /** The logical line (node.Original). */
  readonly original: MappedText;
  readonly flags: readonly Flag[];
  /** The arguments after the flags, trimmed. */
  readonly rest: MappedText;
  readonly args: readonly ArgWord[];
  readonly json: boolean;
  /** ONBUILD's instruction (parseSubCommand), parsed with the same escape token. */
  readonly child: RawNode | null;
}

type LineParser = (rest: MappedText, escapeToken: number) => ArgsResult;

const DISPATCH: ReadonlyMap<string, LineParser> = new Map<string, LineParser>([
  ["add", parseMaybeJSONToList],
  ["arg", parseNameOrNameVal],
  ["cmd", parseMaybeJSON],
  ["copy", parseMaybeJSONToList],
  ["entrypoint", parseMaybeJSON],
  ["env", (rest, esc) => parseNameVal(rest, "ENV", esc)],
  ["expose", parseStringsWhitespaceDelimited],
  ["from", parseStringsWhitespaceDelimited],
  ["healthcheck", parseHealthConfig],
  ["label", (rest, esc) => parseNameVal(rest, "LABEL", esc)],
  ["maintainer", parseString],
  ["run", parseMaybeJSON],
  ["shell", parseMaybeJSON],
  ["stopsignal", parseString],
  ["user", parseString],
  ["volume", parseMaybeJSONToList],
  ["workdir", parseString],
]);

/** newNodeFromLine: the node, or the error message parser.Parse stops with. */
export function newNodeFromLine(line: MappedText, escapeToken: number): RawNode | string {
  const split = splitCommand(line, escapeToken);
  const lower = split.lower;
  let args: readonly ArgWord[];
  let json = false;
  let child: RawNode | null = null;
  if (lower === "onbuild") {
    // parseSubCommand: the rest is an instruction line of its own.
    if (split.args.text === "") args = [];
    else {
      const made = newNodeFromLine(split.args, escapeToken);
      if (typeof made === "string") return made;
      child = made;
      const { start, end } = made.keywordSpan;
      args = [{ text: made.keyword, start, end }, ...made.args];
    }
  } else {
    const parse = DISPATCH.get(lower);
    if (parse === undefined) {
      // parseIgnore: an empty node, which nodeArgs turns into one empty argument.
      const { start, end } = split.keywordSpan;
      args = [{ text: "", start, end }];
    } else {
      const r = parse(split.args, escapeToken);
      if (typeof r === "string") return r;
      args = r.args;
      json = r.json;
    }
  }
  // An object literal, not a spread: a spread here was the parser's hottest line.
  return {
    keyword: split.keyword,
    lower,
    keywordSpan: split.keywordSpan,
    original: line,
    flags: split.flags,
    rest: split.args,
    args,
    json,
    child,
  };
}

const HEREDOC_KEYWORDS = new Set(["add", "copy", "run"]);

/** node.canContainHeredoc: RUN/COPY/ADD (also as ONBUILD's instruction), not in JSON form. */
export function canContainHeredoc(node: RawNode): boolean {
  const n = node.lower === "onbuild" && node.child !== null ? node.child : node;
  return HEREDOC_KEYWORDS.has(n.lower) && !n.json;
}
