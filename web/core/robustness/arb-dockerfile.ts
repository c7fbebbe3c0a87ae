/**
 * Dockerfiles from a grammar: directives (escape, syntax, check, BOM), global
 * ARGs, stages with --platform, RUNs with flags and mounts (every option,
 * odd values, quotes, escapes, nested expansions, CSV quoting), heredocs,
 * continuations with comments and blank lines, every line ending. Every
 * choice lives in a FileShape, so fast-check shrinks files line by line.
 */
import fc from "fast-check";
import { randomString, tokenSoup } from "./arb-text";

type Escape = "\\" | "`";

/**
 * "clean" files are what people write (valid mounts, platform ARGs, the odd
 * continuation): they reach resolution, the rules and the fixes. "hostile"
 * files use every odd form the grammar knows and mostly stop at an error.
 */
type Mode = "clean" | "hostile";

// prettier-ignore
const VARIABLES = [
  "TARGETARCH", "TARGETPLATFORM", "TARGETVARIANT", "TARGETOS", "TARGETOSVERSION", "TARGETSTAGE",
  "BUILDPLATFORM", "BUILDARCH", "BUILDOS", "BUILDVARIANT", "BUILDKIT_CACHE_MOUNT_NS", "X", "Y", "FOO", "PATH",
  "HOME", "a", "_", "1", "@", "$", "V9",
];
// prettier-ignore
const CLEAN_VARIABLES = [
  "TARGETARCH", "TARGETPLATFORM", "TARGETVARIANT", "TARGETOS", "BUILDPLATFORM", "BUILDARCH", "X", "FOO",
];
const OPERATORS = [":-", "-", ":+", "+", ":?", "?", "#", "##", "%", "%%", "/", "//", ":#", ":=", ":", ""];
const CLEAN_OPERATORS = [":-", "-", ":+", "+", "#", "##", "%", "%%", "/", "//"];
const STAGES = ["base", "build", "deps", "final", "Build", "scratch", "0", "a-b", "x.y"];
export const CLEAN_STAGES = ["base", "build", "deps", "final"];
// prettier-ignore
const IMAGES = [
  "alpine", "alpine:3.20", "golang:1.23", "debian:bookworm", "ubuntu", "scratch", "busybox", "base", "build",
  "$IMG", "${IMG:-alpine}", "Alpine", "ghcr.io/x/y@sha256:" + "a".repeat(64),
];
// prettier-ignore
const CLEAN_IMAGES = [
  "alpine:3.20", "golang:1.23", "debian:bookworm", "ubuntu:24.04", "node:22", "python:3.12", "rust:1", "base",
  "build", "deps",
];
// prettier-ignore
const PLATFORM_EXPRS = [
  "$BUILDPLATFORM", "${BUILDPLATFORM}", "$TARGETPLATFORM", "linux/amd64", "linux/arm64", "linux/s390x",
  "$NOPE", "${TARGETOS}/${TARGETARCH}", "windows(10.0.17763)/amd64", "foo", "",
];
const CLEAN_PLATFORM_EXPRS = ["$BUILDPLATFORM", "${BUILDPLATFORM}", "$TARGETPLATFORM", "linux/amd64"];
// prettier-ignore
const PATH_PIECES = [
  "/", "root", ".cache", "var", "cache", "apk", "apt", "go", "pkg", "mod", "node_modules", "..", ".", "//",
  "target", "~", "a b", "a,b", "é", "\u{1F600}",
];
// prettier-ignore
const CLEAN_PATHS = [
  "/root/.cache", "/var/cache/apk", "/var/cache/apt", "/var/lib/apt", "/go/pkg/mod", "/root/.cache/go-build",
  "/root/.npm", "node_modules", "./node_modules/", "/usr/local/cargo/registry", "target", "/root/.cache/pip",
  "/tmp/cache",
];

/** `arb` in `percent` % of the cases, else null. */
export function sometimes<T>(arb: fc.Arbitrary<T>, percent: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(null) }, { weight: percent, arbitrary: arb });
}

