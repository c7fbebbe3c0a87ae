import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import type { AnalyzeOptions, Finding, Report } from "../report/types";
import {
  analysisProblems,
  editsProblem,
  firstDifference,
  LineLengths,
  plainDataProblem,
  reportProblems,
} from "./invariants";

const OPTIONS: AnalyzeOptions = { platforms: ["linux/amd64", "linux/arm64"] };
const TEXT = "FROM alpine\nRUN --mount=type=cache,target=/c true\n";

function finding(over: Partial<Finding>): Finding {
  return {
    ruleId: "test-rule",
    severity: "warning",
    message: "m",
    range: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 2 },
    platforms: [],
    mounts: [],
    fix: null,
    ...over,
  };
}

describe("the harness itself (so a broken analysis cannot pass unnoticed)", () => {
  it("keeps a real report of a plain Dockerfile", () => {
    expect(analysisProblems(TEXT, OPTIONS, { clone: structuredClone, determinism: true })).toEqual([]);
  });

  it("flags an analyze that throws", () => {
    const boom = () => {
      throw new RangeError("Maximum call stack size exceeded");
    };
    expect(analysisProblems(TEXT, OPTIONS, { analyze: boom })).toEqual([
      "analyze threw: RangeError: Maximum call stack size exceeded",
    ]);
  });

  it("flags a crash that analyze's safety net turned into a platform error", () => {
    const caught = (text: string, o: AnalyzeOptions): Report => {
      const r = analyze(text, o);
      return {
        ...r,
        platforms: r.platforms.map((p) => ({
          ...p,
          error: "internal error in the playground (not a BuildKit error): x is undefined",
        })),
      };
    };
    expect(analysisProblems(TEXT, OPTIONS, { analyze: caught })).toEqual([
      "analyze crashed (caught by its safety net): internal error in the playground (not a BuildKit error): x is undefined",
    ]);
  });

  it("flags a fix that is not idempotent", () => {
    // Appends "#" once per run: fixing the fixed text changes it again.
    const growing = (text: string, o: AnalyzeOptions): Report => ({ ...analyze(text, o), fixed: `${text}#` });
    expect(analysisProblems("FROM a\n", OPTIONS, { analyze: growing })).toEqual([
      'fix is not idempotent: fixing the fixed text changes it again (first difference at offset 8: "FROM a\\n#" became "FROM a\\n##")',
    ]);
  });

  it("flags a fix that makes BuildKit fail where it did not", () => {
    // "Fixes" the file into one BuildKit rejects: the RUN loses its stage.
    const breaking = (text: string, o: AnalyzeOptions): Report => ({
      ...analyze(text, o),
      fixed: text.replace("FROM alpine\n", ""),
    });
    expect(analysisProblems(TEXT, OPTIONS, { analyze: breaking })).toEqual([
      'the fix breaks the build on linux/amd64: no build stage in current context (first difference at offset 0: "FROM alpine\\nRUN --mount=type=cache,target=/c true\\n" became "RUN --mount=type=cache,target=/c true\\n")',
      'the fix breaks the build on linux/arm64: no build stage in current context (first difference at offset 0: "FROM alpine\\nRUN --mount=type=cache,target=/c true\\n" became "RUN --mount=type=cache,target=/c true\\n")',
    ]);
  });

  it("flags a report that is not deterministic", () => {
    let n = 0;
    const drifting = (text: string, o: AnalyzeOptions): Report => ({ ...analyze(text, o), target: `t${n++}` });
    expect(analysisProblems(TEXT, OPTIONS, { analyze: drifting, determinism: true })).toEqual([
      "not deterministic: the second run differs at report.target",
    ]);
  });

  it("flags a finding range past the end of its line, and one past the last line", () => {
    const r = analyze(TEXT, OPTIONS);
    const bad: Report = {
      ...r,
      findings: [
        finding({ range: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 42 } }),
        finding({ range: { startLine: 4, startColumn: 1, endLine: 4, endColumn: 1 } }),
        finding({ range: { startLine: 1, startColumn: 3, endLine: 1, endColumn: 2 } }),
      ],
    };
    expect(reportProblems(TEXT, bad)).toEqual([
      "findings[0] (test-rule): range 2:1-2:42 column 42 is not in 1..38 on line 2",
      "findings[1] (test-rule): range 4:1-4:1 line 4 is not in 1..3",
      "findings[2] (test-rule): range 1:3-1:2 ends before it starts",
    ]);
  });

  it("flags a fix edit outside the text and overlapping edits", () => {
    expect(editsProblem(10, [{ start: 8, end: 11, text: "" }])).toBe("edit [8, 11) is outside the text (length 10)");
    expect(
      editsProblem(10, [
        { start: 2, end: 5, text: "" },
        { start: 4, end: 6, text: "" },
      ]),
    ).toBe("edit [4, 6) overlaps an earlier edit ending at 5");
    expect(
      editsProblem(10, [
        { start: 3, end: 3, text: "a" },
        { start: 3, end: 3, text: "b" },
      ]),
    ).toBeNull();
  });

  it("flags data that postMessage or JSON would change", () => {
    expect(plainDataProblem({ a: [1, { b: undefined }] }, "r")).toBe("r.a[1].b is undefined");
    expect(plainDataProblem({ a: NaN }, "r")).toBe("r.a is NaN");
    expect(plainDataProblem({ a: new Map() }, "r")).toBe("r.a is not a plain object");
    expect(plainDataProblem({ f: () => 1 }, "r")).toBe("r.f is function");
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(plainDataProblem(cyclic, "r")).toBe("r.self refers back to one of its parents (a cycle)");
    const shared = { x: 1 };
    expect(plainDataProblem({ a: shared, b: shared }, "r")).toBeNull();
  });

  it("flags the first difference between two values", () => {
    expect(firstDifference({ a: [1, 2] }, { a: [1, 3] }, "r")).toBe("r.a[1]");
    expect(firstDifference({ a: 1 }, { a: 1 }, "r")).toBeNull();
  });

  it("counts lines the way Monaco and LineIndex do (\\r\\n, \\n and a lone \\r)", () => {
    const lines = new LineLengths("ab\r\ncd\ref\ngh");
    expect([1, 2, 3, 4, 5].map((l) => lines.hasLine(l))).toEqual([true, true, true, true, false]);
    expect(lines.positionProblem(2, 3)).toBeNull();
    expect(lines.positionProblem(2, 4)).toBe("column 4 is not in 1..3 on line 2");
  });
});
