/**
 * The conversion-time lint rules besides UndefinedVar (dispatch.ts), with
 * BuildKit's messages (df/linter/ruleset.go) and triggers (convert.go
 * reportUnusedFromArgs, reportRedundantTargetPlatform,
 * reportConstPlatformDisallowed, validateBaseImagesWithDefaultArgs,
 * validateNoSecretKey, dispatchWorkdir). They matter beyond the editor:
 * with `# check=error=true` any of them fails the build.
 */
import type { VariableRef } from "../expand/index";
import { goQuote } from "../expand/index";
import type { LintWarning, Span } from "../parse/types";
import { parsePlatform } from "../platform/index";
import type { Platform } from "../platform/index";
import { suggest } from "../util/suggest";
import type { LintConfig } from "./lint-config";
import { ruleEnabled } from "./lint-config";

export class LintSink {
  constructor(
    private readonly out: LintWarning[],
    private readonly config: LintConfig,
    readonly active: boolean,
  ) {}

  add(rule: string, message: string, span: Span): void {
    if (this.active && ruleEnabled(this.config, rule)) this.out.push({ rule, message, span });
  }
}

/** reportUnusedFromArgs: a name a FROM line uses that no global ARG declares. */
export function undefinedArgsInFrom(
  sink: LintSink,
  uses: readonly VariableRef[],
  declared: ReadonlySet<string>,
  span: Span,
): void {
  let seen: Set<string> | null = null;
  for (const u of uses) {
    if (u.defined || declared.has(u.name)) continue;
    seen ??= new Set();
    if (seen.has(u.name)) continue;
    seen.add(u.name);
    const match = suggest(u.name, [...declared], true);
    sink.add(
      "UndefinedArgInFrom",
      `FROM argument '${u.name}' is not declared` + (match === null ? "" : ` (did you mean ${match}?)`),
      span,
    );
  }
}

/** reportRedundantTargetPlatform: `--platform=$TARGETPLATFORM` alone. */
export function redundantTargetPlatform(
  sink: LintSink,
  expr: string,
  result: string,
  uses: readonly VariableRef[],
  targetPlatform: string | undefined,
  span: Span,
): void {
  const matched = new Set(uses.filter((u) => u.defined).map((u) => u.name));
  if (matched.size !== 1 || uses.some((u) => !u.defined) || !matched.has("TARGETPLATFORM")) return;
  if (result === targetPlatform) {
    sink.add(
      "RedundantTargetPlatform",
      `Setting platform to predefined ${expr} in FROM is redundant as this is the default behavior`,
      span,
    );
  }
}

/** reportConstPlatformDisallowed: a constant `--platform` unless the stage name mentions it. */
export function constPlatform(
  sink: LintSink,
  stageName: string,
  result: string,
  uses: readonly VariableRef[],
  host: Platform,
  span: Span,
): void {
  if (uses.length > 0) return;
  const p = parsePlatform(result, host);
  if (!p.ok) return;
  if (stageName.includes(p.platform.os) || stageName.includes(p.platform.architecture)) return;
  sink.add(
    "FromPlatformFlagConstDisallowed",
    `FROM --platform flag should not use constant value ${goQuote(result)}`,
    span,
  );
}

const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOWED = /(?:_|^)(?:public)(?:_|$)/i;

/** validateNoSecretKey: ARG / ENV names that look like secrets. */
export function secretKey(sink: LintSink, instruction: "ARG" | "ENV", key: string, span: Span): void {
  if (SECRET.test(key) && !SECRET_ALLOWED.test(key)) {
    sink.add(
      "SecretsUsedInArgOrEnv",
      `Do not use ARG or ENV instructions for sensitive data (${instruction} ${goQuote(key)})`,
      span,
    );
  }
}
