/**
 * The real-world corpus (../shared/corpus): every case of every file,
 * compared field by field with BuildKit's own answers (expected.json).
 */
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyze, toCliJson } from "../analyze";
import { parseDockerfile } from "../parse/index";
import { resolve } from "../resolve/index";

const CORPUS = fileURLToPath(new URL("../../../../shared/corpus/", import.meta.url));

interface ExpectedMount {
  line: number;
  target: string;
  cacheKey: string;
  sharing: string;
  execPlatform: string;
  hasBase: boolean;
}
interface ExpectedCase {
  set: string;
  params: { platforms: string[]; buildPlatform: string; buildArgs?: Record<string, string> };
  buildkit: { results: { platform: string; normalized: string; error: string | null; mounts: ExpectedMount[] }[] };
}

const dirs = readdirSync(CORPUS, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe("corpus", () => {
  it("has the 48 files the README lists", () => {
    expect(dirs.length).toBe(48);
  });

  for (const dir of dirs) {
    const files = readdirSync(CORPUS + dir).filter((f) => f !== "expected.json");
    const file = files[0] ?? "Dockerfile";
    const text = readFileSync(`${CORPUS}${dir}/${file}`, "utf8");
    const expected = JSON.parse(readFileSync(`${CORPUS}${dir}/expected.json`, "utf8")) as { cases: ExpectedCase[] };
    for (const c of expected.cases) {
      it(`resolves ${dir} ${c.set} like BuildKit`, () => {
        const options = {
          platforms: c.params.platforms,
          buildPlatform: c.params.buildPlatform,
          ...(c.params.buildArgs === undefined ? {} : { buildArgs: c.params.buildArgs }),
        };
        const report = analyze(text, options);
        const json = toCliJson(report);
        // BuildKit resolves base images concurrently: when several are invalid, the
        // error it prints is a race; accept any error the resolver lists for it.
        const alternatives = resolve(parseDockerfile(text), text, options).raceAlternatives;
        const actual = json.results.map((r, i) => ({
          platform: r.platform,
          error:
            r.error !== null &&
            c.buildkit.results[i]?.error !== r.error &&
            (alternatives[i] ?? []).includes(c.buildkit.results[i]?.error ?? "")
              ? (c.buildkit.results[i]?.error ?? null)
              : r.error,
          mounts: r.mounts.map((m) => ({
            line: m.line,
            target: m.target,
            cacheKey: m.cacheKey,
            sharing: m.sharing,
            execPlatform: m.execPlatform,
            hasBase: m.hasBase,
          })),
        }));
        const want = c.buildkit.results.map((r) => ({ platform: r.normalized, error: r.error, mounts: r.mounts }));
        expect(actual).toEqual(want);
      });
    }
  }
});
