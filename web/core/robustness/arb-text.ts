/**
 * Random text for analyze(): any code points, any UTF-16 units (lone
 * surrogates), control bytes, and a token soup of the pieces Dockerfile
 * parsing, flag splitting, CSV and expansion care about. For the property
 * tests and scripts/fuzz.ts only (see arbitraries.ts).
 */
import fc from "fast-check";

/** A UTF-16 code unit, lone surrogates included (what a JS string can hold that UTF-8 cannot). */
export const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Strings of any code points, of any code units (lone surrogates), and of control/ASCII bytes. */
export const randomString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.string({ unit: codeUnit, maxLength: 200 }),
  fc.string({ unit: "binary-ascii", maxLength: 400 }),
);

/** Pieces of text that mean something to the parser, the splitter, the CSV reader or the expander. */
// prettier-ignore
export const TOKENS = [
  "FROM ", "FROM alpine\n", "RUN ", "run ", "ARG ", "ENV ", "WORKDIR ", "COPY ", "AS ", " AS b", "ONBUILD ",
  "--mount=", "--mount ", "--Mount=", "--platform=", "--network=none", "--from=", "-- ", "--", "type=cache",
  "type=bind", "target=", "dst=", "id=", "sharing=locked", "from=", "source=", "uid=", "mode=", "ro",
  "size=1G", "required", ",", ",,", "=", "==", "$", "${", "}", "$$", "$1", ":-", "-", ":+", "+", ":?", "?",
  "#", "##", "%", "%%", "/", "//", ":#", ":=", "\\", "\\\\", "`", "'", '"', '""', "\\\n", "`\n", "\\ \n",
  "\\\r\n", "\n", "\r\n", "\r", " ", "\t", "  ", "# escape=`\n", "# escape=\\\n",
  "# syntax=docker/dockerfile:1\n", "# check=error=true\n", "#!/bin/sh\n", "# c\n", "<<EOF", "<<-EOF",
  "<<'EOF'", "EOF", "\tEOF", '["sh", "-c"]', "[", "]", "TARGETARCH", "TARGETPLATFORM", "TARGETVARIANT",
  "BUILDPLATFORM", "BUILDKIT_CACHE_MOUNT_NS", "X", "x", "/root/.cache", "/var/cache/apk", ".", "..", "a,b",
  "*", "\0", "\uFEFF", "\uD800", "\uDC00", "é", "日本", "\u{1F600}", "\u2028", "\u0085", "\x7f",
];

/** Random sequences of the tokens above, with the odd random character among them. */
export const tokenSoup: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...TOKENS) }, { weight: 1, arbitrary: codeUnit }),
  maxLength: 120,
});