/** Text as a word of a flag: paths, expansions, quotes, escapes, commas and the odd hostile character. */
function wordArb(mode: Mode, escape: Escape, depth: number): fc.Arbitrary<string> {
  if (mode === "clean") {
    return fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...CLEAN_PATHS) },
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.constantFrom("", "cache-", "go-", "apk-", "/x/"),
            expansionArb(mode, escape, depth),
            fc.constantFrom("", "-mod", "/cache"),
          )
          .map(([a, b, c]) => a + b + c),
      },
      { weight: 1, arbitrary: fc.constantFrom("gomod", "npm", "pip", "apt-lists", "shared", "A,B", "x y") },
    );
  }
  const leaf = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...PATH_PIECES) },
    { weight: 3, arbitrary: expansionArb(mode, escape, depth) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(escape, escape + escape, `${escape}$`, `${escape},`, `${escape} `, `${escape}'`),
    },
    { weight: 1, arbitrary: fc.constantFrom("'", '"', "''", '""', ",", "=", " ", "\t", "#", "*", "?", "[", "}", "{") },
    { weight: 1, arbitrary: fc.constantFrom("\0", "\uD800", "\uDFFF", "\uFEFF", "\u2028", "\x7f", "\u00a0") },
  );
  const plain = fc.array(leaf, { maxLength: 6 }).map((parts) => parts.join(""));
  return fc.oneof(
    { weight: 5, arbitrary: plain },
    { weight: 1, arbitrary: plain.map((s) => `'${s}'`) },
    { weight: 1, arbitrary: plain.map((s) => `"${s}"`) },
    { weight: 1, arbitrary: plain.map((s) => `'${s}`) },
  );
}

/** `$V`, `${V}`, `${V<op><word>}` (nested), and the broken forms BuildKit has error messages for. */
function expansionArb(mode: Mode, escape: Escape, depth: number): fc.Arbitrary<string> {
  const name = fc.constantFrom(...(mode === "clean" ? CLEAN_VARIABLES : VARIABLES));
  const braced = fc.oneof(
    name.map((n) => `$${n}`),
    name.map((n) => `\${${n}}`),
  );
  const simple =
    mode === "clean"
      ? braced
      : fc.oneof(
          { weight: 3, arbitrary: braced },
          {
            weight: 1,
            arbitrary: fc.constantFrom(
              "${",
              "${}",
              "$",
              "${X",
              "${X:-",
              "${X/a}",
              "$ ",
              "$$",
              `${escape}$X`,
              `${escape}${escape}$X`,
            ),
          },
        );
  if (depth <= 0) return simple;
  const nested = fc
    .tuple(
      name,
      fc.constantFrom(...(mode === "clean" ? CLEAN_OPERATORS : OPERATORS)),
      fc.array(
        mode === "clean" ? fc.constantFrom("x", "amd64", "-", "v7", "linux") : wordArb(mode, escape, depth - 1),
        { maxLength: 2 },
      ),
      fc.boolean(),
    )
    .map(([n, op, words, close]) => {
      const word = op === "/" || op === "//" ? words.join("/") : words.join("");
      return `\${${n}${op}${word}${close || mode === "clean" ? "}" : ""}`;
    });
  return fc.oneof({ weight: 3, arbitrary: simple }, { weight: 2, arbitrary: nested });
}

// prettier-ignore
const MOUNT_KEYS = [
  "type", "target", "dst", "destination", "id", "sharing", "from", "source", "src", "ro", "readonly", "rw",
  "readwrite", "uid", "gid", "mode", "size", "required", "env", "Type", "TARGET", "ID", "targt", "x", "",
];
const VALUES: Readonly<Record<string, readonly string[]>> = {
  type: ["cache", "cache", "cache", "bind", "tmpfs", "secret", "ssh", "CACHE", "cahce", ""],
  sharing: ["shared", "private", "locked", "LOCKED", "lock", ""],
  uid: ["0", "1000", "abc", "4294967296", "-1", "0x10", ""],
  gid: ["0", "1000", "abc", ""],
  mode: ["755", "0755", "0o755", "777", "9", "0700", ""],
  ro: ["true", "false", "1", "yes", "TRUE", ""],
  from: ["base", "build", "deps", "0", "alpine", "$x", "a$", "Deps", "final", ""],
  size: ["1G", "128m", "x"],
};

