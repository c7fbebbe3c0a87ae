/**
 * Node → typed command, with every parse-time check of
 * df/instructions/parse.go ParseInstruction (at BuildKit HEAD, stable syntax).
 * Checks run in BuildKit's order, which differs per instruction (COPY counts
 * its arguments before looking at flags, FROM checks the stage name first…).
 * Messages are returned bare; the caller adds "dockerfile parse error on line N: ".
 */
import type { MappedText, Span } from "../source";
import { sliceMapped, spanOf } from "../source";
import { withSuggestion } from "../util/suggest";
import type {
  ArgCommand,
  Command,
  CopyCommand,
  EnvCommand,
  FromCommand,
  Heredoc,
  KeyValue,
  OnbuildCommand,
  RunCommand,
  UserCommand,
  WorkdirCommand,
} from "./types";
import type { FlagSpec } from "./bflags";
import { checkFlags, flagsNamed, flagValue } from "./bflags";
import { parseDevices } from "./device";
import { parseGoDuration } from "./go-duration";
import { parseGoInt32 } from "./go-strconv";
import { equalFoldAs, goQuote, goToLower, goToUpper, isGoSpace } from "../util/go-text";
import { parseHeredocWord } from "./heredoc";
import type { ArgWord } from "./line-parsers";
import { trimRange } from "./mapped-builder";
import { parseMountSpecs } from "./mount-fields";
import type { RawNode } from "./node";
import { newNodeFromLine } from "./node";
import { INSTRUCTIONS } from "./keywords";

export interface InstructionInput {
  readonly node: RawNode;
  readonly heredocs: readonly Heredoc[];
  readonly startLine: number;
  readonly endLine: number;
  readonly span: Span;
}

/** A parse-time failure: BuildKit's message (unprefixed) and where to put the squiggle. */
export interface InstructionError {
  readonly kind: "error";
  readonly error: string;
  readonly span: Span;
}

/** The typed command, or why BuildKit refuses the instruction. */
export type InstructionResult = Command | InstructionError;

const fail = (error: string, span: Span): InstructionError => ({ kind: "error", error, span });

/** A word's span (words keep theirs as two numbers). */
const spanOfWord = (w: ArgWord): Span => ({ start: w.start, end: w.end });

const RUN_FLAGS: FlagSpec[] = [
  { name: "device", kind: "strings" },
  { name: "mount", kind: "strings" },
  { name: "network", kind: "string" },
  { name: "security", kind: "string" },
];
const COPY_FLAGS: FlagSpec[] = [
  { name: "chown", kind: "string" },
  { name: "from", kind: "string" },
  { name: "chmod", kind: "string" },
  { name: "link", kind: "bool" },
  { name: "exclude", kind: "strings" },
  { name: "parents", kind: "bool" },
];
const ADD_FLAGS: FlagSpec[] = [
  { name: "chown", kind: "string" },
  { name: "chmod", kind: "string" },
  { name: "link", kind: "bool" },
  { name: "keep-git-dir", kind: "bool" },
  { name: "checksum", kind: "string" },
  { name: "unpack", kind: "bool" },
  { name: "exclude", kind: "strings" },
];
const FROM_FLAGS: FlagSpec[] = [{ name: "platform", kind: "string" }];
const HEALTHCHECK_FLAGS: FlagSpec[] = [
  { name: "interval", kind: "string" },
  { name: "timeout", kind: "string" },
  { name: "start-period", kind: "string" },
  { name: "start-interval", kind: "string" },
  { name: "retries", kind: "string" },
];
const NONE: FlagSpec[] = [];

const VALID_STAGE_NAME = /^[a-z][a-z0-9_.-]*$/;
const NETWORK_MODES = new Set(["default", "none", "host"]);
const SECURITY_MODES = new Set(["insecure", "sandbox"]);

const atLeastOne = (cmd: string): string => `${cmd} requires at least one argument`;
const exactlyOne = (cmd: string): string => `${cmd} requires exactly one argument`;
const noDestination = (cmd: string): string =>
  `${cmd} requires at least two arguments, but only one was provided. Destination could not be determined`;

/** BFlags.Parse for the instruction: the error to return, or null. */
function flagError(input: InstructionInput, specs: readonly FlagSpec[]): InstructionError | null {
  const flags = input.node.flags;
  if (flags.length === 0) return null;
  const r = checkFlags(flags, specs);
  return r === null ? null : fail(r.error, r.flag.span);
}

/**
 * A command with nothing but the common fields. Commands are written out as
 * full object literals rather than `{ ...base, … }`: in V8 the spread was a
 * measurable share of parse time.
 */
