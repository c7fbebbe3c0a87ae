import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DOCUMENTED_RULES } from "./docs";
import { RULES } from "./index";
import { runPipeline } from "./test-support";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

describe("the rule registry", () => {
  it("keeps ids unique, kebab-case and equal to their module's file name", () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = new Set(
      readdirSync(HERE)
        .filter((f) => f.endsWith(".ts"))
        .map((f) => f.slice(0, -3)),
    );
    for (const id of ids) {
      expect(id).toMatch(KEBAB);
      expect(files.has(id), `${id}.ts`).toBe(true);
    }
  });

  it("lists every rule of design.md's table", () => {
    expect([...RULES.map((r) => r.id)].sort()).toEqual([
      "apt-cache-cleaned",
      "cache-needs-locking",
      "cross-platform-cache-collision",
      "id-shared-across-targets",
      "invalid-mount",
      "platform-arg-overridden",
      "platform-variant-collision",
      "relative-cache-target",
      "sharing-mode-conflict",
      "unbuilt-stage-cache",
      "undeclared-platform-arg",
      "undefined-variable-in-mount",
    ]);
  });

  it("gives every rule its docs, in the registry's order", () => {
    expect(DOCUMENTED_RULES.map((r) => r.id)).toEqual(RULES.map((r) => r.id));
  });

  for (const rule of DOCUMENTED_RULES) {
    it(`flags ${rule.id}'s bad example and keeps its good example quiet`, () => {
      const bad = runPipeline(rule.docs.bad.dockerfile, rule.docs.bad.options);
      expect(bad.findings.filter((f) => f.ruleId === rule.id).length).toBeGreaterThan(0);
      const good = runPipeline(rule.docs.good.dockerfile, rule.docs.good.options);
      expect(good.findings.filter((f) => f.ruleId === rule.id)).toEqual([]);
    });

    it(`keeps ${rule.id}'s fix safety consistent with its findings`, () => {
      const bad = runPipeline(rule.docs.bad.dockerfile, rule.docs.bad.options);
      for (const f of bad.findings.filter((x) => x.ruleId === rule.id)) {
        if (rule.fixSafety === "none") expect(f.fix).toBeNull();
        if (f.fix !== null) expect(f.fix.edits.length).toBeGreaterThan(0);
      }
      if (rule.fixSafety !== "none" && rule.id !== "unbuilt-stage-cache") {
        expect(bad.findings.some((x) => x.ruleId === rule.id && x.fix !== null)).toBe(true);
      }
    });

    it(`leaves no safe fix behind in ${rule.id}'s fixed bad example`, () => {
      const bad = runPipeline(rule.docs.bad.dockerfile, rule.docs.bad.options);
      const again = runPipeline(bad.fixed, rule.docs.bad.options);
      expect(again.fixed).toBe(bad.fixed);
      expect(again.findings.filter((f) => f.fix?.safety === "safe")).toEqual([]);
    });
  }
});
