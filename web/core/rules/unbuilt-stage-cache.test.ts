import { describe, expect, it } from "vitest";
import { findingsOf } from "./test-support";

const ID = "unbuilt-stage-cache";
const ONE = { platforms: ["linux/amd64"] };
const TEXT =
  "FROM golang:1.23 AS test\nRUN --mount=type=cache,target=/root/.cache/go-build go test ./...\nFROM golang:1.23 AS release\nRUN --mount=type=cache,target=/root/.cache/go-build go build\n";

describe(ID, () => {
  it("flags a cache mount of a stage the target does not reach", () => {
    const [f, ...rest] = findingsOf(TEXT, ONE, ID);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("info");
    expect(f?.message).toBe(
      "Stage `test` is not built for the target `release`: nothing it needs reaches it, so BuildKit never evaluates this mount (no cache id, no dispatch errors). Build it with `--target test` to see its keys.",
    );
    expect(f?.range.startLine).toBe(2);
  });

  it("follows the chosen target", () => {
    const findings = findingsOf(TEXT, { ...ONE, target: "test" }, ID);
    expect(findings.map((f) => f.range.startLine)).toEqual([4]);
  });
});
