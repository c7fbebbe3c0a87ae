import { describe, expect, it } from "vitest";
import { analyze, analyzeInSteps, toCliJson } from "./analyze";

const NASTY = [
  "",
  "\n",
  "FROM",
  "RUN true",
  "ARG",
  "FROM busybox\nRUN --mount",
  "FROM busybox\nRUN --mount=",
  "FROM busybox\nRUN --mount=type=cache,target=${",
  "FROM busybox\nONBUILD RUN --mount=type=cache,target=/x true\nFROM 0\nFROM busybox AS a\nFROM a\nFROM a",
  "# escape=`\nFROM busybox\nRUN --mount=type=cache,id=`,target=/c true",
  "FROM busybox AS a\nCOPY --from=b / /\nFROM busybox AS b\nCOPY --from=a / /",
  "FROM --platform=${X:-} busybox\nRUN true",
  "\uFEFFFROM busybox\r\nRUN --mount=type=cache,target=/\uD800 true\r\n",
  "FROM busybox\n".repeat(200),
];

describe("analyze", () => {
  it.each(NASTY)("keeps working on %j", (text) => {
    for (const platforms of [[], ["linux/amd64", "foo", "linux/arm/v7"], ["windows(10.0.17763)/amd64"]]) {
      const report = analyze(text, { platforms, buildArgs: { X: "1" }, target: "a" });
      expect(report.platforms.length).toBe(Math.max(platforms.length, 1));
      expect(structuredClone(report)).toEqual(report);
      expect(toCliJson(report).results.length).toBe(report.platforms.length);
    }
  });

  it("keeps working on random bytes", () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    const alphabet = "FROM RUN ARG ENV WORKDIR COPY --mount=type=cache,id=$X${}target=/ \\\n\"'`#,=";
    for (let i = 0; i < 300; i++) {
      let text = "";
      const n = next() % 200;
      for (let j = 0; j < n; j++) text += alphabet[next() % alphabet.length];
      const report = analyze(text, { platforms: ["linux/amd64", "linux/arm64"] });
      expect(report.platforms.every((p) => p.error !== null || p.normalized !== null)).toBe(true);
      expect(report.platforms.some((p) => p.error?.startsWith("internal error") === true)).toBe(false);
    }
  });

  it("resolves the build platform when no platform is requested", () => {
    const r = analyze("FROM busybox\nRUN --mount=type=cache,target=/c true", {
      platforms: [],
      buildPlatform: "linux/arm64",
    });
    expect(toCliJson(r).results).toEqual([
      {
        platform: "linux/arm64",
        requested: "linux/arm64",
        error: null,
        mounts: [
          {
            line: 2,
            target: "/c",
            id: "/c",
            cacheKey: "//c",
            sharing: "shared",
            execPlatform: "linux/arm64",
            hasBase: false,
            stage: null,
          },
        ],
      },
    ]);
  });

  it("lists stages and the target", () => {
    const r = analyze("FROM busybox AS Base\nFROM --platform=$BUILDPLATFORM base AS out", {
      platforms: ["linux/arm64"],
    });
    expect(r.stages).toEqual([
      { index: 0, name: "base", line: 1, base: "busybox", platformExpr: null, built: true },
      { index: 1, name: "out", line: 2, base: "base", platformExpr: "$BUILDPLATFORM", built: true },
    ]);
    expect(r.target).toBe("out");
  });

  it("points a Dockerfile error at its instruction", () => {
    const r = analyze("FROM busybox\nRUN --mount=type=cache,target=/ true", { platforms: ["linux/amd64"] });
    expect(r.platforms[0]?.error).toBe('invalid mount target "/"');
    expect(r.platforms[0]?.errorRange?.startLine).toBe(2);
  });
});

describe("toCliJson", () => {
  it("orders the mounts of one RUN by mount point, like BuildKit's ExecOp", () => {
    const r = analyze(
      "FROM busybox\nRUN --mount=type=cache,target=/var/lib/apt --mount=type=cache,target=/var/cache/apt true\nRUN --mount=type=cache,target=/b true",
      { platforms: ["linux/amd64"] },
    );
    expect(toCliJson(r).results[0]?.mounts.map((m) => m.target)).toEqual(["/var/cache/apt", "/var/lib/apt", "/b"]);
    expect(r.mounts.map((m) => m.writtenTarget)).toEqual(["/var/lib/apt", "/var/cache/apt", "/b"]);
  });
  it("leaves out the mounts of a platform that failed", () => {
    const r = analyze(
      "FROM busybox\nARG TARGETVARIANT\nRUN --mount=type=cache,id=${TARGETVARIANT:?novariant},target=/c true",
      {
        platforms: ["linux/arm/v7", "linux/amd64"],
      },
    );
    expect(toCliJson(r).results.map((x) => [x.error, x.mounts.length])).toEqual([
      [null, 1],
      ['failed to process "${TARGETVARIANT:?novariant}": TARGETVARIANT: novariant', 0],
    ]);
    expect(r.mounts[0]?.cells[1]?.trace[0]?.kind).toBe("error");
  });
});

describe("analyzeInSteps", () => {
  it("gives the table first, then the report analyze() gives, with the table's very objects", () => {
    const text = "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n";
    const options = { platforms: ["linux/amd64", "linux/arm64"] };
    const steps = analyzeInSteps(text, options);
    expect(steps.table).not.toHaveProperty("findings");
    expect(steps.table.collisions).toHaveLength(1);
    const report = steps.finish();
    expect(report).toEqual(analyze(text, options));
    expect(report.findings.length).toBeGreaterThan(0);
    for (const key of ["platforms", "stages", "mounts", "collisions"] as const)
      expect(report[key]).toBe(steps.table[key]);
    expect(steps.finish()).toBe(report);
  });

  it("stops at the input limits in the first step, like analyze()", () => {
    const text = "#".repeat(6_000_000);
    const steps = analyzeInSteps(text, { platforms: [] });
    expect(steps.finish()).toEqual(analyze(text, { platforms: [] }));
    expect(steps.table.platforms[0]?.error).toMatch(/limit|too/i);
  });
});