function other(input: InstructionInput): Command {
  return {
    kind: "other",
    keyword: input.node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags: input.node.flags,
  };
}

/** The arity check's message (null: fine), then flag validation, then an "other" command. */
function simple(input: InstructionInput, arity: string | null): InstructionResult {
  if (arity !== null) return fail(arity, input.span);
  return flagError(input, NONE) ?? other(input);
}

/** ParseInstruction: the typed command, or BuildKit's (unprefixed) message. */
export function parseInstruction(input: InstructionInput): InstructionResult {
  const { node } = input;
  const args = node.args;

  switch (node.lower) {
    case "env":
      return parseEnv(input);
    case "maintainer":
      return simple(input, args.length !== 1 ? exactlyOne("MAINTAINER") : null);
    case "label":
      return flagError(input, NONE) ?? checkKvps(args, "LABEL", input.span) ?? other(input);
    case "add":
      return parseCopy(input, "add");
    case "copy":
      return parseCopy(input, "copy");
    case "from":
      return parseFrom(input);
    case "onbuild":
      return parseOnbuild(input);
    case "workdir": {
      if (args.length !== 1) return fail(exactlyOne("WORKDIR"), input.span);
      const bad = flagError(input, NONE);
      if (bad !== null) return bad;
      const cmd: WorkdirCommand = {
        kind: "workdir",
        keyword: node.lower,
        startLine: input.startLine,
        endLine: input.endLine,
        span: input.span,
        flags: node.flags,
        path: args[0]?.text ?? "",
      };
      return cmd;
    }
    case "run":
      return parseRun(input);
    case "cmd":
    case "entrypoint":
      return simple(input, null);
    case "healthcheck":
      return parseHealthcheck(input);
    case "expose":
      return simple(input, args.length === 0 ? atLeastOne("EXPOSE") : null);
    case "user": {
      if (args.length !== 1) return fail(exactlyOne("USER"), input.span);
      const bad = flagError(input, NONE);
      if (bad !== null) return bad;
      const cmd: UserCommand = {
        kind: "user",
        keyword: node.lower,
        startLine: input.startLine,
        endLine: input.endLine,
        span: input.span,
        flags: node.flags,
        user: args[0]?.text ?? "",
      };
      return cmd;
    }
    case "volume": {
      if (args.length === 0) return fail(atLeastOne("VOLUME"), input.span);
      const bad = flagError(input, NONE);
      if (bad !== null) return bad;
      for (const a of args) {
        const [s, e] = trimRange(a.text, isGoSpace);
        if (s === e) return fail("VOLUME specified can not be an empty string", spanOfWord(a));
      }
      return other(input);
    }
    case "stopsignal":
      // parseStopSignal never looks at its flags.
      return args.length !== 1 ? fail(exactlyOne("STOPSIGNAL"), input.span) : other(input);
    case "arg":
      return parseArg(input);
    case "shell": {
      const bad = flagError(input, NONE);
      if (bad !== null) return bad;
      if (args.length === 0) return fail(atLeastOne("SHELL"), input.span);
      if (!node.json) return fail("SHELL requires the arguments to be in JSON form", input.span);
      return other(input);
    }
    default:
      return fail(
        withSuggestion(`unknown instruction: ${node.keyword}`, node.keyword, INSTRUCTIONS, false),
        node.keywordSpan,
      );
  }
}

/** parseKvps' checks; the pairs come as (key, value, delimiter) triples. */
function checkKvps(args: readonly ArgWord[], cmd: string, span: Span): InstructionError | null {
  if (args.length === 0) return fail(atLeastOne(cmd), span);
  if (args.length % 3 !== 0) return fail(`Bad input to ${cmd}, too many arguments`, span);
  for (let j = 0; j < args.length; j += 3) {
    const key = args[j];
    if (key !== undefined && key.text.length === 0) return fail(`${cmd} names can not be blank`, spanOfWord(key));
  }
  return null;
}

function parseEnv(input: InstructionInput): InstructionResult {
  const bad = flagError(input, NONE);
  if (bad !== null) return bad;
  const args = input.node.args;
  const badKv = checkKvps(args, "ENV", input.span);
  if (badKv !== null) return badKv;
  // Exact size (args come in triples): this list is part of the output.
  const env = new Array<KeyValue & { readonly value: string }>(args.length / 3);
  for (let j = 0; j + 2 < args.length; j += 3) {
    const key = args[j]!;
    const value = args[j + 1]!;
    env[j / 3] = { key: key.text, value: value.text, span: { start: key.start, end: value.end } };
  }
  const cmd: EnvCommand = {
    kind: "env",
    keyword: input.node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags: input.node.flags,
    env,
  };
  return cmd;
}

