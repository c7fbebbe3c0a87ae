/**
 * `ARG TARGETARCH=amd64` (a default on an automatic ARG) or a
 * `--build-arg TARGETARCH=…` gives the ARG one value on every platform
 * (buildkit-semantics.md §5 and §7, vector 20), so an id built from it no
 * longer tells platforms apart.
 */
import type { ArgCommand } from "../parse/types";
import { code, list, mountRange, platformsOf, allPlatforms } from "./messages";
import { AUTOMATIC_ARGS } from "./platform-values";
import type { Rule, RuleDocs, RuleFinding } from "./types";

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "BuildKit sets `TARGETARCH` and its siblings for each platform it builds. `ARG TARGETARCH=amd64` (or `--build-arg TARGETARCH=amd64`) replaces that value everywhere, so an arm64 build sees `amd64` too: ids built from it collide again, and downloads pick the wrong architecture. Declare it without a default to get the real value.",
  bad: {
    dockerfile:
      "FROM alpine:3.20\nARG TARGETARCH=amd64\nRUN --mount=type=cache,id=apk-${TARGETARCH},target=/var/cache/apk \\\n    apk add git\n",
    options: { platforms: ["linux/amd64", "linux/arm64"] },
  },
  good: {
    dockerfile:
      "FROM alpine:3.20\nARG TARGETARCH\nRUN --mount=type=cache,id=apk-${TARGETARCH},target=/var/cache/apk \\\n    apk add git\n",
    options: { platforms: ["linux/amd64", "linux/arm64"] },
  },
};

export const rule: Rule = {
  id: "platform-arg-overridden",
  severity: "warning",
  summary: "An automatic platform ARG gets a default or a build arg, which pins it to one value for every platform.",
  fixSafety: "suggested",
  check(ctx) {
    const out: RuleFinding[] = [];
    const { text } = ctx;
    const args: ArgCommand[] = [];
    for (const c of ctx.source.globals) if (c.kind === "arg") args.push(c);
    for (const s of ctx.source.stages) for (const c of s.commands) if (c.kind === "arg") args.push(c);
    for (const c of args) {
      for (const kv of c.args) {
        if (kv.value === null || !AUTOMATIC_ARGS.has(kv.key)) continue;
        const droppable = text.startsWith(kv.key + "=", kv.span.start);
        out.push({
          severity: "warning",
          message:
            `${code(`ARG ${kv.key}=${kv.value}`)} pins ${code(kv.key)} to ${code(kv.value)} on every platform, so ids built from it no longer tell platforms apart. ` +
            `Drop the default: ${code("ARG " + kv.key)} gets each platform's own value.`,
          range: ctx.lines.range(kv.span),
          platforms: allPlatforms(ctx),
          mounts: [],
          fix: droppable
            ? {
                description: `Drop the default: ${code("ARG " + kv.key)}.`,
                safety: "suggested",
                intents: [{ kind: "drop-arg-default", span: kv.span, key: kv.key }],
              }
            : null,
        });
      }
    }
    const buildArgs = ctx.options.buildArgs ?? {};
    // Only a build arg named like an automatic ARG pins one: without such a build arg, no cell needs a look.
    if (!Object.keys(buildArgs).some((name) => AUTOMATIC_ARGS.has(name))) return out;
    for (const m of ctx.resolution.mounts) {
      // Built only for a mount that has such a variable (rare: most files pass no such build arg).
      let pinned: Map<string, number[]> | null = null;
      for (const cell of m.cells) {
        if (!cell.built) continue;
        for (const v of cell.variables) {
          if (!v.defined || !AUTOMATIC_ARGS.has(v.name) || !Object.hasOwn(buildArgs, v.name)) continue;
          pinned ??= new Map();
          let ps = pinned.get(v.name);
          if (ps === undefined) pinned.set(v.name, (ps = []));
          if (!ps.includes(cell.platformIndex)) ps.push(cell.platformIndex);
        }
      }
      if (pinned === null) continue;
      for (const [name, ps] of pinned) {
        const platforms = platformsOf(ctx, ps);
        out.push({
          severity: "warning",
          message: `${code(`--build-arg ${name}=${buildArgs[name] ?? ""}`)} pins ${code("$" + name)} in this mount to one value on ${list(platforms)}, so the id no longer tells them apart. Drop the build arg.`,
          range: mountRange(ctx, m.index),
          platforms,
          mounts: [m.index],
          fix: null,
        });
      }
    }
    return out;
  },
};
