/**
 * Node → typed command, with every parse-time check of
 * df/instructions/parse.go ParseInstruction (at BuildKit HEAD, stable syntax).
 * Checks run in BuildKit's order, which differs per instruction (COPY counts
 * its arguments before looking at flags, FROM checks the stage name first…).
 * Messages are returned bare; the caller adds "dockerfile parse error on line N: ".
 */
import type { MappedText, Span } from "../source";
import { spanOf } from "../source";
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
import type { FlagSpec, FlagValues } from "./bflags";
import { parseFlags } from "./bflags";
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

export interface InstructionInput {
  readonly node: RawNode;
  readonly heredocs: readonly Heredoc[];
  readonly startLine: number;
  readonly endLine: number;
  readonly span: Span;
}

export type InstructionResult =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly error: string; readonly span: Span };

/**
 * Fields every command carries. Commands are written out as full object
 * literals rather than `{ ...base, … }`: in V8 the spread was a measurable
 * share of parse time.
 */
interface Base {
  readonly keyword: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly span: Span;
  readonly flags: RawNode["flags"];
}

const fail = (error: string, span: Span): InstructionResult => ({ ok: false, error, span });
const ok = (command: Command): InstructionResult => ({ ok: true, command });

/** command.Commands, upper-cased as allInstructionNames() hands them to the suggester. */
const INSTRUCTIONS = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
];

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

function flagsOrFail(
  input: InstructionInput,
  specs: readonly FlagSpec[],
): { values: FlagValues; error: null } | { values: null; error: InstructionResult } {
  const r = parseFlags(input.node.flags, specs);
  if (r.ok) return { values: r.values, error: null };
  return { values: null, error: fail(r.error, r.flag.span) };
}

/** ParseInstruction: the typed command, or BuildKit's (unprefixed) message. */
export function parseInstruction(input: InstructionInput): InstructionResult {
  const { node } = input;
  const base: Base = {
    keyword: node.lower,
    startLine: input.startLine,
    endLine: input.endLine,
    span: input.span,
    flags: node.flags,
  };
  const args = node.args;
  const other = (): InstructionResult =>
    ok({
      kind: "other",
      keyword: base.keyword,
      startLine: base.startLine,
      endLine: base.endLine,
      span: base.span,
      flags: base.flags,
    });
  const simple = (check: () => string | null, specs: readonly FlagSpec[] = NONE): InstructionResult => {
    const arity = check();
    if (arity !== null) return fail(arity, input.span);
    const f = flagsOrFail(input, specs);
    return f.error ?? other();
  };

  switch (node.lower) {
    case "env":
      return parseEnv(input, base);
    case "maintainer":
      return simple(() => (args.length !== 1 ? exactlyOne("MAINTAINER") : null));
    case "label": {
      const f = flagsOrFail(input, NONE);
      if (f.error !== null) return f.error;
      const kv = checkKvps(args, "LABEL", input.span);
      return kv ?? other();
    }
    case "add":
      return parseCopy(input, base, "add");
    case "copy":
      return parseCopy(input, base, "copy");
    case "from":
      return parseFrom(input, base);
    case "onbuild":
      return parseOnbuild(input, base);
    case "workdir": {
      if (args.length !== 1) return fail(exactlyOne("WORKDIR"), input.span);
      const f = flagsOrFail(input, NONE);
      if (f.error !== null) return f.error;
      const cmd: WorkdirCommand = {
        kind: "workdir",
        keyword: base.keyword,
        startLine: base.startLine,
        endLine: base.endLine,
        span: base.span,
        flags: base.flags,
        path: args[0]?.text ?? "",
      };
      return ok(cmd);
    }
    case "run":
      return parseRun(input, base);
    case "cmd":
    case "entrypoint":
      return simple(() => null);
    case "healthcheck":
      return parseHealthcheck(input, base);
    case "expose":
      return simple(() => (args.length === 0 ? atLeastOne("EXPOSE") : null));
    case "user": {
      if (args.length !== 1) return fail(exactlyOne("USER"), input.span);
      const f = flagsOrFail(input, NONE);
      if (f.error !== null) return f.error;
      const cmd: UserCommand = {
        kind: "user",
        keyword: base.keyword,
        startLine: base.startLine,
        endLine: base.endLine,
        span: base.span,
        flags: base.flags,
        user: args[0]?.text ?? "",
      };
      return ok(cmd);
    }
    case "volume": {
      if (args.length === 0) return fail(atLeastOne("VOLUME"), input.span);
      const f = flagsOrFail(input, NONE);
      if (f.error !== null) return f.error;
      for (const a of args) {
        const [s, e] = trimRange(a.text, isGoSpace);
        if (s === e) return fail("VOLUME specified can not be an empty string", a.span);
      }
      return other();
    }
    case "stopsignal":
      // parseStopSignal never looks at its flags.
      return args.length !== 1 ? fail(exactlyOne("STOPSIGNAL"), input.span) : other();
    case "arg":
      return parseArg(input, base);
    case "shell": {
      const f = flagsOrFail(input, NONE);
      if (f.error !== null) return f.error;
      if (args.length === 0) return fail(atLeastOne("SHELL"), input.span);
      if (!node.json) return fail("SHELL requires the arguments to be in JSON form", input.span);
      return other();
    }
    default:
      return fail(
        withSuggestion(`unknown instruction: ${node.keyword}`, node.keyword, INSTRUCTIONS, false),
        node.keywordSpan,
      );
  }
}

