/**
 * The contract between parse/ (text → instructions, BuildKit's parse time)
 * and resolve/ (per-platform dispatch). Mirrors df/parser (Node) and
 * df/instructions (typed commands) closely enough that every parse-time
 * error BuildKit reports is reported here, with the same text.
 */
import type { MappedText, Span } from "../source";

/** An error BuildKit would stop with. `message` is BuildKit's exact text, without any CLI prefix. */
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
  readonly escapeToken: "\\" | "`";
  readonly syntax: { readonly value: string; readonly span: Span } | null;
  readonly check: { readonly value: string; readonly span: Span } | null;
}

/** One `--name[=value]` word extracted from an instruction's start (df/parser/split_command.go). */
export interface Flag {
  /** Name as written, case kept (flag names are case-sensitive). */
  readonly name: string;
  /** Value after quote removal and escape processing; null for a bare `--name`. */
  readonly value: MappedText | null;
  /** The whole flag word in the source. */
  readonly span: Span;
}

export interface Heredoc {
  readonly name: string;
  readonly expand: boolean;
  readonly chomp: boolean;
  readonly content: string;
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
  /** 1-based first and last source line of the instruction (heredoc bodies included). */
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

/** A `name[=value]` of ARG / ENV, after BuildKit's quote processing of the word. */
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
  /** `--from` value as written, or null. */
  readonly from: string | null;
}

export interface OnbuildCommand extends CommandBase {
  readonly kind: "onbuild";
  readonly inner: Command | null;
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
  /** Commands in source order, including the global ARGs before the first FROM. */
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
