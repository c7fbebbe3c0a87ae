/**
 * analyze() under hostile input, as properties (robustness issue): it never
 * throws (nor crashes into its safety net), returns plain structured-cloneable
 * data, keeps every range and edit inside the text, and fix(fix(x)) == fix(x).
 * Fixed seeds: CI runs the same ~3,100 cases every time; `npm run fuzz` runs
 * 100,000+ with any seed (scripts/fuzz.ts).
 */
import { fileURLToPath } from "node:url";
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalyzeOptions } from "../report/types";
import {
  analyzeOptions,
  cleanDockerfile,
  hostileDockerfile,
  mutatedCorpus,
  randomString,
  tokenSoup,
} from "./arbitraries";
import { analysisProblems } from "./invariants";

const SEED = 8_2025;
const CORPUS_DIR = fileURLToPath(new URL("../../../../shared/corpus", import.meta.url));
const corpus = readdirSync(CORPUS_DIR, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => readFileSync(`${CORPUS_DIR}/${d.name}/Dockerfile`, "utf8"));

/** Generous: the runs are small, but CI boxes are loaded. */
const TIMEOUT = 180_000;

function holds(text: string, options: AnalyzeOptions): void {
  const problems = analysisProblems(text, options, { clone: structuredClone });
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

function check(arb: fc.Arbitrary<string>, numRuns: number, seed: number): void {
  fc.assert(fc.property(arb, analyzeOptions, holds), { seed, numRuns, includeErrorInReport: true });
}

describe("analyze() on hostile input", () => {
  it(
    "keeps every invariant on 500 random strings (any code point, lone surrogates, control bytes)",
    () => {
      check(randomString, 500, SEED);
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on 500 token soups of the characters Dockerfile parsing cares about",
    () => {
      check(tokenSoup, 500, SEED + 1);
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on 1,000 clean generated Dockerfiles",
    () => {
      check(cleanDockerfile, 1000, SEED + 2);
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on 700 hostile generated Dockerfiles",
    () => {
      check(hostileDockerfile, 700, SEED + 3);
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on 250 mutated corpus files (bit flips, line deletions and duplications, truncations)",
    () => {
      expect(corpus.length).toBeGreaterThan(40);
      check(
        mutatedCorpus(corpus).map((m) => m.text),
        250,
        SEED + 4,
      );
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant, deterministically, on every corpus file with three platform sets",
    () => {
      const sets: AnalyzeOptions[] = [
        { platforms: ["linux/amd64", "linux/arm64"] },
        { platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6"], fixStyle: "TARGETARCH" },
        {
          platforms: ["linux/arm64", "linux/s390x", "linux/ppc64le", "linux/riscv64", "linux/386"],
          buildPlatform: "linux/arm64",
        },
      ];
      const failures: string[] = [];
      corpus.forEach((text, i) => {
        for (const options of sets) {
          for (const p of analysisProblems(text, options, { clone: structuredClone, determinism: true })) {
            failures.push(`corpus file ${i} with ${options.platforms.join(",")}: ${p}`);
          }
        }
      });
      expect(failures).toEqual([]);
    },
    TIMEOUT,
  );
});