/** parseKvps' checks; the pairs come as (key, value, delimiter) triples. */
function checkKvps(args: readonly ArgWord[], cmd: string, span: Span): InstructionResult | null {
  if (args.length === 0) return fail(atLeastOne(cmd), span);
  if (args.length % 3 !== 0) return fail(`Bad input to ${cmd}, too many arguments`, span);
  for (let j = 0; j < args.length; j += 3) {
    const key = args[j];
    if (key !== undefined && key.text.length === 0) return fail(`${cmd} names can not be blank`, key.span);
  }
  return null;
}

function parseEnv(input: InstructionInput, base: Base): InstructionResult {
  const f = flagsOrFail(input, NONE);
  if (f.error !== null) return f.error;
  const args = input.node.args;
  const bad = checkKvps(args, "ENV", input.span);
  if (bad !== null) return bad;
  const env: (KeyValue & { readonly value: string })[] = [];
  for (let j = 0; j + 2 < args.length; j += 3) {
    const key = args[j];
    const value = args[j + 1];
    if (key === undefined || value === undefined) continue;
    env.push({ key: key.text, value: value.text, span: { start: key.span.start, end: value.span.end } });
  }
  const cmd: EnvCommand = {
    kind: "env",
    keyword: base.keyword,
    startLine: base.startLine,
    endLine: base.endLine,
    span: base.span,
    flags: base.flags,
    env,
  };
  return ok(cmd);
}

function parseArg(input: InstructionInput, base: Base): InstructionResult {
  const args = input.node.args;
  if (args.length < 1) return fail(atLeastOne("ARG"), input.span);
  const pairs: KeyValue[] = [];
  for (const a of args) {
    const eq = a.text.indexOf("=");
    if (eq === 0) return fail("ARG names can not be blank", a.span);
    pairs.push(
      eq === -1
        ? { key: a.text, value: null, span: a.span }
        : { key: a.text.slice(0, eq), value: a.text.slice(eq + 1), span: a.span },
    );
  }
  // parseArg never looks at its flags.
  const cmd: ArgCommand = {
    kind: "arg",
    keyword: base.keyword,
    startLine: base.startLine,
    endLine: base.endLine,
    span: base.span,
    flags: base.flags,
    args: pairs,
  };
  return ok(cmd);
}

