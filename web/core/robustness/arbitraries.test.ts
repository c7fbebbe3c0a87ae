import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyze } from "../analyze";
import { analyzeOptions, cleanDockerfile, hostileDockerfile, mutate } from "./arbitraries";

describe("mutate", () => {
  const text = "FROM a\r\nRUN b\r\nRUN c\r\n";

  it("deletes, duplicates and swaps whole lines, keeping each line's ending", () => {
    expect(mutate(text, [{ kind: "delete-line", at: 500_000 }])).toBe("FROM a\r\nRUN c\r\n");
    expect(mutate(text, [{ kind: "duplicate-line", at: 1_000_000, times: 2 }])).toBe(
      "FROM a\r\nRUN b\r\nRUN c\r\nRUN c\r\nRUN c\r\n",
    );
    expect(mutate(text, [{ kind: "swap-lines", at: 0, other: 1_000_000 }])).toBe("RUN c\r\nRUN b\r\nFROM a\r\n");
  });

  it("flips one bit of one UTF-16 unit, which can make a NUL or a lone surrogate", () => {
    expect(mutate("ab", [{ kind: "flip", at: 0, bit: 0 }])).toBe("`b");
    expect(mutate("\uDC00", [{ kind: "flip", at: 0, bit: 10 }])).toBe("\uD800");
    expect(mutate("A", [{ kind: "flip", at: 0, bit: 6 }])).toBe("\u0001");
  });

  it("truncates, inserts and deletes at a fraction of the length", () => {
    expect(mutate("0123456789", [{ kind: "truncate", at: 500_000 }])).toBe("01234");
    expect(mutate("0123456789", [{ kind: "insert", at: 0, text: "${" }])).toBe("${0123456789");
    expect(mutate("0123456789", [{ kind: "delete", at: 1_000_000, length: 3 }])).toBe("0123456789");
  });
});

describe("the Dockerfile grammar", () => {
  // If the generator drifted into producing only parse errors, the property tests would prove little.
  it("keeps most clean files analysable and with cache mounts", () => {
    const samples = fc.sample(fc.tuple(cleanDockerfile, analyzeOptions), { seed: 42, numRuns: 200 });
    const reports = samples.map(([text, options]) => ({ text, report: analyze(text, options) }));
    const withMounts = reports.filter((r) => r.report.mounts.length > 0).length;
    const clean = reports.filter((r) => r.report.platforms.every((p) => p.error === null)).length;
    expect(withMounts).toBeGreaterThan(150);
    expect(clean).toBeGreaterThan(70);
  });

  it("produces every hostile form: heredocs, continuations, escape directives, BOMs, CR line ends", () => {
    const text = fc.sample(hostileDockerfile, { seed: 7, numRuns: 300 }).join("\u0000");
    for (const form of ["<<", "\\\n", "`\n", "# escape=`", "\uFEFF", "\r", "--mount=", "${"])
      expect(text).toContain(form);
  });
});
