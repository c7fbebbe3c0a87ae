/**
 * Every lesson must be true: each example is analysed with its own settings and
 * the facts its lesson states are checked against the real core.
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../core/analyze";
import type { Report } from "../core/report/types";
import { EXAMPLES, type Example } from "./index";
import { LESSONS } from "./lessons";

function run(example: Example): Report {
  const buildArgs: Record<string, string> = {};
  for (const a of example.buildArgs ?? []) buildArgs[a.key] = a.value;
  return analyze(example.dockerfile, {
    platforms: example.platforms ?? ["linux/amd64", "linux/arm64"],
    buildPlatform: example.buildPlatform ?? "linux/amd64",
    buildArgs,
    ...(example.target ? { target: example.target } : {}),
  });
}

const byId = (id: string): Report => run(EXAMPLES.find((e) => e.id === id)!);
const keys = (r: Report, mount: number) => r.mounts[mount]!.cells.map((c) => (c.built ? c.cacheKey : null));
const verdicts = (r: Report) => r.collisions.map((c) => c.verdict);
const rules = (r: Report) => [...new Set(r.findings.map((f) => f.ruleId))].sort();
const errors = (r: Report) => r.findings.filter((f) => f.severity === "error").map((f) => f.ruleId);

describe("the gallery", () => {
  it("keeps at least 12 examples with unique ids and two-sentence lessons", () => {
    expect(Object.keys(LESSONS).sort()).toEqual(EXAMPLES.map((e) => e.id).sort());
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(EXAMPLES.map((e) => e.id)).size).toBe(EXAMPLES.length);
    for (const e of EXAMPLES) {
      expect(e.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      const lesson = LESSONS[e.id];
      expect(lesson?.length, e.id).toBe(2);
      expect(lesson?.every((line) => line.length > 20 && /[.)”]$/.test(line))).toBe(true);
      expect(e.dockerfile.endsWith("\n")).toBe(true);
    }
  });

  it("analyses every example without a BuildKit error", () => {
    for (const e of EXAMPLES) {
      const r = run(e);
      expect({ id: e.id, errors: r.platforms.map((p) => p.error) }).toEqual({
        id: e.id,
        errors: r.platforms.map(() => null),
      });
    }
  });
});

describe("each lesson", () => {
  it("flags the apk report: one key on both platforms, unsafe", () => {
    const r = byId("apk-report");
    expect(keys(r, 0)).toEqual(["//var/cache/apk", "//var/cache/apk"]);
    expect(verdicts(r)).toEqual(["unsafe"]);
    expect(errors(r)).toContain("cross-platform-cache-collision");
  });

  it("keeps the ${TARGETARCH} workaround apart on amd64 and arm64", () => {
    const r = byId("targetarch-workaround");
    expect(keys(r, 0)).toEqual(["/apk-amd64", "/apk-arm64"]);
    expect(r.collisions).toEqual([]);
    expect(errors(r)).toEqual([]);
  });

  it("flags the forgotten ARG: the variable is empty everywhere", () => {
    const r = byId("forgotten-arg");
    expect(keys(r, 0)).toEqual(["/apk-", "/apk-"]);
    expect(verdicts(r)).toEqual(["unsafe"]);
    expect(rules(r)).toContain("undeclared-platform-arg");
  });

  it("flags arm/v6 and arm/v7 sharing /apk-arm", () => {
    const r = byId("arm-variants");
    expect(keys(r, 0)).toEqual(["/apk-arm", "/apk-arm"]);
    expect(rules(r)).toContain("platform-variant-collision");
  });

  it("flags ARG TARGETARCH=amd64 pinning every platform", () => {
    const r = byId("arg-default-pinned");
    expect(keys(r, 0)).toEqual(["/apk-amd64", "/apk-amd64"]);
    expect(rules(r)).toContain("platform-arg-overridden");
  });

  it("keeps the Go cross-compile: every RUN executes on the build platform, no error", () => {
    const r = byId("go-cross-compile");
    for (const m of r.mounts) for (const c of m.cells) expect(c.execPlatform).toBe("linux/amd64");
    expect(keys(r, 0)).toEqual(["//go/pkg/mod", "//go/pkg/mod", "//go/pkg/mod"]);
    expect(errors(r)).toEqual([]);
    expect(r.findings.filter((f) => f.severity === "warning")).toEqual([]);
  });

  it("keeps pip shared across execution platforms as safe information", () => {
    const r = byId("mixed-exec-pip");
    expect(verdicts(r)).toEqual(["safe"]);
    expect(r.collisions[0]!.execPlatforms.length).toBe(2);
    expect(errors(r)).toEqual([]);
  });

  it("flags a cached node_modules as unsafe", () => {
    const r = byId("node-modules");
    expect(keys(r, 0)).toEqual(["//app/node_modules", "//app/node_modules"]);
    expect(verdicts(r)).toEqual(["unsafe"]);
  });

  it("keeps the cargo registry safe and flags the target directory", () => {
    const r = byId("cargo-target");
    const byKey = Object.fromEntries(r.collisions.map((c) => [c.cacheKey, c.verdict]));
    expect(byKey).toEqual({ "//usr/local/cargo/registry": "safe", "//app/target": "unsafe" });
  });

  it("keeps apt with sharing=locked and docker-clean removed free of errors and warnings", () => {
    const r = byId("apt-locked");
    expect(r.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(verdicts(r).every((v) => v === "safe")).toBe(true);
  });

  it("flags one id on two targets", () => {
    const r = byId("one-id-two-targets");
    expect([keys(r, 0), keys(r, 1)]).toEqual([["/deps"], ["/deps"]]);
    expect(rules(r)).toContain("id-shared-across-targets");
  });

  it("flags relative targets sharing /node_modules/.cache across WORKDIRs", () => {
    const r = byId("relative-targets");
    expect([keys(r, 0), keys(r, 1)]).toEqual([["/node_modules/.cache"], ["/node_modules/.cache"]]);
    expect(r.mounts.map((m) => m.cells[0]!.target)).toEqual(["/web/node_modules/.cache", "/api/node_modules/.cache"]);
    expect(rules(r)).toContain("relative-cache-target");
  });

  it("resolves the namespace as a prefix that separates no platform", () => {
    const r = byId("namespace");
    expect(keys(r, 0)).toEqual(["myproject//var/cache/apk", "myproject//var/cache/apk"]);
    expect(verdicts(r)).toEqual(["unsafe"]);
  });

  it("keeps the unbuilt stage without keys until it is the target", () => {
    const r = byId("unbuilt-stage");
    expect(keys(r, 0)).toEqual([null, null]);
    expect(keys(r, 1)).toEqual(["/apk-linux/amd64", "/apk-linux/arm64"]);
    const test = run({ ...EXAMPLES.find((e) => e.id === "unbuilt-stage")!, target: "test" });
    expect(keys(test, 0)).toEqual(["//var/cache/apk", "//var/cache/apk"]);
  });
});
