/**
 * The contract between parse/ (text → instructions, BuildKit's parse time)
 * and resolve/ (per-platform dispatch). Mirrors df/parser (Node) and
 * df/instructions (typed commands) closely enough that every parse-time
 * error BuildKit reports is reported here, with the same text.
 */
import type { MappedText, Span } from "../source";

export type { MappedText, Span } from "../source";

/**
 * An error BuildKit would stop with. `message` is BuildKit's exact error string,
 * without the client's "failed to solve: " / "ERROR: " decoration.
 *
 * Decision on the "dockerfile parse error on line N: " prefix: it is part of the
 * message whenever BuildKit's own error string has it, and only then. BuildKit
 * adds it in instructions.Parse (df/instructions/parse.go parseError) around
 * errors of ParseInstruction: flag errors, csv mount errors, arity errors,
 * unknown instructions… Errors of parser.Parse (directives, `ENV must have two
 * arguments`, `unterminated heredoc`, JSON arrays of non-strings) and of
 * instructions.Parse itself (`no build stage in current context`) are returned
 * bare, which is what the corpus expected.json records (e.g. 037's
 * "no build stage in current context"). So a report can show `message` verbatim
 * as BuildKit's per-platform error.
 */
export interface BuildkitError {
  readonly message: string;
  /** 1-based line the error belongs to (the instruction's first line), when BuildKit names one. */
  readonly line: number | null;
  /** Where in the source to put the squiggle (as narrow as we can: the mount option, the flag…). */
  readonly span: Span;
}

/** BuildKit lint warnings we reproduce (df/linter/ruleset.go names). */
export interface LintWarning {
  readonly rule: "NoEmptyContinuation" | "UndefinedVar" | "ReservedStageName" | "DuplicateStageName" | string;
  readonly message: string;
  readonly span: Span;
}

export interface Directives {
  /** From parser.Parse's own reading of `# escape=` (not honoured after a `#!` line). */
  readonly escapeToken: "\\" | "`";
  /**
   * `syntax` as DetectSyntax finds it (`#`, then `//`, then a JSON object; a `#!`
   * first line skipped); `check` as ParseDirective finds it (`#` form only). The
   * value is the first space-separated word of the directive's value: what
   * BuildKit uses (the frontend image ref; the check options). Span: the line.
   */
  readonly syntax: { readonly value: string; readonly span: Span } | null;
  readonly check: { readonly value: string; readonly span: Span } | null;
}

/** One `--name[=value]` word extracted from an instruction's start (df/parser/split_command.go). */
export interface Flag {
  /**
   * Name as BuildKit compares it: the word after its leading `--` and up to the
   * first `=`, with quotes and escapes already processed, case kept (flag names
   * are case-sensitive). Errors print it as `--` + name.
   */
  readonly name: string;
  /** Value after quote removal and escape processing; null for a bare `--name`. */
  readonly value: MappedText | null;
  /** The whole flag word in the source. */
  readonly span: Span;
}

export interface Heredoc {
  /** The terminator word with quotes removed. */
  readonly name: string;
  /** false when any part of the word was quoted (`<<'EOF'`, `<<E"O"F`). */
  readonly expand: boolean;
  /** `<<-`: leading tabs are stripped from the content when used (chompHeredocContent). */
  readonly chomp: boolean;
  /** The raw body lines, line endings included, leading tabs kept. */
  readonly content: string;
  /** The body and the terminator line. */
  readonly span: Span;
}

/** A `key=value` (or bare `key`) field of a `--mount` CSV value (commands_runmount.go + go-csvvalue). */
export interface MountField {
  /** Lower-cased key, as BuildKit compares it. */
  readonly key: string;
  /** The field as written after CSV unquoting, e.g. `id=${TARGETARCH}/x`. */
  readonly raw: string;
  /** Value before expansion (text after the first `=`); null for a bare word like `ro`. */
  readonly value: MappedText | null;
  /** The key in the source (for squiggles on unknown keys). */
  readonly keySpan: Span;
  /** The whole field in the source. */
  readonly span: Span;
}

