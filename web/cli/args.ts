/**
 * Command-line arguments → options, as pure data (no process access: the
 * environment comes in as a parameter so `--build-arg K` can be tested).
 *
 * Flags mirror `docker buildx build` where they overlap: `--platform` is a
 * repeatable comma list, `--build-arg K=V` is repeatable and `K` alone takes
 * the value from the environment or is dropped when unset (buildx
 * build/build.go listToMap with defaultEnv), later values win, and
 * `--flag value` and `--flag=value` are both accepted (cobra/pflag).
 */
import type { FixStyle } from "../core/report/types";
import { suggest } from "../core/util/suggest";

export type OutputFormat = "text" | "json" | "markdown" | "sarif" | "github" | "link";
export type FailOn = "error" | "warning" | "info" | "never";

export const OUTPUT_FORMATS: readonly OutputFormat[] = ["text", "json", "markdown", "sarif", "github", "link"];
export const FAIL_ON_LEVELS: readonly FailOn[] = ["error", "warning", "info", "never"];
export const FIX_STYLES: readonly FixStyle[] = ["TARGETPLATFORM", "TARGETARCH+TARGETVARIANT", "TARGETARCH"];

/** The operand that means standard input. */
export const STDIN = "-";

export interface CliOptions {
  /** Dockerfiles in the order given; `-` is standard input. */
  readonly files: readonly string[];
  /** Target platforms as typed, comma lists split (empty = the build platform). */
  readonly platforms: readonly string[];
  readonly buildPlatform: string | null;
  readonly buildArgs: Readonly<Record<string, string>>;
  readonly target: string | null;
  /** Print the fixed Dockerfile instead of a report. */
  readonly fix: boolean;
  /** Rewrite each file with its safe fixes, then report what remains. */
  readonly write: boolean;
  readonly style: FixStyle | null;
  readonly failOn: FailOn;
  readonly format: OutputFormat;
  /** Where the playground lives (rule pages, links); null = the package's homepage. */
  readonly baseUrl: string | null;
  readonly verbose: boolean;
}

export type ParsedArgs =
  | { readonly kind: "run"; readonly options: CliOptions }
  | { readonly kind: "help" }
  | { readonly kind: "version" }
  | { readonly kind: "usage-error"; readonly message: string };

type ValueFlag = "platform" | "build-platform" | "build-arg" | "target" | "style" | "fail-on" | "format" | "base-url";
type BoolFlag = "fix" | "write" | "verbose" | "help" | "version";

const VALUE_FLAGS: readonly ValueFlag[] = [
  "platform",
  "build-platform",
  "build-arg",
  "target",
  "style",
  "fail-on",
  "format",
  "base-url",
];
const BOOL_FLAGS: readonly BoolFlag[] = ["fix", "write", "verbose", "help", "version"];
const ALL_FLAGS: readonly string[] = [...VALUE_FLAGS, ...BOOL_FLAGS].map((f) => `--${f}`);

class UsageError extends Error {}

/** Parses `argv` (without node and the script). `env` answers `--build-arg NAME`. */
export function parseArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  try {
    return parse(argv, env);
  } catch (e) {
    if (e instanceof UsageError) return { kind: "usage-error", message: e.message };
    throw e;
  }
}

