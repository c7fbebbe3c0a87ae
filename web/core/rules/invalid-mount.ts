/**
 * BuildKit would reject the mount or the Dockerfile: every parse-time error
 * (all stages, all platforms) and every platform's dispatch error, with
 * BuildKit's exact message at the place it points to. A "did you mean" in the
 * message becomes a suggested edit.
 */
import type { Range } from "../source";
import type { Span } from "../source";
import type { FixIntent } from "../fix/types";
import { allPlatforms, code, platformsOf } from "./messages";
import type { Rule, RuleContext, RuleDocs, RuleFinding } from "./types";

const FIRST_LINE: Range = { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 };

// The misspelt word in BuildKit's suggest.WrapError messages (commands_runmount.go, bflag.go).
const WRONG_WORD = [
  /unsupported mount type "([^"]*)"/,
  /unsupported sharing value "([^"]*)"/,
  /unexpected key '([^']*)' in /,
  /unknown flag: --(\S+)/,
];
const SUGGESTION = /\(did you mean ([^?\s]+)\?\)$/;

/** The did-you-mean edit: the wrong word, found once in the error's span, replaced by the suggestion. */
function didYouMean(ctx: RuleContext, message: string, span: Span): FixIntent[] {
  const suggestion = SUGGESTION.exec(message)?.[1];
  if (suggestion === undefined) return [];
  for (const re of WRONG_WORD) {
    const wrong = re.exec(message)?.[1];
    if (wrong === undefined || wrong === "") continue;
    const slice = ctx.text.slice(span.start, span.end);
    const at = slice.indexOf(wrong);
    if (at < 0 || slice.indexOf(wrong, at + 1) >= 0) return [];
    const start = span.start + at;
    return [{ kind: "replace", span: { start, end: start + wrong.length }, text: suggestion }];
  }
  return [];
}

function finding(
  ctx: RuleContext,
  message: string,
  span: Span | null,
  range: Range | null,
  platforms: string[],
): RuleFinding {
  const intents = span === null ? [] : didYouMean(ctx, message, span);
  const suggestion = SUGGESTION.exec(message)?.[1];
  return {
    severity: "error",
    message,
    range: range ?? (span === null ? FIRST_LINE : ctx.lines.range(span)),
    platforms,
    mounts: [],
    fix:
      intents.length > 0 && suggestion !== undefined
        ? { description: `Replace it with ${code(suggestion)}.`, safety: "suggested", intents }
        : null,
  };
}

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "BuildKit checks `--mount` flags and their CSV fields when it parses the Dockerfile (for every stage, built or not), and the expanded values when it dispatches a built stage. Any error stops the build for that platform. The message here is BuildKit's own, word for word.",
  bad: {
    dockerfile: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk,sharing=lock \\\n    apk add git\n",
    options: { platforms: ["linux/amd64"] },
  },
  good: {
    dockerfile: "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk,sharing=locked \\\n    apk add git\n",
    options: { platforms: ["linux/amd64"] },
  },
};

export const rule: Rule = {
  id: "invalid-mount",
  severity: "error",
  summary: "BuildKit would reject the mount or the Dockerfile.",
  fixSafety: "suggested",
  check(ctx) {
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    const everywhere = allPlatforms(ctx);
    for (const e of ctx.parsed.errors) {
      const key = `${e.message}\u0000${e.span.start}:${e.span.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(finding(ctx, e.message, e.span, null, everywhere));
    }
    const parseMessages = new Set(ctx.parsed.errors.map((e) => e.message));
    // One finding per distinct dispatch error, listing the platforms that stop with it.
    const byError = new Map<string, { message: string; range: Range | null; platforms: number[] }>();
    ctx.resolution.platforms.forEach((p, i) => {
      if (p.error === null || parseMessages.has(p.error)) return;
      const r = p.errorRange;
      const key = `${p.error}\u0000${r === null ? "" : `${r.startLine}:${r.startColumn}:${r.endLine}:${r.endColumn}`}`;
      let entry = byError.get(key);
      if (entry === undefined) byError.set(key, (entry = { message: p.error, range: r, platforms: [] }));
      entry.platforms.push(i);
    });
    for (const e of byError.values()) {
      const span = e.range === null ? null : spanOfRange(ctx, e.range);
      out.push(finding(ctx, e.message, span, e.range, platformsOf(ctx, e.platforms)));
    }
    return out;
  },
};

function spanOfRange(ctx: RuleContext, r: Range): Span {
  return {
    start: ctx.lines.lineStart(r.startLine) + r.startColumn - 1,
    end: ctx.lines.lineStart(r.endLine) + r.endColumn - 1,
  };
}
