/**
 * The CLI accepts any file content (robustness issue): binary, invalid UTF-8,
 * NUL bytes, UTF-16, a BOM, nothing at all. It always prints a report and
 * exits 0 or 1; exit 2 is only for usage errors, unreadable files and bad
 * platform strings. Checked through runCli with files in memory (every report
 * format, plus random bytes), and through the real process
 * (`npx tsx web/cli/main.ts`) for the bytes-on-disk and stdin paths.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { memoryIo } from "../../cli/memory-io";
import { runCli } from "../../cli/run";

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "string" ? [...enc(p)] : p)));

/** Deterministic noise (a 32-bit LCG): the same "random" file on every run. */
function noise(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const HOSTILE: Readonly<Record<string, Uint8Array>> = {
  "random-binary": noise(4096, 1),
  "invalid-utf8": bytes("FROM alpine\nRUN --mount=type=cache,target=/c", [0xff, 0xfe, 0xc3, 0x28], " true\n"),
  "utf8-encoded-surrogate-and-overlong": bytes(
    "FROM alpine\nRUN --mount=type=cache,id=",
    [0xed, 0xa0, 0x80, 0xc0, 0xaf],
    ",target=/c true\n",
  ),
  "truncated-multibyte-at-eof": bytes("FROM alpine\nRUN --mount=type=cache,target=/c true\n#", [0xe6, 0x97]),
  "nul-bytes": bytes("FROM alpine\0\nRUN --mount=type=cache,target=/c\0 true\n\0\0"),
  empty: new Uint8Array(0),
  "utf16le-with-bom": Uint8Array.from([0xff, 0xfe, ...[...enc("FROM alpine\r\nRUN true\r\n")].flatMap((b) => [b, 0])]),
  "utf8-bom-crlf": bytes([0xef, 0xbb, 0xbf], "FROM alpine\r\nRUN --mount=type=cache,target=/c true\r\n"),
  "2mb-of-noise": noise(2 * 1024 * 1024, 2),
};
const REPORT_FORMATS = ["text", "json", "markdown", "sarif", "github"] as const;

async function cli(argv: string[], files: Record<string, Uint8Array>, stdin?: Uint8Array) {
  const io = memoryIo(files, stdin === undefined ? {} : { stdin });
  const code = await runCli(argv, io);
  return { code, out: io.out.join(""), err: io.err.join("") };
}

describe("the CLI on any bytes, in memory", () => {
  for (const format of REPORT_FORMATS) {
    it(`prints a ${format} report and exits 0 or 1 for each hostile file`, async () => {
      for (const [name, content] of Object.entries(HOSTILE)) {
        const r = await cli(["--format", format, name], { [name]: content });
        // GitHub workflow commands: no finding, no line (the job log stays clean).
        const printed = format === "github" ? r.code === 0 || r.out.length > 0 : r.out.length > 0;
        expect({ name, code: r.code, err: r.err, printed }).toEqual({
          name,
          code: expect.toBeOneOf([0, 1]),
          err: "",
          printed: true,
        });
        if (format === "json") expect(() => JSON.parse(r.out), name).not.toThrow();
      }
    }, 120_000);
  }

  it("reports every hostile file in one run, in the order given", async () => {
    const names = Object.keys(HOSTILE);
    const r = await cli(["--format", "json", ...names], { ...HOSTILE });
    expect(r).toMatchObject({ code: expect.toBeOneOf([0, 1]), err: "" });
    const json = JSON.parse(r.out) as { files: { file: string }[] };
    expect(json.files.map((f) => f.file)).toEqual(names);
  }, 120_000);

  it("prints the fixed Dockerfile for --fix on each hostile file", async () => {
    for (const [name, content] of Object.entries(HOSTILE)) {
      const r = await cli(["--fix", name], { [name]: content });
      expect({ name, code: r.code, err: r.err }).toEqual({ name, code: expect.toBeOneOf([0, 1]), err: "" });
    }
  }, 120_000);

  it("keeps a file that is not UTF-8 as it is with --write, and says why", async () => {
    const content = bytes("FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n#", [0xff], "\n");
    const io = memoryIo({ Dockerfile: content });
    const code = await runCli(["--write", "--platform", "linux/amd64,linux/arm64", "Dockerfile"], io);
    expect(code).toBeOneOf([0, 1]);
    expect(io.writes).toEqual([]);
    expect(io.err.join("")).toBe("cache-mount-playground: Dockerfile: not rewritten: it is not valid UTF-8\n");
    expect(io.files.get("Dockerfile")).toEqual(content);
  });

  it("prints a report and exits 0 or 1 for 300 random byte strings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (content) => {
        const r = await cli(["Dockerfile"], { Dockerfile: content });
        return (r.code === 0 || r.code === 1) && r.err === "" && r.out.length > 0;
      }),
      { seed: 8, numRuns: 300 },
    );
  }, 120_000);
});

describe("the CLI on any bytes, as a process", () => {
  const dir = mkdtempSync(join(tmpdir(), "cmp-hostile-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const main = new URL("../../cli/main.ts", import.meta.url).pathname;
  const run = (args: string[], input?: Uint8Array) =>
    spawnSync("npx", ["tsx", main, ...args], {
      input,
      encoding: "buffer",
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
    });

  it("prints one JSON report for every hostile file on disk and exits 0 or 1", () => {
    const paths = Object.entries(HOSTILE).map(([name, content]) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    });
    const r = run(["--format", "json", ...paths]);
    expect({ status: r.status, stderr: r.stderr.toString("utf8") }).toEqual({
      status: expect.toBeOneOf([0, 1]),
      stderr: "",
    });
    const json = JSON.parse(r.stdout.toString("utf8")) as { files: { file: string }[] };
    expect(json.files.map((f) => f.file)).toEqual(paths);
  }, 150_000);

  it("prints a text report for random binary on standard input and exits 0 or 1", () => {
    const r = run(["-"], HOSTILE["random-binary"]);
    expect({ status: r.status, stderr: r.stderr.toString("utf8") }).toEqual({
      status: expect.toBeOneOf([0, 1]),
      stderr: "",
    });
    expect(r.stdout.length).toBeGreaterThan(0);
  }, 150_000);
});
