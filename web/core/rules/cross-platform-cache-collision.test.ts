import { describe, expect, it } from "vitest";
import { findingsOf, runPipeline } from "./test-support";

const ID = "cross-platform-cache-collision";
const BOTH = { platforms: ["linux/amd64", "linux/arm64"] };

describe(ID, () => {
  it("flags apk's cache shared by amd64 and arm64 as an error, with the catalogue's reason", () => {
    const text = "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk \\\n    apk add git\n";
    const [f, ...rest] = findingsOf(text, BOTH, ID);
    expect(rest).toEqual([]);
    expect(f?.severity).toBe("error");
    expect(f?.message).toBe(
      "RUNs executing on linux/amd64 and linux/arm64 share the cache `/var/cache/apk` (key `//var/cache/apk`): without an `id`, the id is the target path, and the platform is never part of the key. " +
        "That breaks apk: apk names its index files after the repository URL, which has no architecture in it, so both platforms write the same `APKINDEX.*.tar.gz` and the other one then reads a foreign index (“UNTRUSTED signature”, “no such package”): moby/buildkit#2598, docker/buildx#549. " +
        "Evidence: `/var/cache/apk` is `/var/cache/apk` (apk). Make the id depend on the platform the RUN executes on, e.g. `id=${TARGETPLATFORM}/var/cache/apk`.",
    );
    expect(f?.range).toEqual({ startLine: 2, startColumn: 5, endLine: 2, endColumn: 45 });
    expect(f?.platforms).toEqual(["linux/amd64", "linux/arm64"]);
    expect(f?.fix?.safety).toBe("safe");
    expect(f?.fix?.description).toBe(
      "Make the id depend on the platform the RUN executes on: `id=${TARGETPLATFORM}/var/cache/apk` on line 2, with `ARG TARGETPLATFORM` in the stage on line 1.",
    );
  });

  it("resolves the fix to an id per target platform, keeping the old default id visible", () => {
    const text = "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk \\\n    apk add git\n";
    expect(runPipeline(text, BOTH).fixed).toBe(
      "FROM alpine:3.20\nARG TARGETPLATFORM\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk \\\n    apk add git\n",
    );
  });

  it("flags an unknown cache as a warning, never as safe", () => {
    const [f] = findingsOf("FROM alpine\nRUN --mount=type=cache,target=/cache ./build.sh\n", BOTH, ID);
    expect(f?.severity).toBe("warning");
    expect(f?.message).toBe(
      "RUNs executing on linux/amd64 and linux/arm64 share the cache `/cache` (key `//cache`): without an `id`, the id is the target path, and the platform is never part of the key. " +
        "Nothing tells what `/cache` holds, so each platform may read files the other built. Isolate it unless you know the tool keys its files by architecture. " +
        "Make the id depend on the platform the RUN executes on, e.g. `id=${TARGETPLATFORM}/cache`.",
    );
    expect(f?.fix?.safety).toBe("safe");
  });

  it("keeps a safe cache as information, with the reason and no fix", () => {
    const text =
      "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN --mount=type=cache,target=/root/.cache/go-build go build\nFROM alpine\nCOPY --from=build /x /x\nRUN --mount=type=cache,target=/root/.cache/go-build true\n";
    const findings = findingsOf(text, BOTH, ID);
    expect(findings.map((f) => [f.severity, f.fix])).toEqual([
      ["info", null],
      ["info", null],
    ]);
    expect(findings[0]?.message).toBe(
      "RUNs executing on linux/amd64 and linux/arm64 share the cache `/root/.cache/go-build` (key `//root/.cache/go-build`): without an `id`, the id is the target path, and the platform is never part of the key; this RUN executes on linux/amd64 for every target; the RUN on line 5 uses it too. " +
        "That is fine for Go build cache. Entries are keyed by GOOS/GOARCH and build flags; the cache grows with every architecture, which is fine. Evidence: `/root/.cache/go-build` is `~/.cache/go-build` (Go build cache, `~` = /root).",
    );
  });

  it("keeps RUNs that execute on one platform for every target quiet (shared on purpose)", () => {
    const text =
      "FROM --platform=$BUILDPLATFORM alpine AS a\nRUN --mount=type=cache,target=/var/cache/apk apk add git\nFROM scratch\nCOPY --from=a /x /x\n";
    expect(findingsOf(text, BOTH, ID)).toEqual([]);
    expect(runPipeline(text, BOTH).collisions).toEqual([]);
  });

  it("flags a cross-compiling stage and an emulated stage that share a key, even for one platform", () => {
    const text =
      "FROM --platform=linux/s390x alpine AS a\nRUN --mount=type=cache,target=/var/cache/apk apk add git\nFROM alpine\nCOPY --from=a /x /x\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n";
    const run = runPipeline(text, { platforms: ["linux/amd64"] });
    expect(run.collisions.map((c) => [c.cacheKey, c.execPlatforms, c.verdict])).toEqual([
      ["//var/cache/apk", ["linux/s390x", "linux/amd64"], "unsafe"],
    ]);
    expect(run.fixed).toBe(
      "FROM --platform=linux/s390x alpine AS a\nRUN --mount=type=cache,id=linux/s390x/var/cache/apk,target=/var/cache/apk apk add git\nFROM alpine\nARG TARGETPLATFORM\nCOPY --from=a /x /x\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk apk add curl\n",
    );
  });

  it("uses the stage's own --platform expression for a stage that executes on the build platform", () => {
    const text =
      "FROM --platform=$BUILDPLATFORM alpine AS b\nRUN --mount=type=cache,target=/var/cache/apk apk add go\nFROM alpine\nCOPY --from=b /x /x\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n";
    expect(runPipeline(text, BOTH).fixed).toBe(
      "FROM --platform=$BUILDPLATFORM alpine AS b\nARG BUILDPLATFORM\nRUN --mount=type=cache,id=${BUILDPLATFORM}/var/cache/apk,target=/var/cache/apk apk add go\nFROM alpine\nARG TARGETPLATFORM\nCOPY --from=b /x /x\nRUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,target=/var/cache/apk apk add git\n",
    );
  });

  it("writes the chosen fix style, and a finer one when the chosen one would still merge arm variants", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,id=apk,target=/var/cache/apk apk add git\n";
    expect(runPipeline(text, { ...BOTH, fixStyle: "TARGETARCH" }).fixed).toBe(
      "FROM alpine\nARG TARGETARCH\nRUN --mount=type=cache,id=${TARGETARCH}/apk,target=/var/cache/apk apk add git\n",
    );
    const arm = { platforms: ["linux/arm/v6", "linux/arm/v7"], fixStyle: "TARGETARCH" as const };
    expect(runPipeline(text, arm).fixed).toBe(
      "FROM alpine\nARG TARGETARCH\nARG TARGETVARIANT\nRUN --mount=type=cache,id=${TARGETARCH}${TARGETVARIANT}/apk,target=/var/cache/apk apk add git\n",
    );
  });

  it("declares a forgotten platform ARG when that is all the id needs", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,id=apk-${TARGETARCH},target=/var/cache/apk apk add git\n";
    const [f] = findingsOf(text, BOTH, ID);
    expect(f?.fix?.description).toBe(
      "Declare the platform ARGs the id already uses, so it differs per platform: `ARG TARGETARCH` in the stage on line 1 (line 2).",
    );
    expect(runPipeline(text, BOTH).fixed).toBe(
      "FROM alpine\nARG TARGETARCH\nRUN --mount=type=cache,id=apk-${TARGETARCH},target=/var/cache/apk apk add git\n",
    );
  });

  it("never merges two caches in the fixed text: such a fix is only suggested", () => {
    // Declaring BUILDARCH would give the second id `${TARGETPLATFORM}/amd64`, the first one's on amd64.
    const text =
      "FROM alpine\nARG TARGETARCH=amd64\nRUN --mount=id=${TARGETARCH},target=/var/cache/apk,type=cache \\\n    --mount=id=$BUILDARCH,target=/var/cache/apk,type=cache \\\n    apk add git";
    const run = runPipeline(text, BOTH);
    expect(run.fixed).toBe(
      "FROM alpine\nARG TARGETARCH=amd64\nARG TARGETPLATFORM\nRUN --mount=id=${TARGETPLATFORM}/${TARGETARCH},target=/var/cache/apk,type=cache \\\n    --mount=id=${TARGETPLATFORM}/$BUILDARCH,target=/var/cache/apk,type=cache \\\n    apk add git",
    );
    const declare = run.findings.find((f) => f.ruleId === "undeclared-platform-arg");
    expect(declare?.fix?.safety).toBe("suggested");
    expect(declare?.fix?.description).toBe(
      "Declare `ARG BUILDARCH` in the stage on line 1. (Not applied by “fix all”: together with the other fixes it would give two different caches one directory.)",
    );
    expect(runPipeline(run.fixed, BOTH).fixed).toBe(run.fixed);
  });
});
