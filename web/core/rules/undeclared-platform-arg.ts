/**
 * An automatic platform ARG used in a mount option without `ARG NAME` in the
 * stage: automatic ARGs live in the global scope, so inside a stage they
 * expand to "" until declared (buildkit-semantics.md §5, vectors 6 and 7).
 */
import { code, list, onPlatforms, platformsOf, stageLabel } from "./messages";
import type { Rule, RuleDocs, RuleFinding } from "./types";
import { optionRange, optionText, undefinedUses } from "./variable-uses";

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "`TARGETARCH`, `TARGETPLATFORM`, `BUILDPLATFORM` and the other automatic ARGs are defined in the global scope only. Inside a stage they are empty until `ARG NAME` brings them in, so `id=go-${TARGETARCH}` is `go-` on every platform: the caches the id was meant to separate collide anyway, and BuildKit only prints an UndefinedVar warning.",
  bad: {
    dockerfile:
      "FROM golang:1.23\nRUN --mount=type=cache,id=go-${TARGETARCH},target=/root/.cache/go-build \\\n    go build ./...\n",
    options: { platforms: ["linux/amd64", "linux/arm64"] },
  },
  good: {
    dockerfile:
      "FROM golang:1.23\nARG TARGETARCH\nRUN --mount=type=cache,id=go-${TARGETARCH},target=/root/.cache/go-build \\\n    go build ./...\n",
    options: { platforms: ["linux/amd64", "linux/arm64"] },
  },
};

export const rule: Rule = {
  id: "undeclared-platform-arg",
  severity: "error",
  summary:
    "A mount option uses an automatic platform ARG that the stage never declares, so it expands to an empty string.",
  fixSafety: "safe",
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const m of ctx.resolution.mounts) {
      const src = ctx.source.mounts[m.index];
      for (const use of undefinedUses(ctx, m.index, true)) {
        const option = use.options[0] ?? "id";
        const written = use.options.map((o) => code(optionText(ctx, m.index, o) ?? o));
        const platforms = platformsOf(ctx, use.platformIndexes);
        const where = onPlatforms(platforms);
        const message =
          `${code("$" + use.name)} is empty in ${list(written)} ${where}: automatic platform ARGs are global, and ${stageLabel(ctx, m.stageIndex)} does not declare ${code("ARG " + use.name)} before line ${m.line}. ` +
          `Add ${code("ARG " + use.name)} to the stage.`;
        out.push({
          severity: "error",
          message,
          range: optionRange(ctx, m.index, option),
          platforms,
          mounts: [m.index],
          fix: src
            ? {
                description: `Declare ${code("ARG " + use.name)} in ${stageLabel(ctx, m.stageIndex)}.`,
                safety: "safe",
                intents: [{ kind: "declare-arg", stage: src.stage, name: use.name }],
              }
            : null,
        });
      }
    }
    return out;
  },
};