/** One CSV field: key=value, a bare key, a CSV-quoted field, or nothing. */
function fieldArb(escape: Escape): fc.Arbitrary<string> {
  return fc.constantFrom(...MOUNT_KEYS).chain((key) => {
    const fixed = VALUES[key.toLowerCase()];
    const value =
      fixed === undefined
        ? wordArb("hostile", escape, 2)
        : fc.oneof(
            { weight: 4, arbitrary: fc.constantFrom(...fixed) },
            { weight: 1, arbitrary: wordArb("hostile", escape, 1) },
          );
    return fc.oneof(
      { weight: 8, arbitrary: value.map((v) => `${key}=${v}`) },
      { weight: 1, arbitrary: fc.constant(key) },
      { weight: 1, arbitrary: value.map((v) => `"${key}=${v.replace(/"/g, '""')}"`) },
    );
  });
}

/** The value of `--mount=`. */
function mountSpecArb(mode: Mode, escape: Escape): fc.Arbitrary<string> {
  if (mode === "clean") {
    const opt = (key: string, value: fc.Arbitrary<string>, percent: number) =>
      sometimes(
        value.map((v) => `${key}=${v}`),
        percent,
      );
    const target = fc
      .tuple(fc.constantFrom("target", "target", "target", "dst"), wordArb(mode, escape, 1))
      .map(([key, value]) => `${key}=${value}`);
    const others = fc.tuple(
      opt("id", wordArb(mode, escape, 1), 50),
      opt("sharing", fc.constantFrom("shared", "private", "locked"), 30),
      opt("uid", fc.constantFrom("0", "1000"), 8),
      opt("mode", fc.constantFrom("0755", "777"), 5),
      opt("from", fc.constantFrom(...CLEAN_STAGES), 4),
    );
    return fc.tuple(target, others, fc.boolean()).map(([t, rest, reversed]) => {
      const fields = [t, ...rest.filter((f): f is string => f !== null)];
      if (reversed) fields.reverse();
      return ["type=cache", ...fields].join(",");
    });
  }
  const fields = fc.array(fieldArb(escape), { maxLength: 6 });
  return fc
    .tuple(
      fc.constantFrom("type=cache", "type=cache", "type=cache", "", "type=bind", "TYPE=CACHE"),
      fields,
      fc.constantFrom("", "", ","),
    )
    .map(([type, rest, trail]) => [type, ...rest].filter((f, i) => i > 0 || f !== "").join(",") + trail);
}

