/**
 * Any other variable undefined at the RUN: it expands to "" (BuildKit's
 * UndefinedVar lint, df/dockerfile2llb/validations.go). A `--build-arg` does
 * not reach a stage without `ARG NAME` (vector 18).
 */
import { code, list, platformsOf } from "./messages";
import type { Rule, RuleDocs, RuleFinding } from "./types";
import { optionRange, optionText, undefinedUses } from "./variable-uses";

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "Mount options are expanded with the stage's ARGs and ENVs at the RUN. A name that is not there expands to an empty string without failing the build, so the id silently loses the part it was meant to carry; two such ids can collide. A `--build-arg` only reaches a stage through an `ARG` line, and global ARGs must be redeclared inside the stage.",
  bad: {
    dockerfile:
      "ARG PROJECT=web\nFROM node:22\nRUN --mount=type=cache,id=npm-${PROJECT},target=/root/.npm \\\n    npm ci\n",
    options: { platforms: ["linux/amd64"] },
  },
  good: {
    dockerfile:
      "ARG PROJECT=web\nFROM node:22\nARG PROJECT\nRUN --mount=type=cache,id=npm-${PROJECT},target=/root/.npm \\\n    npm ci\n",
    options: { platforms: ["linux/amd64"] },
  },
};

export const rule: Rule = {
  id: "undefined-variable-in-mount",
  severity: "warning",
  summary: "A mount option uses a variable that is not defined at that RUN, so it expands to an empty string.",
  fixSafety: "none",
  check(ctx) {
    const out: RuleFinding[] = [];
    const buildArgs = ctx.options.buildArgs ?? {};
    const globals = new Set<string>();
    for (const c of ctx.source.globals) if (c.kind === "arg") for (const kv of c.args) globals.add(kv.key);
    for (const m of ctx.resolution.mounts) {
      for (const use of undefinedUses(ctx, m.index, false)) {
        const written = use.options.map((o) => code(optionText(ctx, m.index, o) ?? o));
        const platforms = platformsOf(ctx, use.platformIndexes);
        let message = `${code("$" + use.name)} is not defined at this RUN, so it expands to an empty string in ${list(written)}.`;
        if (Object.hasOwn(buildArgs, use.name)) {
          message += ` ${code("--build-arg " + use.name)} does not reach the stage without ${code("ARG " + use.name)} in it.`;
        } else if (globals.has(use.name)) {
          message += ` The global ${code("ARG " + use.name)} is only seen by FROM lines until the stage redeclares it.`;
        }
        message += ` Declare it with ${code("ARG " + use.name)} (or ${code("ENV")}) before line ${m.line}, or remove it.`;
        out.push({
          severity: "warning",
          message,
          range: optionRange(ctx, m.index, use.options[0] ?? "id"),
          platforms,
          mounts: [m.index],
          fix: null,
        });
      }
    }
    return out;
  },
};