function parseFrom(input: InstructionInput, base: Base): InstructionResult {
  const args = input.node.args;
  let stageName: string | null = null;
  let stageNameSpan: Span | null = null;
  const asWord = args[1];
  const nameWord = args[2];
  if (args.length === 3 && asWord !== undefined && nameWord !== undefined && equalFoldAs(asWord.text)) {
    stageName = goToLower(nameWord.text);
    stageNameSpan = nameWord.span;
    if (!VALID_STAGE_NAME.test(stageName)) {
      return fail(
        `invalid name for build stage: ${goQuote(nameWord.text)}, name can't start with a number or contain symbols`,
        nameWord.span,
      );
    }
  } else if (args.length !== 1) {
    return fail("FROM requires either one or three arguments", input.span);
  }
  const f = flagsOrFail(input, FROM_FLAGS);
  if (f.error !== null) return f.error;
  const image = args[0];
  const cmd: FromCommand = {
    kind: "from",
    keyword: base.keyword,
    startLine: base.startLine,
    endLine: base.endLine,
    span: base.span,
    flags: base.flags,
    image: image?.text ?? "",
    imageSpan: image?.span ?? input.span,
    stageName,
    stageNameSpan,
    platform: f.values.string("platform"),
  };
  return ok(cmd);
}

/** parseSourcesAndDest's check: the destination cannot be a heredoc. */
function destIsHeredoc(dest: string): boolean {
  const r = parseHeredocWord(dest);
  return r.ok && r.heredoc !== null;
}

function parseCopy(input: InstructionInput, base: Base, kind: "copy" | "add"): InstructionResult {
  const upper = kind === "copy" ? "COPY" : "ADD";
  const args = input.node.args;
  if (args.length < 2) return fail(noDestination(upper), input.span);
  const f = flagsOrFail(input, kind === "copy" ? COPY_FLAGS : ADD_FLAGS);
  if (f.error !== null) return f.error;
  const dest = args[args.length - 1];
  if (dest !== undefined && destIsHeredoc(dest.text)) {
    return fail(`${upper} cannot accept a heredoc as a destination`, dest.span);
  }
  const from = kind === "copy" ? f.values.string("from") : null;
  const cmd: CopyCommand = {
    kind,
    keyword: base.keyword,
    startLine: base.startLine,
    endLine: base.endLine,
    span: base.span,
    flags: base.flags,
    from: from === null ? null : from.text,
  };
  return ok(cmd);
}

function parseRun(input: InstructionInput, base: Base): InstructionResult {
  const { node } = input;
  const f = flagsOrFail(input, RUN_FLAGS);
  if (f.error !== null) return f.error;
  // Post hooks, in the order their files register them: device, mount, network, security.
  const devices = parseDevices(f.values.strings("device"));
  if (!devices.ok) return fail(devices.error, devices.span);
  const mounts = parseMountSpecs(f.values.strings("mount"));
  if (!mounts.ok) return fail(mounts.error, mounts.span);
  const network = f.values.string("network");
  if (network !== null && !NETWORK_MODES.has(network.text)) {
    return fail(`invalid network mode ${goQuote(network.text)}`, spanOf(network));
  }
  const security = f.values.string("security");
  if (security !== null && !SECURITY_MODES.has(security.text)) {
    return fail(`security ${goQuote(security.text)} is not valid`, spanOf(security));
  }
  const command = node.json ? node.args.map((a) => a.text).join(" ") : node.rest.text;
  const cmd: RunCommand = {
    kind: "run",
    keyword: base.keyword,
    startLine: base.startLine,
    endLine: base.endLine,
    span: base.span,
    flags: base.flags,
    mounts: mounts.mounts,
    command,
    commandSpan: restSpan(node.rest),
    heredocs: input.heredocs,
  };
  return ok(cmd);
}

function restSpan(rest: MappedText): Span {
  if (rest.text.length > 0) return spanOf(rest);
  const at = rest.offsets[0] ?? 0;
  return { start: at, end: at };
}

