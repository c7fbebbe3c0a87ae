/**
 * `npm run bench`: compiles the benchmark with Vite (bench/compile.ts) and runs
 * it in a plain `node` child, so that what is timed is the code the app ships.
 * With --tsx, runs bench/run.ts in this process, as tsx transforms it.
 *
 *   npx tsx bench/main.ts [--json] [--quick] [--check] [--tsx]
 */
import { spawnSync } from "node:child_process";
import { compileBench } from "./compile";

const args = process.argv.slice(2);
if (args.includes("--tsx")) {
  await import("./run");
} else {
  const { script, cleanup } = await compileBench();
  try {
    const child = spawnSync(process.execPath, [script, ...args], {
      stdio: "inherit",
      env: { ...process.env, BENCH_COMPILER: "vite, run in plain node" },
    });
    process.exitCode = child.status ?? 1;
  } finally {
    cleanup();
  }
}