function parseArg(input: InstructionInput): InstructionResult {
  const args = input.node.args;
  if (args.length < 1) return fail(atLeastOne("ARG"), input.span);
  const pairs = new Array<KeyValue>(args.length);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.text.indexOf("=");
    if (eq === 0) return fail("ARG names can not be blank", spanOfWord(a));
    pairs[i] =
      eq === -1
        ? { key: a.text, value: null, span: spanOfWord(a) }
        : { key: a.text.slice(0, eq), value: a.text.slice(eq + 1), span: spanOfWord(a) };
  }
  // parseArg never looks at its flags.
  const cmd: ArgCommand = {
    kind: "arg",
    keyword: input.node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags: input.node.flags,
    args: pairs,
  };
  return cmd;
}

function parseFrom(input: InstructionInput): InstructionResult {
  const args = input.node.args;
  let stageName: string | null = null;
  let stageNameSpan: Span | null = null;
  const asWord = args[1];
  const nameWord = args[2];
  if (args.length === 3 && asWord !== undefined && nameWord !== undefined && equalFoldAs(asWord.text)) {
    stageName = goToLower(nameWord.text);
    stageNameSpan = spanOfWord(nameWord);
    if (!VALID_STAGE_NAME.test(stageName)) {
      return fail(
        `invalid name for build stage: ${goQuote(nameWord.text)}, name can't start with a number or contain symbols`,
        stageNameSpan,
      );
    }
  } else if (args.length !== 1) {
    return fail("FROM requires either one or three arguments", input.span);
  }
  const bad = flagError(input, FROM_FLAGS);
  if (bad !== null) return bad;
  const image = args[0];
  const cmd: FromCommand = {
    kind: "from",
    keyword: input.node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags: input.node.flags,
    image: image?.text ?? "",
    imageSpan: image === undefined ? input.span : spanOfWord(image),
    stageName,
    stageNameSpan,
    platform: flagValue(input.node.flags, "platform"),
  };
  return cmd;
}

/** parseSourcesAndDest's check: the destination cannot be a heredoc. */
function destIsHeredoc(dest: string): boolean {
  // Every heredoc word holds `<<`: most destinations need no regex at all.
  if (!dest.includes("<<")) return false;
  const r = parseHeredocWord(dest);
  return r.ok && r.heredoc !== null;
}

function parseCopy(input: InstructionInput, kind: "copy" | "add"): InstructionResult {
  const upper = kind === "copy" ? "COPY" : "ADD";
  const args = input.node.args;
  if (args.length < 2) return fail(noDestination(upper), input.span);
  const bad = flagError(input, kind === "copy" ? COPY_FLAGS : ADD_FLAGS);
  if (bad !== null) return bad;
  const dest = args[args.length - 1];
  if (dest !== undefined && destIsHeredoc(dest.text)) {
    return fail(`${upper} cannot accept a heredoc as a destination`, spanOfWord(dest));
  }
  const from = kind === "copy" ? flagValue(input.node.flags, "from") : null;
  const cmd: CopyCommand = {
    kind,
    keyword: input.node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags: input.node.flags,
    from: from === null ? null : from.text,
  };
  return cmd;
}

function parseRun(input: InstructionInput): InstructionResult {
  const { node } = input;
  const flags = node.flags;
  const bad = flagError(input, RUN_FLAGS);
  if (bad !== null) return bad;
  // Post hooks, in the order their files register them: device, mount, network, security.
  const devices = parseDevices(flagsNamed(flags, "device"));
  if (!devices.ok) return fail(devices.error, devices.span);
  const mounts = parseMountSpecs(flagsNamed(flags, "mount"));
  if (!mounts.ok) return fail(mounts.error, mounts.span);
  const network = flagValue(flags, "network");
  if (network !== null && !NETWORK_MODES.has(network.text)) {
    return fail(`invalid network mode ${goQuote(network.text)}`, spanOf(network));
  }
  const security = flagValue(flags, "security");
  if (security !== null && !SECURITY_MODES.has(security.text)) {
    return fail(`security ${goQuote(security.text)} is not valid`, spanOf(security));
  }
  const command = node.json ? node.args.map((a) => a.text).join(" ") : node.rest.text;
  const cmd: RunCommand = {
    kind: "run",
    keyword: node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags,
    mounts: mounts.mounts,
    command,
    commandSpan: spanOf(node.rest),
    heredocs: input.heredocs,
  };
  return cmd;
}

