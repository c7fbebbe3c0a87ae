import { describe, expect, it } from "vitest";
import type { Collision, MountCell, MountReport, Report } from "../../core/report/types";
import { groupCells, groupLabel, mostInstructiveCell, summaryLine, verdictWords } from "./collisions";

const AMD = "linux/amd64";
const ARM = "linux/arm64";

function cell(platformIndex: number, key: string, exec: string, built = true): MountCell {
  return {
    platformIndex,
    built,
    target: "/t",
    id: key.slice(1),
    cacheKey: key,
    sharing: "shared",
    execPlatform: exec,
    hasBase: false,
    base: { kind: "none" },
    effectiveKey: key,
    variables: [],
    trace: [],
  };
}

function mount(index: number, line: number, cells: MountCell[]): MountReport {
  return {
    index,
    line,
    stageIndex: 0,
    stage: null,
    range: { startLine: line, startColumn: 5, endLine: line, endColumn: 20 },
    writtenTarget: "/t",
    command: "true",
    cells,
  };
}

const apk: Collision = {
  effectiveKey: "//var/cache/apk",
  cacheKey: "//var/cache/apk",
  execPlatforms: [AMD, ARM],
  cells: [
    { mount: 0, platformIndex: 0 },
    { mount: 0, platformIndex: 1 },
    { mount: 1, platformIndex: 1 },
  ],
  verdict: "unsafe",
  catalogue: {
    tool: "apk",
    verdict: "unsafe",
    needsLocked: true,
    reason: "index per arch",
    matchedBy: "/var/cache/apk",
  },
};
const pip: Collision = {
  effectiveKey: "//root/.cache/pip",
  cacheKey: "//root/.cache/pip",
  execPlatforms: [AMD, ARM],
  cells: [
    { mount: 2, platformIndex: 0 },
    { mount: 2, platformIndex: 1 },
  ],
  verdict: "safe",
  catalogue: { tool: "pip", verdict: "safe", needsLocked: false, reason: "tagged wheels", matchedBy: "~/.cache/pip" },
};

function report(collisions: Collision[]): Report {
  return {
    schema: 1,
    buildPlatform: AMD,
    platforms: [
      { requested: "linux/x86_64", normalized: AMD, error: null, errorRange: null },
      { requested: ARM, normalized: ARM, error: null, errorRange: null },
    ],
    stages: [],
    target: null,
    mounts: [
      mount(0, 2, [cell(0, "//var/cache/apk", AMD), cell(1, "//var/cache/apk", ARM)]),
      mount(1, 5, [cell(0, "/other", AMD), cell(1, "//var/cache/apk", ARM)]),
      mount(2, 8, [cell(0, "//root/.cache/pip", AMD), cell(1, "//root/.cache/pip", ARM)]),
    ],
    collisions,
    findings: [],
    fixed: "",
    syntax: null,
  };
}

describe("groupLabel", () => {
  it("names the other cells of the group, by platform in the same row and by line elsewhere", () => {
    const r = report([apk]);
    const group = groupCells(r).at(0, 0)!;
    expect(group.letter).toBe("A");
    expect(groupLabel(r, group, { mount: 0, platformIndex: 0 })).toBe(
      "same cache as linux/arm64, line 5 on linux/arm64 — unsafe: apk",
    );
    expect(groupLabel(r, group, { mount: 1, platformIndex: 1 })).toBe(
      "same cache as line 2 on linux/amd64, line 2 on linux/arm64 — unsafe: apk",
    );
  });

  it("names three others and counts the rest when a group spans many cells", () => {
    const big: Collision = {
      ...apk,
      cells: [
        { mount: 0, platformIndex: 0 },
        { mount: 0, platformIndex: 1 },
        { mount: 1, platformIndex: 1 },
        { mount: 2, platformIndex: 0 },
        { mount: 2, platformIndex: 1 },
        { mount: 1, platformIndex: 0 },
      ],
    };
    const r = report([big]);
    const group = groupCells(r).at(1, 0)!;
    expect(groupLabel(r, group, { mount: 1, platformIndex: 0 })).toBe(
      "same cache as line 2 on linux/amd64, line 2 on linux/arm64, linux/arm64, 2 more — unsafe: apk",
    );
    expect(groupLabel(r, group, { mount: 0, platformIndex: 0 })).toBe(
      "same cache as linux/arm64, line 5 on linux/arm64, line 8 on linux/amd64, 2 more — unsafe: apk",
    );
  });

  it("flags a collision with no catalogue match as unknown, and keeps safe sharing marked safe", () => {
    expect(verdictWords({ ...apk, verdict: "unknown", catalogue: null })).toBe("unknown tool, check it");
    expect(verdictWords(pip)).toBe("safe: pip");
    expect(verdictWords({ ...pip, execPlatforms: [AMD] })).toBe("shared on purpose: all run on linux/amd64");
  });
});

describe("summaryLine", () => {
  it("resolves counts in the screenshot-friendly form", () => {
    expect(summaryLine(report([apk, pip]))).toBe(
      "2 platforms · 3 cache mounts · 1 unsafe collision · 1 safe shared cache",
    );
    expect(summaryLine(report([]))).toBe("2 platforms · 3 cache mounts · 0 unsafe collisions");
  });
});

describe("mostInstructiveCell", () => {
  it("picks the first cell of the worst collision, else the first built cell", () => {
    expect(mostInstructiveCell(report([pip, apk]))).toEqual({ mount: 0, platformIndex: 0 });
    expect(mostInstructiveCell(report([pip]))).toEqual({ mount: 2, platformIndex: 0 });
    expect(mostInstructiveCell(report([]))).toEqual({ mount: 0, platformIndex: 0 });
  });
});
