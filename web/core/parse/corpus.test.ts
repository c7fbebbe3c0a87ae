/**
 * Every corpus Dockerfile parses; the only parse-time errors are the ones
 * BuildKit reports for every platform of every case, and each cache mount
 * BuildKit reports sits on a RUN line holding that many type=cache mounts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./index";

const CORPUS = fileURLToPath(new URL("../../../../shared/corpus/", import.meta.url));

interface Expected {
  cases: { buildkit: { results: { error: string | null; mounts: { line: number }[] }[] } }[];
}

const dirs = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("corpus at parse time", () => {
  it("has Dockerfiles to parse", () => {
    expect(dirs.length).toBeGreaterThan(40);
  });

  for (const dir of dirs) {
    const file = readdirSync(CORPUS + dir).find((f) => f !== "expected.json") ?? "Dockerfile";
    it(`parses ${dir}`, () => {
      const text = readFileSync(`${CORPUS}${dir}/${file}`, "utf8");
      const expected = JSON.parse(readFileSync(`${CORPUS}${dir}/expected.json`, "utf8")) as Expected;
      const results = expected.cases.flatMap((c) => c.buildkit.results);
      const parsed = parseDockerfile(text);

      if (parsed.error !== null) {
        // A parse-time error stops every platform of every case with that message.
        expect(results.map((r) => r.error)).toEqual(results.map(() => parsed.error?.message));
        return;
      }
      const cacheMountsByLine = new Map<number, number>();
      for (const c of parsed.commands) {
        if (c.kind !== "run") continue;
        const cache = c.mounts.filter((m) =>
          m.fields.some((f) => f.key === "type" && f.value?.text.toLowerCase() === "cache"),
        ).length;
        cacheMountsByLine.set(c.startLine, cache);
      }
      for (const r of results) {
        const perLine = new Map<number, number>();
        for (const m of r.mounts) perLine.set(m.line, (perLine.get(m.line) ?? 0) + 1);
        for (const [line, n] of perLine) expect([line, cacheMountsByLine.get(line)]).toEqual([line, n]);
      }
    });
  }

  it("reports corpus 037's RUN before FROM like BuildKit", () => {
    const dir = dirs.find((d) => d.startsWith("037-"));
    expect(dir).toBeDefined();
    const text = readFileSync(`${CORPUS}${dir}/Dockerfile`, "utf8");
    expect(parseDockerfile(text).error?.message).toBe("no build stage in current context");
  });
});
