/**
 * Compiles the benchmark (bench/run.ts and the core it imports) with Vite
 * (Rolldown), the compiler the app's worker bundle goes through, into a
 * temporary directory. The result must then run in a plain `node`, not under
 * tsx: tsx's loader transforms every module it imports, compiled JavaScript
 * included, and wraps each function in a `__name` call (esbuild's keepNames),
 * which made analyze ≈ 30 % slower than the code the app ships.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const entry = fileURLToPath(new URL("./run.ts", import.meta.url));

/** The compiled benchmark's path, and how to remove it. */
export async function compileBench(): Promise<{ script: string; cleanup: () => void }> {
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
      target: "node20",
      // Names kept readable for `--cpu-prof`; minifying does not change what runs.
      minify: false,
      ssr: entry,
      rolldownOptions: { output: { format: "es", entryFileNames: "run.mjs" } },
    },
  });
  return { script: join(outDir, "run.mjs"), cleanup: () => rmSync(outDir, { recursive: true, force: true }) };
}
