import { describe, expect, it } from "vitest";
import { findingsOf, runPipeline } from "./test-support";

const ID = "platform-arg-overridden";
const BOTH = { platforms: ["linux/amd64", "linux/arm64"] };

describe(ID, () => {
  it("flags a default on an automatic platform ARG and suggests dropping it", () => {
    const text =
      "FROM alpine\nARG TARGETARCH=amd64\nRUN --mount=type=cache,id=apk-${TARGETARCH},target=/var/cache/apk apk add git\n";
    const run = runPipeline(text, BOTH);
    const [f] = run.findings.filter((x) => x.ruleId === ID);
    expect(f?.message).toBe(
      "`ARG TARGETARCH=amd64` pins `TARGETARCH` to `amd64` on every platform, so ids built from it no longer tell platforms apart. Drop the default: `ARG TARGETARCH` gets each platform's own value.",
    );
    expect(f?.range).toEqual({ startLine: 2, startColumn: 5, endLine: 2, endColumn: 21 });
    expect(f?.fix).toEqual({
      description: "Drop the default: `ARG TARGETARCH`.",
      safety: "suggested",
      edits: [{ start: 26, end: 32, text: "" }],
    });
    // Suggested only: "fix all" leaves the ARG alone.
    expect(run.fixed.includes("ARG TARGETARCH=amd64")).toBe(true);
  });

  it("flags a build arg that pins a platform ARG a mount uses", () => {
    const text =
      "FROM alpine\nARG TARGETARCH\nRUN --mount=type=cache,id=apk-$TARGETARCH,target=/var/cache/apk apk add git\n";
    const [f] = findingsOf(text, { ...BOTH, buildArgs: { TARGETARCH: "amd64" } }, ID);
    expect(f?.message).toBe(
      "`--build-arg TARGETARCH=amd64` pins `$TARGETARCH` in this mount to one value on linux/amd64 and linux/arm64, so the id no longer tells them apart. Drop the build arg.",
    );
    expect(f?.fix).toBeNull();
  });

  it("keeps ARGs without a default and ordinary ARGs quiet", () => {
    expect(findingsOf("ARG VERSION=1\nFROM alpine\nARG TARGETARCH\nARG X=1\n", BOTH, ID)).toEqual([]);
  });
});
