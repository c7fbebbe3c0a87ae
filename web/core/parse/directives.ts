/**
 * Parser directives (df/parser/directives.go).
 *
 * Three readers exist in BuildKit and they disagree at the edges, so each is
 * reproduced: parser.Parse's own reader (decides the escape token, reports
 * duplicates), DetectSyntax (`syntax`: also `#!` skipping, `// syntax=` and a
 * JSON object) and ParseDirective (`check`: `#` form after an optional `#!`).
 */
import type { Span } from "../source";
import { goQuote, goToLower, isGoSpace } from "../util/go-text";
import { parseGoBool } from "./go-strconv";

const KNOWN = new Set(["syntax", "escape", "check"]);

// `^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with Go's \s ([\t\n\f\r ]) and `.` (not \n).
const DIRECTIVE = /^([a-zA-Z][a-zA-Z0-9]*)[\t\n\f\r ]*=[\t\n\f\r ]*([^\n]+?)[\t\n\f\r ]*$/;

export type DirectiveLine =
  | { readonly kind: "none" }
  | { readonly kind: "directive"; readonly name: string; readonly value: string }
  | { readonly kind: "error"; readonly message: string };

const NONE: DirectiveLine = { kind: "none" };

/** DirectiveParser: stops for good at the first line that is not a known directive. */
export class DirectiveParser {
  private done = false;
  private readonly seen = new Set<string>();
  constructor(private readonly prefix: string = "#") {}

  get isDone(): boolean {
    return this.done;
  }

  parseLine(line: string): DirectiveLine {
    if (this.done) return NONE;
    if (!line.startsWith(this.prefix)) {
      this.done = true;
      return NONE;
    }
    // bytes.TrimLeftFunc(unicode.IsSpace) after the prefix.
    let from = this.prefix.length;
    while (from < line.length && isGoSpace(line.charCodeAt(from))) from++;
    const rest = line.slice(from);
    const m = DIRECTIVE.exec(rest);
    const key = m?.[1];
    const value = m?.[2];
    if (key === undefined || value === undefined || !KNOWN.has(goToLower(key))) {
      this.done = true;
      return NONE;
    }
    const name = goToLower(key);
    if (this.seen.has(name)) return { kind: "error", message: `only one ${name} parser directive can be used` };
    this.seen.add(name);
    return { kind: "directive", name, value };
  }
}

/** setEscapeToken's check. */
export function escapeTokenError(value: string): string | null {
  return value === "`" || value === "\\" ? null : `invalid escape token '${value}' does not match \` or \\`;
}

export interface FoundDirective {
  /** The first space-separated word of the value: what BuildKit acts on. */
  readonly value: string;
  /** The whole value, right-trimmed. */
  readonly full: string;
  readonly span: Span;
}

/**
 * parseDirective(key, dt, anyFormat): BOM and a `#!` first line are skipped,
 * then lines (bufio.ScanLines: split on \n, one trailing \r dropped) are read
 * without left-trimming. Only the first matching directive counts.
 */
export function findDirective(text: string, key: string, anyFormat: boolean): FoundDirective | null {
  let base = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const firstNl = text.indexOf("\n", base);
  if (text.startsWith("#!", base)) base = firstNl === -1 ? text.length : firstNl + 1;

  const viaPrefix = (prefix: string): FoundDirective | null => {
    const parser = new DirectiveParser(prefix);
    let start = base;
    while (start < text.length && !parser.isDone) {
      const nl = text.indexOf("\n", start);
      const end = nl === -1 ? text.length : nl;
      const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      const line = text.slice(start, contentEnd);
      const r = parser.parseLine(line);
      if (r.kind === "error") return null;
      if (r.kind === "directive" && r.name === key) {
        const sp = r.value.indexOf(" ");
        return {
          value: sp === -1 ? r.value : r.value.slice(0, sp),
          full: r.value,
          span: { start, end: contentEnd },
        };
      }
      start = nl === -1 ? text.length : nl + 1;
    }
    return null;
  };

  const hash = viaPrefix("#");
  if (hash !== null || !anyFormat) return hash;
  const slashes = viaPrefix("//");
  if (slashes !== null) return slashes;
  // json.Unmarshal into a map: only an object can hold the key (skip the throw for ordinary files).
  if (text.slice(base).trimStart()[0] !== "{") return null;
  try {
    const parsed: unknown = JSON.parse(text.slice(base));
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)) {
      const v: unknown = (parsed as Record<string, unknown>)[key];
      if (typeof v === "string") return { value: v, full: v, span: { start: base, end: text.length } };
    }
  } catch {
    // Not JSON: no directive.
  }
  return null;
}

export interface CheckOptions {
  readonly skipAll: boolean;
  readonly skip: readonly string[];
  readonly experimentalAll: boolean;
  readonly experimental: readonly string[];
  readonly error: boolean;
}

/**
 * linter.ParseLintOptions on the `check` directive's value, with the frontend's
 * `failed to parse check options: ` wrapping (dockerfile2llb newRuleLinter).
 * BuildKit applies it only when no BUILDKIT_DOCKERFILE_CHECK build-arg is set, and
 * before parsing the file, so a failure here is the first error it reports.
 */
export function parseCheckOptions(
  value: string,
): { readonly ok: true; readonly options: CheckOptions } | { readonly ok: false; readonly error: string } {
  const opts = {
    skipAll: false,
    skip: [] as string[],
    experimentalAll: false,
    experimental: [] as string[],
    error: false,
  };
  const trimmed = value.trim();
  if (trimmed === "") return { ok: true, options: opts };
  const wrap = (msg: string) => ({ ok: false as const, error: `failed to parse check options: ${msg}` });
  // strings.SplitN(s, ";", 3)
  const parts: string[] = [];
  let rest = trimmed;
  while (parts.length < 2) {
    const i = rest.indexOf(";");
    if (i === -1) break;
    parts.push(rest.slice(0, i));
    rest = rest.slice(i + 1);
  }
  parts.push(rest);
  for (const p of parts) {
    const eq = p.indexOf("=");
    if (eq === -1) return wrap(`invalid check option ${goQuote(p)}`);
    const k = p.slice(0, eq).trim();
    const v = p.slice(eq + 1).trim();
    switch (k) {
      case "skip":
        if (v === "all") opts.skipAll = true;
        else opts.skip = v.split(",").map((r) => r.trim());
        break;
      case "experimental":
        if (v === "all") opts.experimentalAll = true;
        else opts.experimental = v.split(",").map((r) => r.trim());
        break;
      case "error": {
        const b = parseGoBool(v);
        if (b === null) {
          return wrap(
            `failed to parse check option ${goQuote(p)}: strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`,
          );
        }
        opts.error = b;
        break;
      }
      default:
        return wrap(`invalid check option ${goQuote(k)}`);
    }
  }
  return { ok: true, options: opts };
}
