import { describe, expect, it } from "vitest";
import { findingsOf } from "./test-support";

const ID = "invalid-mount";
const BOTH = { platforms: ["linux/amd64", "linux/arm64"] };

describe(ID, () => {
  it("flags BuildKit's parse error with its exact message and suggests the did-you-mean edit", () => {
    const [f] = findingsOf("FROM alpine\nRUN --Mount=type=cache,target=/c true\n", BOTH, ID);
    expect(f?.message).toBe("dockerfile parse error on line 2: unknown flag: --Mount (did you mean mount?)");
    expect(f?.platforms).toEqual(["linux/amd64", "linux/arm64"]);
    expect(f?.fix).toEqual({
      description: "Replace it with `mount`.",
      safety: "suggested",
      edits: [{ start: 18, end: 23, text: "mount" }],
    });
  });

  it("flags a dispatch error once for all the platforms that stop with it", () => {
    const [f, ...rest] = findingsOf("FROM alpine\nRUN --mount=type=cache,id=${NEED:?need},target=/c true\n", BOTH, ID);
    expect(rest).toEqual([]);
    expect(f?.message).toBe('failed to process "${NEED:?need}": NEED: need');
    expect(f?.range).toEqual({ startLine: 2, startColumn: 24, endLine: 2, endColumn: 40 });
    expect(f?.platforms).toEqual(["linux/amd64", "linux/arm64"]);
    expect(f?.fix).toBeNull();
  });

  it("flags a bad sharing value at the field, with the suggestion as an edit", () => {
    const [f] = findingsOf("FROM alpine\nRUN --mount=type=cache,target=/c,sharing=lock true\n", BOTH, ID);
    expect(f?.message).toBe('unsupported sharing value "lock" (did you mean locked?)');
    expect(f?.fix?.edits).toEqual([{ start: 53, end: 57, text: "locked" }]);
  });

  it("keeps a valid Dockerfile quiet", () => {
    expect(findingsOf("FROM alpine\nRUN --mount=type=cache,target=/c,sharing=LOCKED true\n", BOTH, ID)).toEqual([]);
  });
});
