/**
 * One instruction as df/parser builds it (newNodeFromLine): keyword, flag words,
 * and the arguments its line parser produced. ONBUILD holds its instruction as a child.
 */
import type { MappedText, Span } from "../source";
import type { Flag } from "./types";
import { goToLower } from "../util/go-text";
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

export type NodeResult = { readonly ok: true; readonly node: RawNode } | { readonly ok: false; readonly error: string };

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

/** newNodeFromLine. */
export function newNodeFromLine(line: MappedText, escapeToken: number): NodeResult {
  const split = splitCommand(line, escapeToken);
  const lower = goToLower(split.keyword);
  // Object literals, not spreads: a spread here was the parser's hottest line.
  const make = (args: readonly ArgWord[], json: boolean, child: RawNode | null): RawNode => ({
    keyword: split.keyword,
    lower,
    keywordSpan: split.keywordSpan,
    original: line,
    flags: split.flags,
    rest: split.args,
    args,
    json,
    child,
  });
  if (lower === "onbuild") {
    // parseSubCommand: the rest is an instruction line of its own.
    if (split.args.text === "") return { ok: true, node: make([], false, null) };
    const child = newNodeFromLine(split.args, escapeToken);
    if (!child.ok) return child;
    const args: ArgWord[] = [{ text: child.node.keyword, span: child.node.keywordSpan }, ...child.node.args];
    return { ok: true, node: make(args, false, child.node) };
  }
  const parse = DISPATCH.get(lower);
  // parseIgnore: an empty node, which nodeArgs turns into one empty argument.
  if (parse === undefined) return { ok: true, node: make([{ text: "", span: split.keywordSpan }], false, null) };
  const r = parse(split.args, escapeToken);
  if (!r.ok) return r;
  return { ok: true, node: make(r.value.args, r.value.json, null) };
}

const HEREDOC_KEYWORDS = new Set(["add", "copy", "run"]);

/** node.canContainHeredoc: RUN/COPY/ADD (also as ONBUILD's instruction), not in JSON form. */
export function canContainHeredoc(node: RawNode): boolean {
  const n = node.lower === "onbuild" && node.child !== null ? node.child : node;
  return HEREDOC_KEYWORDS.has(n.lower) && !n.json;
}
