import { describe, expect, it } from "vitest";
import { findingsOf, runPipeline } from "./test-support";

const ID = "undeclared-platform-arg";
const BOTH = { platforms: ["linux/amd64", "linux/arm64"] };

describe(ID, () => {
  it("flags a TARGETARCH the stage never declares, at the option that uses it", () => {
    const text =
      "FROM golang:1.23\nRUN --mount=type=cache,id=go-${TARGETARCH},target=/root/.cache/go-build \\\n    go build ./...\n";
    const [f, ...rest] = findingsOf(text, BOTH, ID);
    expect(rest).toEqual([]);
    expect(f?.message).toBe(
      "`$TARGETARCH` is empty in `id=go-${TARGETARCH}` on both linux/amd64 and linux/arm64: automatic platform ARGs are global, and the stage on line 1 does not declare `ARG TARGETARCH` before line 2. Add `ARG TARGETARCH` to the stage.",
    );
    expect(f?.range).toEqual({ startLine: 2, startColumn: 24, endLine: 2, endColumn: 43 });
    expect(f?.fix?.safety).toBe("safe");
  });

  it("resolves the fix with one ARG line after the stage's FROM and ARG lines", () => {
    const text =
      "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG GOFLAGS\n# download modules\nRUN --mount=type=cache,id=mod-$BUILDARCH,target=/go/pkg/mod \\\n    --mount=type=cache,id=build-$BUILDARCH,target=/root/.cache/go-build \\\n    go mod download\n";
    const findings = findingsOf(text, BOTH, ID);
    expect(findings.map((f) => f.message.slice(0, 40))).toEqual([
      "`$BUILDARCH` is empty in `id=mod-$BUILDA",
      "`$BUILDARCH` is empty in `id=build-$BUIL",
    ]);
    expect(findings[0]?.fix?.description).toBe("Declare `ARG BUILDARCH` in stage `build`.");
    expect(runPipeline(text, BOTH).fixed).toBe(
      "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG GOFLAGS\nARG BUILDARCH\n# download modules\nRUN --mount=type=cache,id=mod-$BUILDARCH,target=/go/pkg/mod \\\n    --mount=type=cache,id=build-$BUILDARCH,target=/root/.cache/go-build \\\n    go mod download\n",
    );
  });

  it("keeps a declared or inherited platform ARG quiet", () => {
    expect(
      findingsOf("FROM alpine\nARG TARGETARCH\nRUN --mount=type=cache,id=a-$TARGETARCH,target=/c true\n", BOTH, ID),
    ).toEqual([]);
    expect(
      findingsOf(
        "FROM alpine AS base\nARG TARGETARCH\nFROM base\nRUN --mount=type=cache,id=a-$TARGETARCH,target=/c true\n",
        BOTH,
        ID,
      ),
    ).toEqual([]);
  });

  it("only suggests declaring an ARG that the target uses: the mount would move", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,target=/cache/${TARGETARCH} true\n";
    const run = runPipeline(text, BOTH);
    const [f] = run.findings.filter((x) => x.ruleId === ID);
    expect(f?.fix?.safety).toBe("suggested");
    expect(f?.fix?.description).toBe(
      "Declare `ARG TARGETARCH` in the stage on line 1. (Not applied by “fix all”: the ARG it declares is also in a mount's target, so the mount would move.)",
    );
    expect(run.fixed.includes("ARG TARGETARCH")).toBe(false);
  });

  it("treats a target that reads the ARG through an ENV like one that reads it directly", () => {
    const text =
      "FROM golang:1.23\nENV GOCACHE=/c/$TARGETARCH\nRUN --mount=type=cache,id=go-$TARGETARCH,target=$GOCACHE go build\n";
    const run = runPipeline(text, BOTH);
    const [f] = run.findings.filter((x) => x.ruleId === ID);
    expect(f?.fix?.safety).toBe("suggested");
    expect(f?.fix?.description).toMatch(/the mount would move\.\)$/);
    expect(run.fixed.includes("ARG TARGETARCH")).toBe(false);
  });

  it("still applies it when the ENV that reads the ARG sets a variable no mount reads", () => {
    const text =
      "FROM golang:1.23\nENV GOARCH=$TARGETARCH\nRUN --mount=type=cache,id=go-$TARGETARCH,target=/root/.cache/go-build go build\n";
    expect(runPipeline(text, BOTH).fixed).toBe(
      "FROM golang:1.23\nARG TARGETARCH\nENV GOARCH=$TARGETARCH\nRUN --mount=type=cache,id=go-$TARGETARCH,target=/root/.cache/go-build go build\n",
    );
  });
});
