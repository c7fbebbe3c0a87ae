import { describe, expect, it } from "vitest";
import { CLEAN_REPORT, SAMPLE_REPORT, SAMPLE_TEXT } from "./format-sample";
import { formatText } from "./format-text";
import { printable } from "./format-common";

const file = { path: "docker/Dockerfile", text: SAMPLE_TEXT, report: SAMPLE_REPORT };
const plain = { color: false, verbose: false };

describe("formatText", () => {
  it("prints one compiler-style line per finding, in source order, then a summary", () => {
    expect(formatText([file], plain)).toBe(
      [
        "docker/Dockerfile:1:1: info unbuilt-stage-cache: Stage base is built.",
        "docker/Dockerfile:2:5: error cross-platform-cache-collision: linux/amd64 and linux/arm64 share //var/cache/apk: apk keeps one index per architecture.",
        "docker/Dockerfile:4:5: warning cache-needs-locking: 100% of writers need a lock:",
        "    use sharing=locked, not shared",
        "Found 1 error, 1 warning, 1 info in 1 file. 1 can be fixed automatically (--fix prints the result, --write applies it).",
        "",
      ].join("\n"),
    );
  });

  it("groups several files in the order given and names standard input", () => {
    const out = formatText([{ ...file, path: null }, file], plain).split("\n");
    expect(out.map((l) => l.split(":")[0])).toEqual([
      "<stdin>",
      "<stdin>",
      "<stdin>",
      "    use sharing=locked, not shared",
      "docker/Dockerfile",
      "docker/Dockerfile",
      "docker/Dockerfile",
      "    use sharing=locked, not shared",
      "Found 2 errors, 2 warnings, 2 info in 2 files. 2 can be fixed automatically (--fix prints the result, --write applies it).",
      "",
    ]);
  });

  it("says so when there is nothing to report", () => {
    expect(formatText([{ ...file, report: CLEAN_REPORT }], plain)).toBe("No findings in 1 file.\n");
  });

  it("keeps colour out unless asked, and colours severities when asked", () => {
    expect(formatText([file], plain)).not.toContain("\x1b[");
    const coloured = formatText([file], { color: true, verbose: false });
    expect(coloured).toContain("\x1b[1mdocker/Dockerfile:2:5:\x1b[0m \x1b[31m\x1b[1merror\x1b[0m");
    expect(coloured).toContain("\x1b[33m\x1b[1mwarning\x1b[0m");
    expect(coloured).toContain("\x1b[36m\x1b[1minfo\x1b[0m");
  });

  it("adds platforms, fixes, the per-platform table and the collisions with --verbose", () => {
    expect(
      formatText([{ ...file, report: { ...SAMPLE_REPORT, findings: [SAMPLE_REPORT.findings[2]!] } }], {
        color: false,
        verbose: true,
      }),
    ).toBe(
      [
        "docker/Dockerfile:2:5: error cross-platform-cache-collision: linux/amd64 and linux/arm64 share //var/cache/apk: apk keeps one index per architecture.",
        "    platforms: linux/amd64, linux/arm64",
        "    fix (safe): Make the id depend on the platform the RUN executes on",
        "",
        "docker/Dockerfile: build platform linux/amd64, target the last stage (unnamed, line 3)",
        "  platform linux/amd64 (requested linux/x86_64)",
        "  platform linux/arm64",
        "  LINE  STAGE    TARGET          PLATFORM     CACHE KEY        SHARING  RUNS ON      SAME DIR",
        "  2     base     /var/cache/apk  linux/amd64  //var/cache/apk  shared   linux/amd64  C1",
        "                                 linux/arm64  //var/cache/apk  shared   linux/arm64  C1",
        "  4     stage-1  /x              linux/amd64  /x               shared   linux/amd64",
        "                                 linux/arm64  (not built)",
        "  C1: //var/cache/apk is one directory for linux/amd64, linux/arm64 (unsafe, apk: the index is per architecture)",
        "",
        "Found 1 error, 0 warnings, 0 info in 1 file. 1 can be fixed automatically (--fix prints the result, --write applies it).",
        "",
      ].join("\n"),
    );
  });

  it("shows a platform's BuildKit error and a file without cache mounts with --verbose", () => {
    const report = {
      ...CLEAN_REPORT,
      stages: [],
      mounts: [],
      platforms: [
        {
          requested: "linux/arm64",
          normalized: "linux/arm64",
          error: 'unsupported mount type "cahce"',
          errorRange: null,
        },
      ],
    };
    expect(formatText([{ ...file, report }], { color: false, verbose: true })).toBe(
      [
        "",
        "docker/Dockerfile: build platform linux/amd64, no stage to build",
        '  platform linux/arm64: error: unsupported mount type "cahce"',
        "  no cache mounts",
        "",
        "No findings in 1 file.",
        "",
      ].join("\n"),
    );
  });

  it("names the target stage with --verbose when it has a name", () => {
    const out = formatText([{ ...file, report: { ...CLEAN_REPORT, target: "build" } }], {
      color: false,
      verbose: true,
    });
    expect(out.split("\n")[1]).toBe("docker/Dockerfile: build platform linux/amd64, target stage build");
  });
});

describe("printable", () => {
  it("escapes terminal control characters from user text and keeps tabs and newlines", () => {
    expect(printable("a\x1b[2Jb\tc\nd\x07\x9b")).toBe("a\\x1b[2Jb\tc\nd\\x07\\x9b");
  });
});
