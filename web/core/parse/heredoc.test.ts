import { describe, expect, it } from "vitest";
import { chompHeredocContent, heredocsFromLine, parseHeredocWord } from "./heredoc";
import { processWords } from "./shell-words";

const names = (line: string): string[] | string => {
  const r = heredocsFromLine(line);
  return r.ok ? r.heredocs.map((h) => h.name) : r.error;
};

describe("heredoc words", () => {
  it("recognises the heredoc shapes BuildKit accepts", () => {
    for (const src of [
      "<<EOF",
      "<<'EOF'",
      '<<"EOF"',
      "<<-EOF",
      "<<-'EOF'",
      '<<-"EOF"',
      '<<EO"F"',
      "<< EOF",
      "<<- EOF",
    ]) {
      const r = parseHeredocWord(src);
      expect(r.ok && r.heredoc?.name).toBe("EOF");
    }
  });

  it("flags an unbalanced quote in the word", () => {
    expect(parseHeredocWord("<<'EOF")).toEqual({
      ok: false,
      error: 'failed to process "\'EOF": unexpected end of statement while looking for matching single-quote',
    });
    for (const src of ['<<"EOF', "<<EOF'", '<<EOF"']) expect(parseHeredocWord(src).ok).toBe(false);
  });

  it("ignores words that are no heredoc", () => {
    for (const src of ["", "EOF", "<<", "<<-", "<EOF", "<<<EOF", "<<EOF sh"]) {
      expect(parseHeredocWord(src)).toEqual({ ok: true, heredoc: null });
    }
  });

  it("reads chomp, expansion and the file descriptor", () => {
    expect(parseHeredocWord("3<<-'E'")).toEqual({
      ok: true,
      heredoc: { name: "E", expand: false, chomp: true, fileDescriptor: 3 },
    });
  });

  it("finds the heredocs of a line in order", () => {
    expect(names("RUN <<EOF")).toEqual(["EOF"]);
    // The lexer keeps blanks only right after `<<`, so `<<- EOF` splits into two words and opens nothing
    // (BuildKit's own TestHeredocsFromLine lists it, but only checks the heredocs it gets back).
    expect(names("RUN <<- EOF")).toEqual([]);
    expect(names("RUN << -EOF")).toEqual(["-EOF"]);
    expect(names("RUN 4<<EOF")).toEqual(["EOF"]);
    expect(names("RUN <<EOF <<EOF2")).toEqual(["EOF", "EOF2"]);
    expect(names("RUN '<<EOF'")).toEqual([]);
    expect(names('RUN "<<EOF"')).toEqual([]);
    expect(names("RUN cat <<EOF>file")).toEqual(["EOF>file"]);
  });

  it("finds none when the shell lexer fails on the line", () => {
    expect(names("RUN <<EOF echo 'unterminated")).toEqual([]);
    expect(names("RUN <<EOF ${}")).toEqual([]);
    expect(names("RUN <<EOF ${X:-ok}")).toEqual(["EOF"]);
  });

  it("chomps leading tabs line by line", () => {
    expect(chompHeredocContent("\thello\n\t\tworld\n x\n")).toBe("hello\nworld\n x\n");
  });
});

describe("shell words with an empty environment", () => {
  const words = (s: string, raw = false) => {
    const r = processWords(s, { rawQuotes: raw, rawEscapes: raw });
    return r.ok ? r.words : r.error;
  };

  it("writes variables back instead of expanding them", () => {
    expect(words("a $X ${Y} ${Z:-w} ${P/a/b} ${Q//a/b}")).toEqual([
      "a",
      "$X",
      "${Y}",
      "${Z:-w}",
      "${P/a/b}",
      "${Q/a/b}",
    ]);
  });

  it("splits no word at a blank after an empty quoted string (lex.go addChar checks the word's length)", () => {
    // Answers of BuildKit's own ProcessWords (SkipUnsetEnv, empty environment).
    expect(words("'' foo")).toEqual(["foo"]);
    expect(words("a '' b")).toEqual(["a", "b"]);
    expect(words("'' ")).toEqual([]);
    expect(words('"" x')).toEqual(["x"]);
    expect(words("a '' b", true)).toEqual(["a", "''", "b"]);
  });

  it("keeps or drops quotes and escapes as asked", () => {
    expect(words(`'a b' "c\\"d" e\\ f`)).toEqual(["a b", 'c"d', "e f"]);
    expect(words(`'a b' "c\\"d" e\\ f`, true)).toEqual(["'a b'", '"c\\"d"', "e\\ f"]);
  });

  it("reports BuildKit's substitution errors", () => {
    expect(words("${}")).toBe('failed to process "${}": syntax error: bad substitution');
    expect(words("${X")).toBe('failed to process "${X": unsupported modifier (\ufffd) in substitution');
    expect(words("${X:-w")).toBe("failed to process \"${X:-w\": syntax error: missing '}'");
    expect(words("${X:#p}")).toBe('failed to process "${X:#p}": unsupported modifier (:#) in substitution');
    expect(words("${X/a}")).toBe("failed to process \"${X/a}\": syntax error: missing '/' in ${}");
  });
});
