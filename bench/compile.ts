/**
 * Compiles bench/core-entry.ts with Vite (Rolldown), the compiler the app's
 * worker bundle goes through, into a temporary directory, and imports it. tsx's
 * on-the-fly transform keeps function names with a wrapper call per closure,
 * which made the parser measurably slower than the shipped code.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "vite";
import type * as CoreEntry from "./core-entry";

export type Core = typeof CoreEntry;

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = fileURLToPath(new URL("./core-entry.ts", import.meta.url));

/** The core as the app ships it, or as tsx runs it when `compiled` is false. */
export async function loadCore(compiled: boolean): Promise<{ core: Core; compiler: string; cleanup: () => void }> {
  if (!compiled) return { core: await import("./core-entry"), compiler: "tsx", cleanup: () => {} };
  const outDir = mkdtempSync(join(tmpdir(), "cmp-bench-"));
  await build({
    configFile: false,
    root,
    logLevel: "warn",
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      write: true,
      target: "es2022",
      // Names kept readable for `--cpu-prof`; minifying does not change what runs.
      minify: false,
      lib: { entry, formats: ["es"], fileName: "core" },
    },
  });
  const core = (await import(pathToFileURL(join(outDir, "core.js")).href)) as Core;
  return { core, compiler: "vite", cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}
