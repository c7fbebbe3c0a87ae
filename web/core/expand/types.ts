/** One variable lookup made while expanding a word (df/shell/lex.go getEnv). */
export interface VariableRef {
  /** The name looked up: `V` for `$V`/`${V…}`; `1`, `@`, `$`… for positional/special parameters; "" for `${:-x}`-like forms that reach a lookup. */
  readonly name: string;
  /** Whether the environment had the name (BuildKit's Matched vs Unmatched sets). */
  readonly defined: boolean;
  /** Index in the expanded word of the reference's `$`. */
  readonly start: number;
  /** Index just past the reference (after the name, or after the closing `}`). */
  readonly end: number;
}

/**
 * Result of expanding one word. `uses` lists every lookup in the order lex.go
 * makes it: an operator's word (`w` in `${V:-w}`, pattern and replacement of
 * `${V/p/r}`) is expanded before `V` itself is looked up.
 */
export type ExpandResult =
  | { readonly ok: true; readonly value: string; readonly uses: readonly VariableRef[] }
  | {
      readonly ok: false;
      /** BuildKit's full message: `failed to process "<word>": <reason>`. */
      readonly error: string;
      /** The lexer's own message without the `failed to process` wrapper, e.g. `syntax error: bad substitution`. */
      readonly reason: string;
      readonly uses: readonly VariableRef[];
    };

/** The Dockerfile's escape token (`# escape=` directive). */
export type EscapeToken = "\\" | "`";
