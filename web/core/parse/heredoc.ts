/**
 * Heredoc words (df/parser/parser.go heredocFromMatch, heredocsFromLine).
 * The line is split with the raw shell lexer; each word shaped `N<<-W` opens a
 * heredoc whose name is W with quotes removed; any quote in W turns expansion off.
 */
import { processWords } from "./shell-words";

export interface HeredocWord {
  readonly name: string;
  readonly expand: boolean;
  readonly chomp: boolean;
  readonly fileDescriptor: number;
}

export type HeredocWordResult =
  { readonly ok: true; readonly heredoc: HeredocWord | null } | { readonly ok: false; readonly error: string };

// reHeredoc: `^(\d*)<<(-?)\s*([^<]*)$` with Go's \s.
const HEREDOC = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

const quoteCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x27) n++;
  }
  return n;
};

/** ParseHeredoc: null when the word is no heredoc. */
export function parseHeredocWord(src: string): HeredocWordResult {
  const m = HEREDOC.exec(src);
  const rest = m?.[3] ?? "";
  if (m === null || rest === "") return { ok: true, heredoc: null };
  const plain = processWords(rest, { rawQuotes: false, rawEscapes: false });
  if (!plain.ok) return plain;
  if (plain.words.length !== 1) return { ok: true, heredoc: null };
  const raw = processWords(rest, { rawQuotes: true, rawEscapes: false });
  if (!raw.ok) return raw;
  if (raw.words.length !== plain.words.length) {
    return { ok: false, error: `internal lexing of heredoc produced inconsistent results: ${rest}` };
  }
  const name = plain.words[0] ?? "";
  return {
    ok: true,
    heredoc: {
      name,
      expand: quoteCount(name) === quoteCount(raw.words[0] ?? ""),
      chomp: m[2] === "-",
      fileDescriptor: Number(m[1] === "" ? "0" : m[1]),
    },
  };
}

/**
 * heredocsFromLine: a lexing error on the line (unbalanced quote, `${}`…) is
 * swallowed and yields no heredocs; an error inside a heredoc word is reported.
 */
export function heredocsFromLine(
  line: string,
): { readonly ok: true; readonly heredocs: HeredocWord[] } | { readonly ok: false; readonly error: string } {
  const lexed = processWords(line, { rawQuotes: true, rawEscapes: true });
  const words = lexed.ok ? lexed.words : [];
  const heredocs: HeredocWord[] = [];
  for (const word of words) {
    const r = parseHeredocWord(word);
    if (!r.ok) return r;
    if (r.heredoc !== null) heredocs.push(r.heredoc);
  }
  return { ok: true, heredocs };
}

/** ChompHeredocContent: leading tabs removed from every line (`(?m)^\t+`, lines split on \n only). */
export function chompHeredocContent(content: string): string {
  return content
    .split("\n")
    .map((line) => line.replace(/^\t+/, ""))
    .join("\n");
}
