/**
 * BuildKit's shell word expansion (df/shell/lex.go). Every Dockerfile
 * instruction that expands variables (RUN --mount values, ENV keys and
 * values, ARG defaults, WORKDIR, USER, FROM base names and --platform, …)
 * goes through ProcessWord / ProcessWordWithMatches with the same settings,
 * which is what `expandWord` reproduces.
 */
export { expandWord } from "./lexer";
export type { EnvLookup } from "./lexer";
export { goQuote, goToLower } from "./go-strings";
export type { EscapeToken, ExpandResult, VariableRef } from "./types";