/** One `--mount` flag of a RUN, split into CSV fields at parse time. */
export interface MountSpec {
  readonly flag: Flag;
  readonly fields: readonly MountField[];
}

interface CommandBase {
  /** Lower-case keyword. */
  readonly keyword: string;
  /**
   * 1-based first and last source line of the instruction (heredoc bodies
   * included), counted as BuildKit counts them: only \n ends a line (a lone \r
   * does not, unlike LineIndex, which follows the editor).
   */
  readonly startLine: number;
  readonly endLine: number;
  /** The whole instruction in the source. */
  readonly span: Span;
  readonly flags: readonly Flag[];
}

export interface FromCommand extends CommandBase {
  readonly kind: "from";
  /** Base name as written (before expansion with global ARGs). */
  readonly image: string;
  readonly imageSpan: Span;
  /** Stage name lower-cased (`AS Build` → `build`), or null. */
  readonly stageName: string | null;
  readonly stageNameSpan: Span | null;
  /** `--platform` value as written (unexpanded), or null. */
  readonly platform: MappedText | null;
}

/**
 * A `name[=value]` of ARG / ENV as BuildKit's parser keeps it: words are split
 * by parseWords, which keeps quotes and escape tokens (`c="x y"` has the value
 * `"x y"`); BuildKit removes them when it expands key and value at dispatch, so
 * pass both through the word expander. Legacy `ENV K v w` gives value `v w`.
 */
export interface KeyValue {
  readonly key: string;
  /** null for `ARG NAME` with no `=`. Unexpanded. */
  readonly value: string | null;
  readonly span: Span;
}

export interface ArgCommand extends CommandBase {
  readonly kind: "arg";
  readonly args: readonly KeyValue[];
}

export interface EnvCommand extends CommandBase {
  readonly kind: "env";
  readonly env: readonly (KeyValue & { readonly value: string })[];
}

export interface WorkdirCommand extends CommandBase {
  readonly kind: "workdir";
  /** Unexpanded path. */
  readonly path: string;
}

export interface UserCommand extends CommandBase {
  readonly kind: "user";
  readonly user: string;
}

export interface RunCommand extends CommandBase {
  readonly kind: "run";
  readonly mounts: readonly MountSpec[];
  /** The command text after the flags (shell form joined, or the JSON array's words joined with spaces). */
  readonly command: string;
  /** Where the command text starts in the source (fixes that add a step insert here). */
  readonly commandSpan: Span;
  readonly heredocs: readonly Heredoc[];
}

export interface CopyCommand extends CommandBase {
  readonly kind: "copy" | "add";
  /** `--from` value after flag-word processing (may be ""), or null when absent. Always null for ADD. */
  readonly from: string | null;
}

export interface OnbuildCommand extends CommandBase {
  readonly kind: "onbuild";
  /**
   * The trigger as BuildKit parses it when a stage `FROM <this stage>` dispatches
   * it (dockerfile2llb initOnBuildTriggers): re-parsed with the default escape `\`.
   * null when that parse fails.
   */
  readonly inner: Command | null;
  /**
   * The error BuildKit reports when the trigger fires (not at parse time: only in
   * a built child stage), bare as ParseCommand returns it; null when it parses.
   */
  readonly innerError: BuildkitError | null;
}

export interface OtherCommand extends CommandBase {
  readonly kind: "other";
}

export type Command =
  | FromCommand
  | ArgCommand
  | EnvCommand
  | WorkdirCommand
  | UserCommand
  | RunCommand
  | CopyCommand
  | OnbuildCommand
  | OtherCommand;

/** Everything parse time knows. */
export interface ParsedDockerfile {
  readonly directives: Directives;
  /**
   * Commands in source order, including the global ARGs before the first FROM.
   * Instructions that fail to parse (see `errors`) are left out.
   */
  readonly commands: readonly Command[];
  /**
   * The first parse-time error BuildKit stops with (it applies to every platform
   * and every stage, built or not), or null.
   */
  readonly error: BuildkitError | null;
  /**
   * Every parse-time error found, for the editor's markers (BuildKit reports only
   * the first; `error` is that one).
   */
  readonly errors: readonly BuildkitError[];
  readonly warnings: readonly LintWarning[];
}