function flagArb(mode: Mode, escape: Escape): fc.Arbitrary<string> {
  const spec = mountSpecArb(mode, escape);
  if (mode === "clean") {
    return fc.oneof(
      { weight: 12, arbitrary: spec.map((s) => `--mount=${s}`) },
      { weight: 1, arbitrary: spec.map((s) => `--mount="${s}"`) },
      {
        weight: 1,
        arbitrary: fc.constantFrom("--network=none", "--mount=type=bind,target=/src", "--mount=type=secret,id=npmrc"),
      },
    );
  }
  return fc.oneof(
    { weight: 10, arbitrary: spec.map((s) => `--mount=${s}`) },
    { weight: 1, arbitrary: spec.map((s) => `--mount='${s}'`) },
    { weight: 1, arbitrary: spec.map((s) => `--mount="${s}"`) },
    { weight: 1, arbitrary: spec.map((s) => `"--mount=${s}"`) },
    { weight: 1, arbitrary: spec.map((s) => `--mount ${s}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "--mount=",
        "--mount",
        "--Mount=type=cache,target=/c",
        "--network=none",
        "--network=host",
        "--security=insecure",
        "--device=/dev/x",
        "--",
        "--unknown",
        "--network=none --network=host",
      ),
    },
  );
}

// prettier-ignore
const CLEAN_COMMANDS = [
  "apk add curl", "apt-get update && apt-get install -y git", "go build ./...", "go mod download", "npm ci",
  "pip install -r requirements.txt", "cargo build --release", "true",
];

/** What follows the flags: a shell command, a JSON array, a heredoc, or nothing. */
function commandArb(mode: Mode, escape: Escape): fc.Arbitrary<{ line: string; body: string[] }> {
  const words =
    mode === "clean"
      ? fc.array(fc.constantFrom(...CLEAN_COMMANDS), { minLength: 1, maxLength: 2 }).map((c) => c.join(" && "))
      : fc
          .array(
            fc.constantFrom(
              "apk add curl",
              "go build ./...",
              "npm ci",
              "true",
              "echo $X",
              "--mount=type=cache,target=/z",
              "&&",
              "#",
              "\\",
              `${escape}`,
            ),
            { maxLength: 4 },
          )
          .map((ws) => ws.join(" "));
  const shell = words.map((line) => ({ line, body: [] as string[] }));
  const json = fc
    .constantFrom(
      ...(mode === "clean"
        ? ['["sh", "-c", "true"]', '["true"]']
        : ['["sh", "-c", "true"]', '["true"]', "[1, 2]", '["unterminated', "[]"]),
    )
    .map((line) => ({ line, body: [] as string[] }));
  const bodyLine =
    mode === "clean"
      ? fc.constantFrom("apk add curl", "go build ./...", "echo $X", "\tindented", "")
      : fc.oneof(
          fc.constantFrom(
            "echo hi",
            "RUN --mount=type=cache,target=/notreal true",
            "\tindented",
            "",
            "EOF ",
            "FROM x",
            "\\",
            "$X",
          ),
          wordArb(mode, escape, 1),
        );
  const heredocs = fc
    .array(
      fc.tuple(
        fc.constantFrom(
          ...(mode === "clean" ? ["EOF", "END", "'EOF'"] : ["EOF", "END", "E O", "'EOF'", '"EOF"', 'E"O"F']),
        ),
        fc.constantFrom(...(mode === "clean" ? ["<<", "<<-"] : ["<<", "<<-", "2<<", "<< "])),
        fc.array(bodyLine, { maxLength: 3 }),
        fc.nat(mode === "clean" ? 2 : 9),
      ),
      { minLength: 1, maxLength: 2 },
    )
    .map((docs) => {
      const body: string[] = [];
      const ws = docs.map(([name, op, lines, fate]) => {
        const bare = name.replace(/['"]/g, "");
        body.push(...lines);
        // Mostly terminated; sometimes never (fate 0 or 1), sometimes with a tab (only `<<-` strips it).
        if (mode === "clean" || fate > 1) body.push(fate === 9 ? `\t${bare}` : bare);
        return `${op}${name}`;
      });
      return { line: `sh ${ws.join(" ")}`, body };
    });
  if (mode === "clean")
    return fc.oneof(
      { weight: 8, arbitrary: shell },
      { weight: 1, arbitrary: json },
      { weight: 1, arbitrary: heredocs },
    );
  return fc.oneof(
    { weight: 6, arbitrary: shell },
    { weight: 1, arbitrary: json },
    { weight: 2, arbitrary: heredocs },
    { weight: 1, arbitrary: fc.constant({ line: "", body: [] as string[] }) },
  );
}

/** An instruction: its words (joined with spaces or continuations later) plus raw body lines. */
interface Instruction {
  readonly words: readonly string[];
  readonly body: readonly string[];
}

function instructionArb(mode: Mode, escape: Escape): fc.Arbitrary<Instruction> {
  const none: readonly string[] = [];
  const w = (words: readonly string[], body: readonly string[] = none): Instruction => ({ words, body });
  const keyword = (k: string) =>
    mode === "clean" ? fc.constant(k) : fc.constantFrom(k, k, k, k.toLowerCase(), k[0] + k.slice(1).toLowerCase());
  const varName = fc.constantFrom(...(mode === "clean" ? CLEAN_VARIABLES : VARIABLES));
  const run = fc
    .tuple(
      keyword("RUN"),
      fc.array(flagArb(mode, escape), { minLength: mode === "clean" ? 1 : 0, maxLength: 3 }),
      commandArb(mode, escape),
    )
    .map(([k, flags, cmd]) =>
      w(
        [k, ...flags, cmd.line].filter((x) => x !== ""),
        cmd.body,
      ),
    );
  const argValue =
    mode === "clean"
      ? fc.constantFrom("x", "1.2", "amd64", "${TARGETARCH}", "cache-$TARGETARCH", "a b")
      : wordArb(mode, escape, 2);
  const arg = fc
    .tuple(
      keyword("ARG"),
      fc.array(fc.tuple(varName, fc.option(argValue, { freq: mode === "clean" ? 4 : 2 })), {
        minLength: 1,
        maxLength: 3,
      }),
    )
    .map(([k, kvs]) => w([k, ...kvs.map(([n, v]) => (v === null ? n : `${n}=${v.includes(" ") ? `"${v}"` : v}`))]));
  const env = fc
    .tuple(
      keyword("ENV"),
      varName,
      mode === "clean" ? fc.constantFrom("x", "/go", "$TARGETARCH") : wordArb(mode, escape, 1),
      fc.boolean(),
    )
    .map(([k, n, v, eq]) => w(eq ? [k, `${n}=${v}`] : [k, n, v]));
  const workdir = fc
    .tuple(
      keyword("WORKDIR"),
      mode === "clean" ? fc.constantFrom("/app", "/src", "/", "sub") : wordArb(mode, escape, 1),
    )
    .map(([k, p]) => w([k, p]));
  const copy = fc
    .tuple(
      keyword("COPY"),
      fc.option(fc.constantFrom(...(mode === "clean" ? CLEAN_STAGES : STAGES))),
      mode === "clean" ? fc.constant(".") : wordArb(mode, escape, 0),
    )
    .map(([k, from, p]) => w([k, ...(from === null ? [] : [`--from=${from}`]), p || ".", "/dst"]));
  const comment = fc.constantFrom("# a comment", "#", "# syntax=late", "# escape=`", "  # indented").map((c) => w([c]));
  if (mode === "clean") {
    return fc.oneof(
      { weight: 8, arbitrary: run },
      { weight: 3, arbitrary: arg },
      { weight: 1, arbitrary: env },
      { weight: 1, arbitrary: workdir },
      { weight: 1, arbitrary: copy },
      { weight: 1, arbitrary: comment },
    );
  }
  const junk = fc.oneof(tokenSoup, randomString).map((s) => w([s.replace(/[\r\n]/g, " ")]));
  const other = fc
    .constantFrom(
      'SHELL ["/bin/sh", "-c"]',
      "USER 1000",
      "ONBUILD RUN --mount=type=cache,target=/o true",
      "HEALTHCHECK NONE",
      "MAINTAINER x",
      "EXPOSE 80",
      "FROOM x",
      "",
    )
    .map((s) => w([s]));
  return fc.oneof(
    { weight: 8, arbitrary: run },
    { weight: 3, arbitrary: arg },
    { weight: 2, arbitrary: env },
    { weight: 1, arbitrary: workdir },
    { weight: 1, arbitrary: copy },
    { weight: 1, arbitrary: comment },
    { weight: 1, arbitrary: other },
    { weight: 1, arbitrary: junk },
  );
}

function fromArb(mode: Mode): fc.Arbitrary<Instruction> {
  const clean = mode === "clean";
  return fc
    .tuple(
      fc.constantFrom(...(clean ? ["FROM"] : ["FROM", "FROM", "from"])),
      fc.option(fc.constantFrom(...(clean ? CLEAN_PLATFORM_EXPRS : PLATFORM_EXPRS)), { freq: 3 }),
      fc.constantFrom(...(clean ? CLEAN_IMAGES : IMAGES)),
      fc.option(fc.constantFrom(...(clean ? CLEAN_STAGES : STAGES)), { freq: 2 }),
      fc.constantFrom(...(clean ? ["AS"] : ["AS", "as"])),
    )
    .map(([k, platform, image, name, as]) => ({
      words: [k, ...(platform === null ? [] : [`--platform=${platform}`]), image, ...(name === null ? [] : [as, name])],
      body: [],
    }));
}

// prettier-ignore
const DIRECTIVES = [
  "# syntax=docker/dockerfile:1", "#check=error=true", "# check=skip=all", "# escape=x",
  "#!/usr/bin/env buildctl", "# Syntax = docker/dockerfile:1.7", "// syntax=x", "",
];

/** The whole file as a structure; every choice lives here, so shrinking it shrinks the file. */
interface FileShape {
  readonly escape: Escape;
  readonly escapeDirective: "none" | "explicit" | "late";
  readonly directives: readonly string[];
  readonly bom: boolean;
  readonly globals: readonly Instruction[];
  readonly stages: readonly (readonly [Instruction, readonly Instruction[]])[];
  /** One choice per word gap (cycled): < 15 a space, else kinds of continuation. */
  readonly joins: readonly number[];
  /** "lf-crlf" mixes the two per line; "cr-first" is LF with a lone CR before the first line. */
  readonly endings: "lf" | "crlf" | "cr" | "mixed" | "lf-crlf" | "cr-first";
  readonly endingPicks: readonly number[];
  readonly finalNewline: boolean;
  readonly trailingEscape: boolean;
}

function shapeArb(mode: Mode): fc.Arbitrary<FileShape> {
  const clean = mode === "clean";
  return fc.constantFrom<Escape>("\\", "\\", "`").chain((escape) =>
    fc.record({
      escape: fc.constant(escape),
      escapeDirective: clean
        ? fc.constant<FileShape["escapeDirective"]>(escape === "`" ? "explicit" : "none")
        : fc.constantFrom<FileShape["escapeDirective"]>("none", "explicit", "explicit", "late"),
      directives: clean
        ? fc.array(fc.constantFrom("# syntax=docker/dockerfile:1"), { maxLength: 1 })
        : fc.array(fc.constantFrom(...DIRECTIVES), { maxLength: 2 }),
      bom: clean ? fc.constant(false) : fc.boolean(),
      globals: fc
        .array(instructionArb(mode, escape), { maxLength: 2 })
        .map((g) => (clean ? g.filter((i) => i.words[0] === "ARG") : g)),
      stages: fc.array(fc.tuple(fromArb(mode), fc.array(instructionArb(mode, escape), { maxLength: 7 })), {
        minLength: clean ? 1 : 0,
        maxLength: 4,
      }),
      joins: fc.array(fc.nat(clean ? 16 : 19), { minLength: 1, maxLength: 24 }),
      endings: clean
        ? fc.constantFrom<FileShape["endings"]>("lf", "lf", "lf", "lf", "crlf", "crlf", "lf-crlf", "cr-first")
        : fc.constantFrom<FileShape["endings"]>("lf", "lf", "lf", "crlf", "cr", "mixed"),
      endingPicks: fc.array(fc.nat(2), { minLength: 1, maxLength: 16 }),
      finalNewline: clean ? fc.constant(true) : fc.boolean(),
      trailingEscape: clean ? fc.constant(false) : fc.boolean(),
    }),
  );
}

/** Renders a shape into text. */
function renderShape(s: FileShape): string {
  const lines: string[] = [];
  if (s.escapeDirective === "explicit") lines.push(`# escape=${s.escape}`);
  lines.push(...s.directives.filter((d) => d !== ""));
  // "late": the directive comes after a directive-breaking line, so it is an ordinary comment.
  if (s.escapeDirective === "late") lines.push("# hello", `# escape=${s.escape}`);
  let gap = 0;
  const nextJoin = () => s.joins[gap++ % s.joins.length] ?? 0;
  const emit = (ins: Instruction) => {
    let line = ins.words[0] ?? "";
    for (const word of ins.words.slice(1)) {
      const j = nextJoin();
      if (j < 15) line += " ";
      else {
        // A continuation: escape (maybe trailing blanks), newline, then an indent, a comment or a blank line.
        lines.push(line + (j === 16 ? " " : "") + s.escape + (j === 17 ? "  " : ""));
        if (j === 18) lines.push("  # inside a continuation");
        if (j === 19) lines.push("");
        line = j === 17 ? "" : "    ";
      }
      line += word;
    }
    lines.push(line, ...ins.body);
  };
  s.globals.forEach(emit);
  for (const [from, body] of s.stages) {
    emit(from);
    body.forEach(emit);
  }
  if (s.trailingEscape) lines.push(`RUN true ${s.escape}`);

  const ending = (i: number): string => {
    switch (s.endings) {
      case "lf":
        return "\n";
      case "crlf":
        return "\r\n";
      case "cr":
        return "\r";
      case "mixed":
        return ["\n", "\r\n", "\r"][s.endingPicks[i % s.endingPicks.length] ?? 0] ?? "\n";
      case "lf-crlf":
        return (s.endingPicks[i % s.endingPicks.length] ?? 0) % 2 === 0 ? "\n" : "\r\n";
      case "cr-first":
        return "\n";
    }
  };
  let text = (s.bom ? "\uFEFF" : "") + (s.endings === "cr-first" ? "\r" : "");
  lines.forEach((l, i) => {
    text += l;
    if (i < lines.length - 1 || s.finalNewline) text += ending(i);
  });
  return text;
}

/** Dockerfiles as people write them: valid cache mounts, platform ARGs, stages, continuations. */
export const cleanDockerfile: fc.Arbitrary<string> = shapeArb("clean").map(renderShape);

/** Dockerfile-ish text using every odd form the grammar knows. */
export const hostileDockerfile: fc.Arbitrary<string> = shapeArb("hostile").map(renderShape);

/** Both, mostly clean (clean files reach the rules and the fixer). */
export const dockerfile: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: cleanDockerfile },
  { weight: 2, arbitrary: hostileDockerfile },
);
