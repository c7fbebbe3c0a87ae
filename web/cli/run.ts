/**
 * The CLI as a function of its arguments and an I/O port: parse the options,
 * read every file (as bytes), analyse, fix or write, format, and return the
 * exit code. main.ts plugs in the real process; tests plug in memory.
 *
 * Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
 * 2 usage error, unreadable file or bad platform string (one line on stderr,
 * nothing on stdout).
 */
import { analyze } from "../core/analyze";
import type { FileReport } from "../core/report/format-common";
import { SEVERITY_RANK } from "../core/report/format-common";
import type { AnalyzeOptions, Report } from "../core/report/types";
import type { FailOn } from "./args";
import { parseArgs, STDIN } from "./args";
import { decodeUtf8 } from "./decode";
import { formatReport } from "./formats";
import { helpText } from "./help";
import { checkPlatforms } from "./platforms";
import { COMMAND_NAME, HOMEPAGE, versionLine } from "./version";

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour is used only there). */
  readonly stdoutIsTty: boolean;
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A failure that ends the run with exit 2 and one line on stderr. */
class Exit2 extends Error {}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (!(e instanceof Exit2)) throw e;
    io.stderr(`${COMMAND_NAME}: ${oneLine(e.message)}\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv, io.env);
  switch (parsed.kind) {
    case "help":
      io.stdout(helpText(HOMEPAGE));
      return EXIT_OK;
    case "version":
      io.stdout(versionLine() + "\n");
      return EXIT_OK;
    case "usage-error":
      throw new Exit2(`${parsed.message} (see --help)`);
  }
  const options = parsed.options;
  const analyzeOptions: AnalyzeOptions = {
    platforms: options.platforms,
    ...(options.buildPlatform === null ? {} : { buildPlatform: options.buildPlatform }),
    buildArgs: options.buildArgs,
    ...(options.target === null ? {} : { target: options.target }),
    ...(options.style === null ? {} : { fixStyle: options.style }),
  };
  const platformError = checkPlatforms(analyzeOptions);
  if (platformError !== null) throw new Exit2(platformError);

  const inputs = await readAll(options.files, io);
  const files: FileReport[] = [];
  for (const input of inputs) {
    let report = analyze(input.text, analyzeOptions);
    let text = input.text;
    if (options.fix) {
      // The fixed Dockerfile goes to stdout verbatim; the exit code says what the fix leaves.
      io.stdout(report.fixed);
      return exitCode([analyze(report.fixed, analyzeOptions)], options.failOn);
    }
    if (options.write && report.fixed !== input.text) {
      if (!input.lossless) {
        io.stderr(`${COMMAND_NAME}: ${input.name}: not rewritten: it is not valid UTF-8\n`);
      } else {
        await write(input.name, report.fixed, io);
        text = report.fixed;
        report = analyze(text, analyzeOptions);
      }
    }
    files.push({ path: input.path, text, report });
  }

  const baseUrl = options.baseUrl ?? HOMEPAGE;
  const formatted = formatReport(files, options, {
    baseUrl,
    color: io.stdoutIsTty && !noColor(io.env),
    analyzeOptions,
  });
  if (!formatted.ok) throw new Exit2(formatted.message);
  io.stdout(formatted.text);
  return exitCode(
    files.map((f) => f.report),
    options.failOn,
  );
}

interface Input {
  /** null for standard input. */
  readonly path: string | null;
  /** For messages. */
  readonly name: string;
  readonly text: string;
  readonly lossless: boolean;
}

/** Reads every file before analysing any, so an unreadable one stops the run before anything is printed. */
async function readAll(files: readonly string[], io: CliIo): Promise<Input[]> {
  const inputs: Input[] = [];
  for (const file of files) {
    const stdin = file === STDIN;
    let bytes: Uint8Array;
    try {
      bytes = stdin ? await io.readStdin() : await io.readFile(file);
    } catch (e) {
      throw new Exit2(`cannot read ${stdin ? "standard input" : file}: ${describeIoError(e)}`);
    }
    const decoded = decodeUtf8(bytes);
    inputs.push({ path: stdin ? null : file, name: stdin ? "standard input" : file, ...decoded });
  }
  return inputs;
}

async function write(path: string, text: string, io: CliIo): Promise<void> {
  try {
    await io.writeFile(path, new TextEncoder().encode(text));
  } catch (e) {
    throw new Exit2(`cannot write ${path}: ${describeIoError(e)}`);
  }
}

/** 1 when any finding is at or above the --fail-on level. */
export function exitCode(reports: readonly Report[], failOn: FailOn): number {
  if (failOn === "never") return EXIT_OK;
  const threshold = SEVERITY_RANK[failOn];
  for (const r of reports) for (const f of r.findings) if (SEVERITY_RANK[f.severity] >= threshold) return EXIT_FINDINGS;
  return EXIT_OK;
}

/** no-color.org: present and not empty. */
function noColor(env: Readonly<Record<string, string | undefined>>): boolean {
  const v = env.NO_COLOR;
  return v !== undefined && v !== "";
}

/** Node's errno codes in words (`ENOENT` → "no such file or directory"). */
function describeIoError(e: unknown): string {
  const code = typeof e === "object" && e !== null ? (e as { code?: unknown }).code : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EISDIR":
      return "is a directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "not a directory";
  }
  return e instanceof Error ? e.message : String(e);
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, " ");
}
