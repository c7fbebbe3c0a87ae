/**
 * `${TARGETARCH}` is `arm` on both linux/arm/v6 and linux/arm/v7 (and `amd64`
 * on linux/amd64 and linux/amd64/v2): an id built from it alone still merges
 * those platforms. The fix appends `${TARGETVARIANT}`.
 */
import type { FixIntent } from "../fix/types";
import { changeIntents, changedIdText, undeclaredAt, writtenId, type IdChange } from "./id-plan";
import { predictId } from "./predict";
import { allOf, because, code, mountRange } from "./messages";
import type { Rule, RuleDocs, RuleFinding } from "./types";
import { variantClashes } from "./variant";

/** Why the rule matters, with a Dockerfile it flags and one it keeps quiet (rule pages, SARIF help). */
export const docs: RuleDocs = {
  why: "`TARGETARCH` is the architecture without its variant: linux/arm/v6 and linux/arm/v7 are both `arm`. An id like `apk-${TARGETARCH}` separates amd64 from arm64 but still gives arm/v6 and arm/v7 one directory, and their packages and binaries differ (Alpine's armhf vs armv7). Add `${TARGETVARIANT}`, or use `${TARGETPLATFORM}`, which includes it.",
  bad: {
    dockerfile:
      "FROM alpine:3.20\nARG TARGETARCH\nRUN --mount=type=cache,id=apk-${TARGETARCH},target=/var/cache/apk \\\n    apk add git\n",
    options: { platforms: ["linux/arm/v6", "linux/arm/v7"] },
  },
  good: {
    dockerfile:
      "FROM alpine:3.20\nARG TARGETARCH\nARG TARGETVARIANT\nRUN --mount=type=cache,id=apk-${TARGETARCH}${TARGETVARIANT},target=/var/cache/apk \\\n    apk add git\n",
    options: { platforms: ["linux/arm/v6", "linux/arm/v7"] },
  },
};

export const rule: Rule = {
  id: "platform-variant-collision",
  severity: "error",
  summary: "An id uses `TARGETARCH` without the variant, and the platforms differ only by variant.",
  fixSafety: "safe",
  check(ctx) {
    const out: RuleFinding[] = [];
    for (const m of ctx.resolution.mounts) {
      const clashes = variantClashes(ctx, m.index);
      if (clashes.length === 0) continue;
      const match = ctx.catalogue(m.index, clashes[0]?.cells[0]?.platformIndex ?? 0);
      const raw = writtenId(ctx, m.index) ?? "";
      const change: IdChange = {
        prefix: "",
        suffix: "${TARGETVARIANT}",
        declare: undeclaredAt(ctx, m.index, ["TARGETARCH", "TARGETVARIANT"]),
      };
      // The fix must give every variant its own id.
      const works = clashes.every((clash) => {
        const ids = new Map<string, string>();
        for (const ref of clash.cells) {
          const id = predictId(ctx, ref, change);
          const platform = ctx.platformName(ref.platformIndex);
          if (id === null) return false;
          const seen = ids.get(id);
          if (seen !== undefined && seen !== platform) return false;
          ids.set(id, platform);
        }
        return true;
      });
      const platforms: string[] = [];
      const sentences = clashes.map((clash) => {
        for (const p of clash.platforms) if (!platforms.includes(p)) platforms.push(p);
        return `${allOf(clash.platforms)} resolve ${code("${TARGETARCH}")} to ${code(clash.arch)}: they share the cache key ${code(clash.cacheKey)} (${code("id=" + raw)}).`;
      });
      const safe = match?.verdict === "safe";
      const why =
        safe && match
          ? ` ${because(`That is harmless for ${match.tool}`, match.reason)} But the id was clearly meant to separate platforms.`
          : match?.verdict === "unsafe"
            ? ` ${because(`That breaks ${match.tool}`, match.reason)}`
            : match
              ? ` ${because(`Whether ${match.tool} copes is unknown`, match.reason)}`
              : " Their binaries differ, so each may read files built for the other.";
      const newText = changedIdText(ctx, m.index, change);
      const intents: FixIntent[] = works ? changeIntents(ctx, m.index, change) : [];
      const todo =
        newText !== null && works
          ? ` Append ${code("${TARGETVARIANT}")}: ${code("id=" + newText)} (or use ${code("${TARGETPLATFORM}")}).`
          : ` Append ${code("${TARGETVARIANT}")} to the id, or use ${code("${TARGETPLATFORM}")}.`;
      out.push({
        severity: safe ? "info" : "error",
        message: sentences.join(" ") + why + todo,
        range: mountRange(ctx, m.index),
        platforms,
        mounts: [m.index],
        fix:
          intents.length > 0
            ? {
                description: `Append \`\${TARGETVARIANT}\` to the id${change.declare.length > 0 ? ` and declare ${change.declare.map((n) => code("ARG " + n)).join(", ")}` : ""}.`,
                safety: safe ? "suggested" : "safe",
                intents,
              }
            : null,
      });
    }
    return out;
  },
};
