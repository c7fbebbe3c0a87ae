/**
 * The CLI end to end: a real Node process on real files and pipes, as CI runs
 * it (`node --import tsx web/cli/main.ts`, what `npx tsx` does), and once
 * through the package's `bin` entry.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cmp-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(
  args: string[],
  stdin?: string | Uint8Array,
  entry: string[] = ["--import", "tsx", "web/cli/main.ts"],
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [...entry, ...args],
      { cwd: root, env: { ...process.env, NO_COLOR: "" }, encoding: "utf8" },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === "number" ? error.code : null) : 0, stdout, stderr }),
    );
    child.stdin?.end(stdin ?? "");
  });
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const COLLIDING = "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add gcc\n";
const CLEAN = "FROM alpine\nRUN echo hello\n";

describe("the cache-mount-playground command", { timeout: 30_000 }, () => {
  it("resolves --version to the tool and BuildKit versions, exit 0", async () => {
    expect(await run(["--version"])).toEqual({
      code: 0,
      stdout: "cache-mount-playground 0.1.0 (reproduces BuildKit's Dockerfile frontend v0.24.0 – current)\n",
      stderr: "",
    });
  });

  it("flags a usage error with exit 2 and one line on stderr", async () => {
    expect(await run(["--fail-on", "sometimes", "x"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'cache-mount-playground: invalid argument "sometimes" for "--fail-on": must be one of error, warning, info, never (see --help)\n',
    });
  });

  it("flags an unreadable file with exit 2 and one line on stderr", async () => {
    const missing = join(dir, "nope", "Dockerfile");
    expect(await run([missing])).toEqual({
      code: 2,
      stdout: "",
      stderr: `cache-mount-playground: cannot read ${missing}: no such file or directory\n`,
    });
    expect(await run([dir])).toEqual({
      code: 2,
      stdout: "",
      stderr: `cache-mount-playground: cannot read ${dir}: is a directory\n`,
    });
  });

  it("flags a bad platform string with exit 2 and BuildKit's message", async () => {
    expect(await run(["--platform", "linux/amd64,foo", file("p.Dockerfile", CLEAN)])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'cache-mount-playground: failed to parse target platform foo: "foo": unknown operating system or architecture: invalid argument\n',
    });
  });

  it("reads standard input for -", async () => {
    const r = await run(["--format", "json", "-"], CLEAN);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schema: 1, buildPlatform: "linux/amd64" });
  });

  it("flags a cross-platform collision with exit 1, and exit 0 with --fail-on never", async () => {
    const path = file("collide.Dockerfile", COLLIDING);
    const r = await run(["--platform", "linux/amd64,linux/arm64", path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${path}:2:`);
    expect(r.stdout).toContain("error cross-platform-cache-collision: ");
    expect((await run(["--fail-on", "never", "--platform", "linux/amd64,linux/arm64", path])).code).toBe(0);
  });

  it("reports several files, stdin among them, in the order given", async () => {
    const a = file("a.Dockerfile", COLLIDING);
    const r = await run(["--format", "json", "--platform", "linux/amd64,linux/arm64", a, "-"], CLEAN);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { schema: number; files: { file: string | null }[] };
    expect(doc.schema).toBe(1);
    expect(doc.files.map((f) => f.file)).toEqual([a, null]);
  });

  it("keeps any bytes (NUL, invalid UTF-8) a report, exit 0 or 1", async () => {
    const path = file("binary", new Uint8Array([0x00, 0xff, 0xfe, 0x46, 0x52, 0x4f, 0x4d, 0x0a, 0xc3, 0x28, 0x00]));
    for (const format of ["text", "json", "sarif", "github", "markdown", "link"]) {
      const r = await run(["--format", format, path]);
      expect([0, 1]).toContain(r.code);
      expect(r.stderr).toBe("");
    }
  });

  it("keeps an unchanged file byte-identical with --write", async () => {
    const bytes = new TextEncoder().encode("\ufeff# syntax=docker/dockerfile:1\r\nFROM alpine\r\nRUN echo ok\r\n");
    const path = file("unchanged.Dockerfile", bytes);
    const before = statSync(path).mtimeMs;
    const r = await run(["--write", "--platform", "linux/amd64,linux/arm64", path]);
    expect(r.code).toBe(0);
    expect(new Uint8Array(readFileSync(path))).toEqual(bytes);
    expect(statSync(path).mtimeMs).toBe(before);
  });

  it("rewrites a colliding file with --write to what --fix prints, and the result no longer collides", async () => {
    const path = file("fixme.Dockerfile", COLLIDING);
    const platforms = ["--platform", "linux/amd64,linux/arm64"];
    const printed = await run(["--fix", ...platforms, path]);
    expect(printed.stdout).not.toBe(COLLIDING);
    const written = await run(["--write", ...platforms, path]);
    expect(readFileSync(path, "utf8")).toBe(printed.stdout);
    expect(written.stdout).not.toContain("cross-platform-cache-collision");
    expect((await run([...platforms, path])).stdout).not.toContain("cross-platform-cache-collision");
  });

  it("runs through the package's bin entry", async () => {
    const r = await run(["--format", "json", "-"], CLEAN, ["bin/cache-mount-playground.js"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ schema: 1 });
  });
});
