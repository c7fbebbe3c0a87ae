import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../parse/index";
import { resolve } from "./index";

function resolved(text: string, platforms: readonly string[] = ["linux/amd64"]) {
  return resolve(parseDockerfile(text), text, { platforms });
}

/** 1-based line of each lint, with its message. */
function lintLines(text: string, platforms?: readonly string[]): string[] {
  return resolved(text, platforms).lints.map((l) => `${text.slice(0, l.span.start).split("\n").length}: ${l.message}`);
}

// Mounts written alike share one parse per distinct expansion (mount-parse.ts).
describe("mounts written alike", () => {
  it("resolves each stage's own values", () => {
    const text = [
      "FROM busybox AS a",
      "ARG X=one",
      "RUN --mount=type=cache,id=$X,target=/c true",
      "FROM busybox AS b",
      "ARG X=two",
      "RUN --mount=type=cache,id=$X,target=/c true",
      "FROM busybox",
      "COPY --from=a /c /a",
      "COPY --from=b /c /b",
    ].join("\n");
    const r = resolved(text, ["linux/amd64", "linux/arm64"]);
    expect(r.mounts.map((m) => m.cells.map((c) => c.cacheKey))).toEqual([
      ["/one", "/one"],
      ["/two", "/two"],
    ]);
    expect(r.mounts.map((m) => m.cells[0]?.variables.map((v) => `${v.name}=${v.value}`))).toEqual([
      ["X=one"],
      ["X=two"],
    ]);
  });
  it("flags UndefinedVar at each mount's own line, even when the parse is shared", () => {
    const text = [
      "FROM busybox AS a",
      "RUN --mount=type=cache,id=$NOPE,target=/c true",
      "FROM busybox",
      "COPY --from=a /c /a",
      "RUN --mount=type=cache,id=$NOPE,target=/c true",
    ].join("\n");
    expect(lintLines(text)).toEqual([
      "2: Usage of undefined variable '$NOPE'",
      "5: Usage of undefined variable '$NOPE'",
    ]);
  });
  it("stops every platform at the mount's own line when a failed parse is reused", () => {
    const text = ["FROM busybox", "RUN true", "RUN --mount=type=cache,id=$NOPE,sharing=$BAD,target=/c$LATE true"].join(
      "\n",
    );
    const r = resolved(text, ["linux/amd64", "linux/arm64"]);
    expect(r.platforms.map((p) => `${p.errorRange?.startLine}: ${p.error}`)).toEqual([
      '3: unsupported sharing value ""',
      '3: unsupported sharing value ""',
    ]);
    // Only the fields the parse reached before its error are looked at: not $LATE.
    expect(lintLines(text)).toEqual([
      "3: Usage of undefined variable '$NOPE'",
      "3: Usage of undefined variable '$BAD'",
    ]);
  });
});
