/**
 * A hand-built Report for the formatters' unit tests: every formatter is
 * checked against it without depending on analyze(). Not used at run time.
 */
import type { Finding, MountCell, Report } from "./types";

/** The Dockerfile the sample report describes (CRLF-free; offsets below point into it). */
export const SAMPLE_TEXT = [
  "FROM alpine AS base", //                                                     line 1, offset 0
  "RUN --mount=type=cache,target=/var/cache/apk apk add gcc", //                line 2, offset 20
  "FROM base", //                                                               line 3, offset 77
  "RUN --mount=type=cache,id=x,target=/x,sharing=shared true", //               line 4, offset 87
  "",
].join("\n");

const AMD = "linux/amd64";
const ARM = "linux/arm64";

function cell(
  platformIndex: number,
  exec: string,
  key: string,
  target: string,
  sharing: MountCell["sharing"],
): MountCell {
  return {
    platformIndex,
    built: true,
    target,
    id: key.slice(1),
    cacheKey: key,
    sharing,
    execPlatform: exec,
    hasBase: false,
    base: { kind: "none" },
    effectiveKey: key,
    variables: [],
    trace: [],
  };
}

const collision: Finding = {
  ruleId: "cross-platform-cache-collision",
  severity: "error",
  message: "linux/amd64 and linux/arm64 share //var/cache/apk: apk keeps one index per architecture.",
  range: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 45 },
  platforms: [AMD, ARM],
  mounts: [0],
  fix: {
    description: "Make the id depend on the platform the RUN executes on",
    safety: "safe",
    edits: [
      { start: 20, end: 20, text: "ARG TARGETPLATFORM\n" },
      { start: 43, end: 43, text: "id=${TARGETPLATFORM}/var/cache/apk," },
    ],
  },
};

const locking: Finding = {
  ruleId: "cache-needs-locking",
  severity: "warning",
  message: "100% of writers need a lock:\nuse sharing=locked, not shared",
  range: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 53 },
  platforms: [AMD],
  mounts: [1],
  fix: {
    description: "Use sharing=locked",
    safety: "suggested",
    edits: [{ start: 133, end: 139, text: "locked" }],
  },
};

const unknownRule: Finding = {
  ruleId: "unbuilt-stage-cache",
  severity: "info",
  message: "Stage base is built.",
  range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 20 },
  platforms: [],
  mounts: [],
  fix: null,
};

export const SAMPLE_REPORT: Report = {
  schema: 1,
  buildPlatform: AMD,
  platforms: [
    { requested: "linux/x86_64", normalized: AMD, error: null, errorRange: null },
    { requested: ARM, normalized: ARM, error: null, errorRange: null },
  ],
  stages: [
    { index: 0, name: "base", line: 1, base: "alpine", platformExpr: null, built: true },
    { index: 1, name: null, line: 3, base: "base", platformExpr: null, built: true },
  ],
  target: null,
  mounts: [
    {
      index: 0,
      line: 2,
      stageIndex: 0,
      stage: "base",
      range: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 45 },
      writtenTarget: "/var/cache/apk",
      command: "apk add gcc",
      cells: [
        cell(0, AMD, "//var/cache/apk", "/var/cache/apk", "shared"),
        cell(1, ARM, "//var/cache/apk", "/var/cache/apk", "shared"),
      ],
    },
    {
      index: 1,
      line: 4,
      stageIndex: 1,
      stage: null,
      range: { startLine: 4, startColumn: 5, endLine: 4, endColumn: 53 },
      writtenTarget: "/x",
      command: "true",
      cells: [cell(0, AMD, "/x", "/x", "shared"), { ...cell(1, ARM, "/x", "/x", "shared"), built: false }],
    },
  ],
  collisions: [
    {
      effectiveKey: "//var/cache/apk",
      cacheKey: "//var/cache/apk",
      execPlatforms: [AMD, ARM],
      cells: [
        { mount: 0, platformIndex: 0 },
        { mount: 0, platformIndex: 1 },
      ],
      verdict: "unsafe",
      catalogue: {
        tool: "apk",
        verdict: "unsafe",
        needsLocked: true,
        reason: "the index is per architecture",
        matchedBy: "/var/cache/apk",
      },
    },
  ],
  findings: [locking, unknownRule, collision],
  fixed: SAMPLE_TEXT,
  syntax: null,
};

/** The same report with nothing to say. */
export const CLEAN_REPORT: Report = { ...SAMPLE_REPORT, findings: [], collisions: [] };
