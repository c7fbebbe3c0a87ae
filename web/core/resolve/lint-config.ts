/**
 * The `# check=` directive / `BUILDKIT_DOCKERFILE_CHECK` build-arg
 * (df/linter/linter.go ParseLintOptions, frontend/dockerui/config.go).
 */
import { goQuote } from "../expand/index";
import { parseGoBool } from "../parse/go-strconv";

export interface LintConfig {
  readonly skipAll: boolean;
  readonly skip: ReadonlySet<string>;
  readonly experimentalAll: boolean;
  readonly experimental: ReadonlySet<string>;
  /** `error=true`: any warning fails the build with `lint violation found for rules: …`. */
  readonly returnAsError: boolean;
}

export const DEFAULT_LINT_CONFIG: LintConfig = {
  skipAll: false,
  skip: new Set(),
  experimentalAll: false,
  experimental: new Set(),
  returnAsError: false,
};

/** Rules BuildKit marks experimental (df/linter/ruleset.go): they only run when enabled. */
const EXPERIMENTAL_RULES: ReadonlySet<string> = new Set(["CopyIgnoredFile", "InvalidDefinitionDescription"]);

export type LintConfigResult = { ok: true; config: LintConfig } | { ok: false; error: string };

export function parseLintOptions(input: string): LintConfigResult {
  const checkStr = input.trim();
  if (checkStr === "") return { ok: true, config: DEFAULT_LINT_CONFIG };
  // strings.SplitN(checkStr, ";", 3)
  const parts = splitN(checkStr, ";", 3);
  let skipAll = false;
  let experimentalAll = false;
  let returnAsError = false;
  let skip: string[] = [];
  let experimental: string[] = [];
  for (const p of parts) {
    const eq = p.indexOf("=");
    if (eq < 0) return { ok: false, error: `invalid check option ${goQuote(p)}` };
    const k = p.slice(0, eq).trim();
    const v = p.slice(eq + 1).trim();
    if (k === "skip") {
      if (v === "all") skipAll = true;
      else skip = v.split(",").map((r) => r.trim());
    } else if (k === "experimental") {
      if (v === "all") experimentalAll = true;
      else experimental = v.split(",").map((r) => r.trim());
    } else if (k === "error") {
      const b = parseGoBool(v);
      if (b === null) {
        return {
          ok: false,
          error: `failed to parse check option ${goQuote(p)}: strconv.ParseBool: parsing ${goQuote(v)}: invalid syntax`,
        };
      }
      returnAsError = b;
    } else {
      return { ok: false, error: `invalid check option ${goQuote(k)}` };
    }
  }
  return {
    ok: true,
    config: { skipAll, skip: new Set(skip), experimentalAll, experimental: new Set(experimental), returnAsError },
  };
}

/** Would BuildKit's linter run (and count) this rule? (linter.go Linter.Run) */
export function ruleEnabled(config: LintConfig, rule: string): boolean {
  if (EXPERIMENTAL_RULES.has(rule)) return config.experimentalAll || config.experimental.has(rule);
  return !(config.skipAll || config.skip.has(rule));
}

function splitN(s: string, sep: string, n: number): string[] {
  const out: string[] = [];
  let rest = s;
  while (out.length < n - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return out;
}
