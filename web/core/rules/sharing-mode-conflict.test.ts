import { describe, expect, it } from "vitest";
import { findingsOf, runPipeline } from "./test-support";

const ID = "sharing-mode-conflict";
const ONE = { platforms: ["linux/amd64"] };

describe(ID, () => {
  it("flags the mount whose mode is weaker than another mount of the same cache", () => {
    const text =
      "FROM alpine\nRUN --mount=type=cache,id=x,target=/a,sharing=private true\nRUN --mount=type=cache,id=x,target=/a true\n";
    const [f, ...rest] = findingsOf(text, ONE, ID);
    expect(rest).toEqual([]);
    expect(f?.message).toBe(
      "The cache `x` is mounted `shared` here but `private` on line 2: BuildKit applies each RUN's own mode, so the stricter one does not protect this RUN. Use `sharing=private` on every mount of this cache.",
    );
    expect(f?.range.startLine).toBe(3);
    expect(runPipeline(text, ONE).fixed).toBe(
      "FROM alpine\nRUN --mount=type=cache,id=x,target=/a,sharing=private true\nRUN --mount=type=cache,sharing=private,id=x,target=/a true\n",
    );
  });

  it("keeps mounts with one mode, or of different caches, quiet", () => {
    const text =
      "FROM alpine\nRUN --mount=type=cache,id=x,target=/a,sharing=locked true\nRUN --mount=type=cache,id=x,target=/a,sharing=LOCKED true\nRUN --mount=type=cache,id=y,target=/a true\n";
    expect(findingsOf(text, ONE, ID)).toEqual([]);
  });
});
