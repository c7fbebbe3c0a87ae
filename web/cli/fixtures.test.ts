/**
 * Every output format for real Dockerfiles from ../shared/corpus, checked
 * against reviewed expected outputs in web/cli/__fixtures__/<case>/.
 * After a deliberate change, regenerate with
 *   UPDATE_FIXTURES=1 npx vitest run web/cli/fixtures.test.ts
 * and review the diff before committing it. JSON and Markdown outputs are
 * stored as `.out` so formatters and linters leave their bytes alone.
 *
 * The JSON output is also compared field by field with BuildKit's own answers
 * (expected.json), for all three platform sets of each case.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSarif } from "../core/report/format-sarif-check";
import { memoryIo } from "./memory-io";
import { runCli } from "./run";

const corpus = fileURLToPath(new URL("../../../shared/corpus/", import.meta.url));
const fixtures = fileURLToPath(new URL("./__fixtures__/", import.meta.url));
const update = process.env.UPDATE_FIXTURES === "1";

interface Case {
  /** Corpus directory. */
  readonly dir: string;
  /** Platform flags for the fixtures. */
  readonly args: readonly string[];
  /** Also pin the share link (small files only: links are long). */
  readonly link: boolean;
}

const S1 = ["--platform", "linux/amd64,linux/arm64"];
const CASES: readonly Case[] = [
  { dir: "014-linkerd--linkerd2--policy-controller__arm64.dockerfile", args: S1, link: true },
  { dir: "022-astral-sh--uv--Dockerfile", args: S1, link: false },
  { dir: "031-vexxhost--docker-ubuntu--Dockerfile", args: S1, link: true },
  {
    dir: "062-crazy-max--rust-docker-cross--Dockerfile",
    args: ["--platform", "linux/amd64,linux/arm64,linux/arm/v7,linux/arm/v6"],
    link: false,
  },
  { dir: "010-kubernetes-sigs--aws-load-balancer-controller--Dockerfile", args: S1, link: false },
];

const FORMATS: readonly { readonly name: string; readonly args: readonly string[] }[] = [
  { name: "text.txt", args: [] },
  { name: "verbose.txt", args: ["--verbose"] },
  { name: "json.out", args: ["--format", "json"] },
  { name: "sarif.out", args: ["--format", "sarif"] },
  { name: "github.txt", args: ["--format", "github"] },
  { name: "markdown.out", args: ["--format", "markdown"] },
  { name: "fixed.Dockerfile", args: ["--fix"] },
];

/** Runs the CLI in-process on a corpus file, named as the fixtures show it. */
async function cli(c: Case, args: readonly string[]) {
  // Every corpus case keeps its file as `Dockerfile` (corpus/README.md).
  const shown = `corpus/${c.dir}/Dockerfile`;
  const io = memoryIo({ [shown]: new Uint8Array(readFileSync(join(corpus, c.dir, "Dockerfile"))) });
  const code = await runCli([...c.args, ...args, "--base-url", "https://example.test/playground/", shown], io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

function expectFixture(path: string, actual: string) {
  if (update) {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe.each(CASES)("$dir", (c) => {
  it.each(FORMATS)("keeps the $name output", async ({ name, args }) => {
    const r = await cli(c, args);
    expect(r.err).toBe("");
    expectFixture(join(fixtures, c.dir, name), r.out);
    if (name === "sarif.out") expect(checkSarif(JSON.parse(r.out))).toEqual([]);
  });

  if (c.link) {
    it("keeps the share link", async () => {
      const r = await cli(c, ["--format", "link"]);
      expectFixture(join(fixtures, c.dir, "link.txt"), r.out);
    });
  }

  it("resolves the same exit code in every report format", async () => {
    const codes = new Set<number>();
    for (const f of FORMATS.filter((f) => f.name !== "fixed.Dockerfile")) codes.add((await cli(c, f.args)).code);
    expect(codes.size).toBe(1);
  });

  it("resolves --format json to BuildKit's answers for every platform set", async () => {
    const expected = JSON.parse(readFileSync(join(corpus, c.dir, "expected.json"), "utf8")) as ExpectedFile;
    for (const set of expected.cases) {
      const args = ["--format", "json", "--build-platform", set.params.buildPlatform];
      for (const p of set.params.platforms) args.push("--platform", p);
      for (const [k, v] of Object.entries(set.params.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
      const r = await cli({ ...c, args: [] }, args);
      const doc = JSON.parse(r.out) as CliDoc;
      expect(doc.buildPlatform).toBe(set.params.buildPlatform);
      expect(
        doc.results.map((res) => ({
          platform: res.platform,
          requested: res.requested,
          error: res.error,
          mounts: res.mounts.map(({ line, target, cacheKey, sharing, execPlatform, hasBase }) => ({
            line,
            target,
            cacheKey,
            sharing,
            execPlatform,
            hasBase,
          })),
        })),
      ).toEqual(
        set.buildkit.results.map((res) => ({
          platform: res.normalized,
          requested: res.platform,
          error: res.error,
          mounts: res.mounts,
        })),
      );
    }
  });
});

interface ExpectedFile {
  readonly cases: readonly {
    readonly set: string;
    readonly params: {
      readonly platforms: readonly string[];
      readonly buildPlatform: string;
      readonly buildArgs?: Readonly<Record<string, string>>;
    };
    readonly buildkit: {
      readonly results: readonly {
        readonly platform: string;
        readonly normalized: string;
        readonly error: string | null;
        readonly mounts: readonly object[];
      }[];
    };
  }[];
}

interface CliDoc {
  readonly buildPlatform: string;
  readonly results: readonly {
    readonly platform: string;
    readonly requested: string;
    readonly error: string | null;
    readonly mounts: readonly {
      readonly line: number;
      readonly target: string;
      readonly cacheKey: string;
      readonly sharing: string;
      readonly execPlatform: string;
      readonly hasBase: boolean;
    }[];
  }[];
}
