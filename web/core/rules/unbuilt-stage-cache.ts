/**
 * A cache mount in a stage the chosen target does not need: BuildKit never
 * dispatches it (convert.go allReachableStages), so it has no cache key and
 * its dispatch-time errors stay hidden (vector 36).
 */
import { code, mountRange } from "./messages";
import type { Rule, RuleDocs, RuleFinding } from "./types";

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "BuildKit only converts the target stage and the stages it reaches through `FROM`, `COPY --from` and `RUN --mount from=`. A cache mount elsewhere is never evaluated: it gets no cache id, and mistakes in it only show up when that stage is built (`--target`, or `docker build --check`).",
  bad: {
    dockerfile:
      "FROM golang:1.23 AS test\nRUN --mount=type=cache,target=/root/.cache/go-build go test ./...\n\nFROM golang:1.23\nRUN --mount=type=cache,target=/root/.cache/go-build go build ./...\n",
    options: { platforms: ["linux/amd64"] },
  },
  good: {
    dockerfile:
      "FROM golang:1.23 AS test\nRUN --mount=type=cache,target=/root/.cache/go-build go test ./... && touch /tested\n\nFROM golang:1.23\nCOPY --from=test /tested /tested\nRUN --mount=type=cache,target=/root/.cache/go-build go build ./...\n",
    options: { platforms: ["linux/amd64"] },
  },
};

export const rule: Rule = {
  id: "unbuilt-stage-cache",
  severity: "info",
  summary: "The cache mount is in a stage that is not built for the chosen target.",
  fixSafety: "none",
  check(ctx) {
    const out: RuleFinding[] = [];
    // When a platform fails before dispatch, nothing is built: that is invalid-mount's story, not this rule's.
    if (ctx.resolution.platforms.every((p) => p.error !== null)) return out;
    for (const m of ctx.resolution.mounts) {
      const stage = ctx.resolution.stages[m.stageIndex];
      if (!stage || stage.built) continue;
      const name = stage.name === null ? `The stage on line ${stage.line}` : `Stage ${code(stage.name)}`;
      const target =
        ctx.resolution.target === null ? "the target (the last stage)" : `the target ${code(ctx.resolution.target)}`;
      const how =
        stage.name === null
          ? "Name the stage and build it with `--target`"
          : `Build it with ${code("--target " + stage.name)}`;
      out.push({
        severity: "info",
        message: `${name} is not built for ${target}: nothing it needs reaches it, so BuildKit never evaluates this mount (no cache id, no dispatch errors). ${how} to see its keys.`,
        range: mountRange(ctx, m.index),
        platforms: [],
        mounts: [m.index],
        fix: null,
      });
    }
    return out;
  },
};
