/**
 * A relative target without an id: the default id is `path.Clean` of the
 * target as written, before the WORKDIR join (convert_runmount.go, vector 2),
 * so `target=node_modules` is the id `node_modules` in every project.
 */
import { code, mountRange, platformsOf } from "./messages";
import { defaultIdText, writtenId } from "./id-plan";
import { mountFlags, RELATIVE_ID } from "./mount-flags";
import type { MountCell } from "../report/types";
import type { Rule, RuleDocs, RuleFinding } from "./types";

/** A built cell whose (default) id is relative. */
const isRelative = (c: MountCell): boolean => c.built && !c.id.startsWith("/");

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "Without an `id`, BuildKit uses the target as written as the id, before joining it to WORKDIR. `WORKDIR /app` plus `target=node_modules` is mounted at /app/node_modules but cached under `node_modules`, the same directory as every other Dockerfile on the builder that mounts a relative `node_modules`. Set an explicit id.",
  bad: {
    dockerfile: "FROM node:22\nWORKDIR /app\nRUN --mount=type=cache,target=.npm \\\n    npm ci --cache .npm\n",
    options: { platforms: ["linux/amd64"] },
  },
  good: {
    dockerfile:
      "FROM node:22\nWORKDIR /app\nRUN --mount=type=cache,id=/app/.npm,target=.npm \\\n    npm ci --cache .npm\n",
    options: { platforms: ["linux/amd64"] },
  },
};

export const rule: Rule = {
  id: "relative-cache-target",
  severity: "warning",
  summary: "A relative cache target without an id: its default id ignores WORKDIR, so unrelated projects share it.",
  fixSafety: "suggested",
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const m of ctx.resolution.mounts) {
      const raw = writtenId(ctx, m.index);
      if (raw !== null && raw !== "") continue;
      // Most mounts have an absolute default id (mount-flags.ts): nothing to collect for them.
      if ((mountFlags(ctx, m.index) & RELATIVE_ID) === 0) continue;
      const relative = m.cells.filter(isRelative);
      const first = relative[0];
      if (!first) continue;
      const explicit = defaultIdText(ctx, m.index);
      const suggestion = explicit !== null && explicit.startsWith("/") ? explicit : null;
      const what =
        m.writtenTarget === ""
          ? `This mount has no ${code("target")} and no ${code("id")}: it is mounted at WORKDIR, but its id defaults to ${code(first.id)}, so every Dockerfile on the builder that mounts a cache at its WORKDIR without an id shares this cache.`
          : `${code("target=" + m.writtenTarget)} is relative and has no ${code("id")}: the id defaults to ${code(first.id)}, the target as written without WORKDIR, so every Dockerfile on the builder that mounts a relative ${code(m.writtenTarget)} shares this cache.`;
      out.push({
        severity: "warning",
        message: `${what} Set an explicit id${suggestion !== null ? `, e.g. ${code("id=" + suggestion)} (where it is mounted)` : ""}.`,
        range: mountRange(ctx, m.index),
        platforms: platformsOf(
          ctx,
          relative.map((c) => c.platformIndex),
        ),
        mounts: [m.index],
        fix:
          suggestion !== null && ctx.source.mounts[m.index]
            ? {
                description: `Set \`id=${suggestion}\`.`,
                safety: "suggested",
                intents: [{ kind: "ensure-id", mount: m.index, defaultId: suggestion }],
              }
            : null,
      });
    }
    return out;
  },
};