/** parseOptInterval: "" and 0 mean unset; anything below 1ms is refused. */
function intervalError(value: MappedText | null, name: string): string | null {
  if (value === null || value.text === "") return null;
  const d = parseGoDuration(value.text);
  if (!d.ok) return d.error;
  if (d.ns !== 0n && d.ns < 1000000n) return `Interval ${goQuote(name)} cannot be less than 1ms`;
  return null;
}

const INTERVAL_FLAGS = ["interval", "timeout", "start-period", "start-interval"];

function parseHealthcheck(input: InstructionInput): InstructionResult {
  const { node } = input;
  const args = node.args;
  const first = args[0];
  if (first === undefined) return fail(atLeastOne("HEALTHCHECK"), input.span);
  const typ = goToUpper(first.text);
  const restCount = args.length - 1;
  if (typ === "NONE") {
    // No flag parsing on this path.
    return restCount !== 0 ? fail("HEALTHCHECK NONE takes no arguments", input.span) : other(input);
  }
  const bad = flagError(input, HEALTHCHECK_FLAGS);
  if (bad !== null) return bad;
  if (typ !== "CMD") return fail(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`, spanOfWord(first));
  if (restCount === 0) return fail("Missing command after HEALTHCHECK CMD", input.span);
  for (const name of INTERVAL_FLAGS) {
    const v = flagValue(node.flags, name);
    const err = intervalError(v, name);
    if (err !== null) return fail(err, v === null ? input.span : spanOf(v));
  }
  const retries = flagValue(node.flags, "retries");
  if (retries !== null && retries.text !== "") {
    const r = parseGoInt32(retries.text);
    if (!r.ok) return fail(r.error, spanOf(retries));
    if (r.value < 0) return fail(`--retries cannot be negative (${r.value})`, spanOf(retries));
  }
  return other(input);
}

// `(?i)^\s*ONBUILD\s*` with Go's \s.
const ONBUILD_PREFIX = /^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i;

function parseOnbuild(input: InstructionInput): InstructionResult {
  const { node } = input;
  const first = node.args[0];
  if (first === undefined) return fail(atLeastOne("ONBUILD"), input.span);
  const bad = flagError(input, NONE);
  if (bad !== null) return bad;
  const [ta, tb] = trimRange(first.text, isGoSpace);
  const trigger = goToUpper(first.text.slice(ta, tb));
  if (trigger === "ONBUILD") return fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", spanOfWord(first));
  if (trigger === "MAINTAINER" || trigger === "FROM") {
    return fail(`${trigger} isn't allowed as an ONBUILD trigger`, spanOfWord(first));
  }
  const { inner, innerError } = parseTrigger(input);
  const cmd: OnbuildCommand = {
    kind: "onbuild",
    keyword: node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags: node.flags,
    inner,
    innerError,
  };
  return cmd;
}

/**
 * The trigger is re-parsed when a stage built FROM this one dispatches it
 * (dockerfile2llb initOnBuildTriggers): a fresh parser.Parse of the line without
 * "ONBUILD", with the default escape token `\`, then ParseCommand, whose errors
 * carry no "dockerfile parse error" prefix.
 */
function parseTrigger(input: InstructionInput): Pick<OnbuildCommand, "inner" | "innerError"> {
  const original = input.node.original;
  const m = ONBUILD_PREFIX.exec(original.text);
  const cut = m === null ? 0 : m[0].length;
  const [a, trimmedEnd] = trimRange(original.text, isGoSpace, cut);
  let b = trimmedEnd;
  const errorAt = (message: string) => ({
    inner: null,
    innerError: { message, line: input.startLine, span: input.span },
  });
  if (a === b || original.text.charCodeAt(a) === 0x23) return errorAt("file with no instructions");
  // With a backtick escape the line may end in `\`, which the trigger's parser reads as a continuation.
  let k = b;
  while (k > a && (original.text.charCodeAt(k - 1) === 0x20 || original.text.charCodeAt(k - 1) === 0x09)) k--;
  if (k > a && original.text.charCodeAt(k - 1) === 0x5c && (k - 1 === a || original.text.charCodeAt(k - 2) !== 0x5c)) {
    b = k - 1;
  }
  const made = newNodeFromLine(sliceMapped(original, a, b), 0x5c);
  if (typeof made === "string") return errorAt(made);
  const innerSpan = { start: made.keywordSpan.start, end: input.span.end };
  const r = parseInstruction({ ...input, node: made, span: innerSpan });
  if (r.kind === "error") return { inner: null, innerError: { message: r.error, line: input.startLine, span: r.span } };
  return { inner: r, innerError: null };
}
