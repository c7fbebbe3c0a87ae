/**
 * One cache directory mounted with different sharing modes. Each RUN gets the
 * directory by its own mode (solver/llbsolver/mounts/mount.go), so a `locked`
 * mount does not keep a `shared` one out. The fix aligns on the strictest.
 */
import type { Sharing } from "../report/types";
import { directories, ONE_SHARING } from "./collisions";
import { code, involvedMounts, list, mountRange, platformsOf, someLines } from "./messages";
import type { Rule, RuleDocs, RuleFinding } from "./types";

const STRICTNESS: Readonly<Record<Sharing, number>> = { shared: 0, private: 1, locked: 2 };

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "`sharing` is decided per mount, not per cache: BuildKit hands a `shared` mount the directory even while a `locked` one holds it, and a `private` one gets a fresh directory instead. Mixed modes on one cache therefore give neither the protection of `locked` nor the reuse of `shared`. Use the same mode everywhere, the strictest one.",
  bad: {
    dockerfile:
      "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y git\n",
    options: { platforms: ["linux/amd64"] },
  },
  good: {
    dockerfile:
      "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get install -y git\n",
    options: { platforms: ["linux/amd64"] },
  },
};

export const rule: Rule = {
  id: "sharing-mode-conflict",
  severity: "warning",
  summary: "One cache directory is mounted with different sharing modes.",
  fixSafety: "safe",
  check(ctx) {
    const out: RuleFinding[] = [];
    const { groups, flags } = directories(ctx.resolution);
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      // Almost every directory has one mode: rule that out before building anything.
      if (group === undefined || ((flags[g] ?? 0) & ONE_SHARING) !== 0) continue;
      const modes = new Map<number, Sharing>();
      for (const ref of group) {
        const cell = ctx.resolution.mounts[ref.mount]?.cells[ref.platformIndex];
        if (cell && !modes.has(ref.mount)) modes.set(ref.mount, cell.sharing);
      }
      const distinct = new Set(modes.values());
      if (distinct.size < 2) continue;
      let strictest: Sharing = "shared";
      for (const s of distinct) if (STRICTNESS[s] > STRICTNESS[strictest]) strictest = s;
      const first = group[0];
      const cell = first ? ctx.resolution.mounts[first.mount]?.cells[first.platformIndex] : undefined;
      // Per mode, a few of the lines that use it (computed once: groups can be huge).
      const byMode = new Map<Sharing, number[]>();
      for (const [m, mode] of modes) {
        let l = byMode.get(mode);
        if (l === undefined) byMode.set(mode, (l = []));
        l.push(m);
      }
      const platforms = platformsOf(
        ctx,
        group.map((c) => c.platformIndex),
      );
      for (const [m, mode] of modes) {
        if (mode === strictest) continue;
        const others = [...byMode]
          .filter(([other]) => other !== mode)
          .map(([other, ms]) => {
            const lines = someLines(ctx, ms, null);
            return `${code(other)} on line${lines.length > 1 ? "s" : ""} ${list(lines)}`;
          });
        out.push({
          severity: "warning",
          message:
            `The cache ${code(cell?.id ?? "")} is mounted ${code(mode)} here but ${list(others)}: BuildKit applies each RUN's own mode, so the stricter one does not protect this RUN. ` +
            `Use ${code("sharing=" + strictest)} on every mount of this cache.`,
          range: mountRange(ctx, m),
          platforms,
          mounts: involvedMounts(m, modes.keys()),
          fix: ctx.source.mounts[m]
            ? {
                description: `Use \`sharing=${strictest}\` here too.`,
                safety: "safe",
                intents: [{ kind: "sharing", mount: m, value: strictest }],
              }
            : null,
        });
      }
    }
    return out;
  },
};
