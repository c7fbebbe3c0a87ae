import { describe, expect, it } from "vitest";
import { findingsOf } from "./test-support";

const ID = "undefined-variable-in-mount";
const ONE = { platforms: ["linux/amd64"] };

describe(ID, () => {
  it("flags a global ARG the stage does not redeclare", () => {
    const text = "ARG PROJECT=web\nFROM node:22\nRUN --mount=type=cache,id=npm-${PROJECT},target=/root/.npm npm ci\n";
    const [f] = findingsOf(text, ONE, ID);
    expect(f?.severity).toBe("warning");
    expect(f?.message).toBe(
      "`$PROJECT` is not defined at this RUN, so it expands to an empty string in `id=npm-${PROJECT}`. The global `ARG PROJECT` is only seen by FROM lines until the stage redeclares it. Declare it with `ARG PROJECT` (or `ENV`) before line 3, or remove it.",
    );
    expect(f?.fix).toBeNull();
  });

  it("flags a build arg that no ARG brings into the stage", () => {
    const [f] = findingsOf(
      "FROM busybox\nRUN --mount=type=cache,id=c-$FOO,target=/c true\n",
      { ...ONE, buildArgs: { FOO: "x" } },
      ID,
    );
    expect(f?.message).toBe(
      "`$FOO` is not defined at this RUN, so it expands to an empty string in `id=c-$FOO`. `--build-arg FOO` does not reach the stage without `ARG FOO` in it. Declare it with `ARG FOO` (or `ENV`) before line 2, or remove it.",
    );
    expect(f?.range).toEqual({ startLine: 2, startColumn: 24, endLine: 2, endColumn: 33 });
  });

  it("keeps ENV values and declared ARGs quiet, and leaves platform ARGs to undeclared-platform-arg", () => {
    const text =
      "FROM busybox\nARG FOO=1\nENV BAR=2\nRUN --mount=type=cache,id=c-$FOO-$BAR-$TARGETARCH,target=/c true\n";
    expect(findingsOf(text, ONE, ID)).toEqual([]);
  });
});