/** parseOptInterval: "" and 0 mean unset; anything below 1ms is refused. */
function intervalError(value: MappedText | null, name: string): string | null {
  if (value === null || value.text === "") return null;
  const d = parseGoDuration(value.text);
  if (!d.ok) return d.error;
  if (d.ns !== 0n && d.ns < 1000000n) return `Interval ${goQuote(name)} cannot be less than 1ms`;
  return null;
}

function parseHealthcheck(input: InstructionInput, base: Base): InstructionResult {
  const { node } = input;
  const args = node.args;
  const first = args[0];
  if (first === undefined) return fail(atLeastOne("HEALTHCHECK"), input.span);
  const typ = goToUpper(first.text);
  const rest = args.slice(1);
  if (typ === "NONE") {
    // No flag parsing on this path.
    return rest.length !== 0
      ? fail("HEALTHCHECK NONE takes no arguments", input.span)
      : ok({
          kind: "other",
          keyword: base.keyword,
          startLine: base.startLine,
          endLine: base.endLine,
          span: base.span,
          flags: base.flags,
        });
  }
  const f = flagsOrFail(input, HEALTHCHECK_FLAGS);
  if (f.error !== null) return f.error;
  if (typ !== "CMD") return fail(`Unknown type ${goQuote(typ)} in HEALTHCHECK (try CMD)`, first.span);
  if (rest.length === 0) return fail("Missing command after HEALTHCHECK CMD", input.span);
  for (const name of ["interval", "timeout", "start-period", "start-interval"]) {
    const v = f.values.string(name);
    const err = intervalError(v, name);
    if (err !== null) return fail(err, v === null ? input.span : spanOf(v));
  }
  const retries = f.values.string("retries");
  if (retries !== null && retries.text !== "") {
    const r = parseGoInt32(retries.text);
    if (!r.ok) return fail(r.error, spanOf(retries));
    if (r.value < 0) return fail(`--retries cannot be negative (${r.value})`, spanOf(retries));
  }
  return ok({
    kind: "other",
    keyword: base.keyword,
    startLine: base.startLine,
    endLine: base.endLine,
    span: base.span,
    flags: base.flags,
  });
}

// `(?i)^\s*ONBUILD\s*` with Go's \s.
const ONBUILD_PREFIX = /^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i;

function parseOnbuild(input: InstructionInput, base: Base): InstructionResult {
  const { node } = input;
  const first = node.args[0];
  if (first === undefined) return fail(atLeastOne("ONBUILD"), input.span);
  const f = flagsOrFail(input, NONE);
  if (f.error !== null) return f.error;
  const [ta, tb] = trimRange(first.text, isGoSpace);
  const trigger = goToUpper(first.text.slice(ta, tb));
  if (trigger === "ONBUILD") return fail("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", first.span);
  if (trigger === "MAINTAINER" || trigger === "FROM") {
    return fail(`${trigger} isn't allowed as an ONBUILD trigger`, first.span);
  }
  const { inner, innerError } = parseTrigger(input);
  const cmd: OnbuildCommand = {
    kind: "onbuild",
    keyword: base.keyword,
    startLine: base.startLine,
    endLine: base.endLine,
    span: base.span,
    flags: base.flags,
    inner,
    innerError,
  };
  return ok(cmd);
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
  const expression: MappedText = { text: original.text.slice(a, b), offsets: original.offsets.slice(a, b + 1) };
  const made = newNodeFromLine(expression, 0x5c);
  if (!made.ok) return errorAt(made.error);
  const innerSpan = { start: made.node.keywordSpan.start, end: input.span.end };
  const r = parseInstruction({ ...input, node: made.node, span: innerSpan });
  if (!r.ok) return { inner: null, innerError: { message: r.error, line: input.startLine, span: r.span } };
  return { inner: r.command, innerError: null };
}