function parse(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ParsedArgs {
  const files: string[] = [];
  const platforms: string[] = [];
  const buildArgs: Record<string, string> = {};
  let buildPlatform: string | null = null;
  let target: string | null = null;
  let style: FixStyle | null = null;
  let failOn: FailOn = "error";
  let format: OutputFormat | null = null;
  let baseUrl: string | null = null;
  const bools = { fix: false, write: false, verbose: false, help: false, version: false };

  let operandsOnly = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    if (operandsOnly || arg === STDIN || !arg.startsWith("-")) {
      files.push(arg);
      continue;
    }
    if (arg === "--") {
      operandsOnly = true;
      continue;
    }
    if (arg === "-h") {
      bools.help = true;
      continue;
    }
    if (!arg.startsWith("--")) throw new UsageError(`unknown shorthand flag: ${JSON.stringify(arg)}`);

    const eq = arg.indexOf("=");
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const inline = eq < 0 ? null : arg.slice(eq + 1);

    if (isBoolFlag(name)) {
      bools[name] = inline === null ? true : parseBool(name, inline);
      continue;
    }
    if (!isValueFlag(name)) {
      const hint = suggest(`--${name}`, ALL_FLAGS, true);
      throw new UsageError(`unknown flag: --${name}${hint === null ? "" : ` (did you mean ${hint}?)`}`);
    }
    let value: string;
    if (inline !== null) value = inline;
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new UsageError(`flag needs an argument: --${name}`);
      value = next;
      i++;
    }
    switch (name) {
      case "platform":
        platforms.push(...value.split(","));
        break;
      case "build-platform":
        buildPlatform = value;
        break;
      case "build-arg":
        addBuildArg(buildArgs, value, env);
        break;
      case "target":
        target = value;
        break;
      case "style":
        style = oneOf(name, value, FIX_STYLES, false);
        break;
      case "fail-on":
        failOn = oneOf(name, value, FAIL_ON_LEVELS, true);
        break;
      case "format":
        format = oneOf(name, value, OUTPUT_FORMATS, true);
        break;
      case "base-url":
        baseUrl = value;
        break;
    }
  }

  if (bools.help) return { kind: "help" };
  if (bools.version) return { kind: "version" };
  if (files.length === 0) throw new UsageError("no Dockerfile given (name one or more files, or - for standard input)");
  if (files.filter((f) => f === STDIN).length > 1) throw new UsageError("standard input (-) can be read only once");
  if (files.includes("")) throw new UsageError("empty file name");
  if (bools.fix && bools.write)
    throw new UsageError("--fix prints the fixed Dockerfile; --write rewrites it: pick one");
  if (bools.fix && format !== null) {
    throw new UsageError("--fix prints the fixed Dockerfile, not a report: drop --format (or use --write)");
  }
  if (bools.fix && files.length > 1) throw new UsageError("--fix prints one Dockerfile: give one file, or use --write");
  if (bools.write && files.includes(STDIN)) throw new UsageError("--write cannot rewrite standard input: use --fix");

  return {
    kind: "run",
    options: {
      files,
      platforms,
      buildPlatform,
      buildArgs,
      target,
      fix: bools.fix,
      write: bools.write,
      style,
      failOn,
      format: format ?? "text",
      baseUrl,
      verbose: bools.verbose,
    },
  };
}

/** `K=V` sets K; `K` alone copies K from the environment when set (docker's behaviour), else nothing. */
function addBuildArg(into: Record<string, string>, value: string, env: Readonly<Record<string, string | undefined>>) {
  const eq = value.indexOf("=");
  const key = eq < 0 ? value : value.slice(0, eq);
  if (key === "") throw new UsageError(`invalid key-value pair ${JSON.stringify(value)}: empty key`);
  if (eq >= 0) {
    into[key] = value.slice(eq + 1);
    return;
  }
  // Own-property check: a name like `constructor` must not read Object.prototype.
  const fromEnv = Object.prototype.hasOwnProperty.call(env, key) ? env[key] : undefined;
  if (fromEnv !== undefined) into[key] = fromEnv;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[], caseSensitive: boolean): T {
  const match = allowed.find((a) => (caseSensitive ? a === value : a.toLowerCase() === value.toLowerCase()));
  if (match !== undefined) return match;
  const hint = suggest(value, allowed, caseSensitive);
  throw new UsageError(
    `invalid argument ${JSON.stringify(value)} for "--${flag}": must be one of ${allowed.join(", ")}` +
      (hint === null ? "" : ` (did you mean ${hint}?)`),
  );
}

/** pflag accepts Go's ParseBool spellings for `--flag=value`. */
function parseBool(flag: string, value: string): boolean {
  if (["1", "t", "T", "true", "TRUE", "True"].includes(value)) return true;
  if (["0", "f", "F", "false", "FALSE", "False"].includes(value)) return false;
  throw new UsageError(`invalid argument ${JSON.stringify(value)} for "--${flag}" flag: expected true or false`);
}

function isBoolFlag(name: string): name is BoolFlag {
  return (BOOL_FLAGS as readonly string[]).includes(name);
}

function isValueFlag(name: string): name is ValueFlag {
  return (VALUE_FLAGS as readonly string[]).includes(name);
}
