/**
 * Core benchmark (issue 7): generated Dockerfiles of 100, 1,000 and 10,000
 * lines, analysed for 8 target platforms (and for 1, to show that what does not
 * depend on the platform is done once). Reports median and p95 of the full
 * `analyze` and of each phase timed on its own (parse, resolve, rules+fix),
 * wall-clock and CPU time, and the ratios the budgets are stated in.
 *
 *   npx tsx bench/main.ts [--json] [--quick] [--check] [--tsx]
 *
 * --json   one JSON object with every figure (stable names) on stdout, nothing else
 * --quick  a few iterations: proves the bench works (CI); its timings mean little
 * --check  exit 1 when a budget is exceeded (never used in CI: machines are noisy)
 * --tsx    run the core through tsx instead of compiling it with Vite first
 *          (bench/main.ts compiles this file and runs it in a plain node)
 *
 * Sizes are measured side by side: the configurations take turns in short
 * blocks (runInBlocks), so a burst of load on a shared machine hits all of them
 * alike, and the ratios stay meaningful when the absolute figures do not. CPU
 * time (process.cpuUsage) is reported next to wall time for the same reason.
 *
 * The size ratio has two baselines measured in the same blocks: structuredClone
 * of each report (a copy of the analysis's own output, as postMessage makes it)
 * and V8's JSON.parse of its JSON. Both are linear by construction and build an
 * object graph of the report's size, so their ratios are what this machine's
 * caches and garbage collector alone make of 10× the data.
 */
import { loadavg, cpus } from "node:os";
import { PerformanceObserver } from "node:perf_hooks";
import { COMMON_TARGET_PLATFORMS } from "../web/core/platform/common-targets";
import * as core from "./core-entry";
type Core = typeof core;
import type { Summary } from "./stats";
import { round, summarize } from "./stats";

const SIZES = [100, 1000, 10_000] as const;
const PLATFORM_COUNTS = [8, 1] as const;
/** Timed iterations per size: about the same total time for each. */
const ITERATIONS: Record<(typeof SIZES)[number], { full: number; quick: number }> = {
  100: { full: 200, quick: 3 },
  1000: { full: 100, quick: 3 },
  10_000: { full: 15, quick: 1 },
};

const ROUNDS = 5;
const BUDGET_MS_1000X8 = 10;
const BUDGET_RATIO_10K_1K = 12;

const args = new Set(process.argv.slice(2));
const json = args.has("--json");
const quick = args.has("--quick");
const check = args.has("--check");
/** Set by bench/main.ts when it compiled this file; tsx otherwise. */
const compiler = process.env.BENCH_COMPILER ?? "tsx";
for (const a of args) {
  if (!["--json", "--quick", "--check", "--tsx"].includes(a)) {
    console.error(`bench: unknown option ${a}\nusage: tsx bench/main.ts [--json] [--quick] [--check] [--tsx]`);
    process.exit(2);
  }
}

interface Sample {
  readonly wall: number;
  readonly cpu: number;
  /** When it ran (performance.now()), to charge it the garbage collections that ran meanwhile. */
  readonly start: number;
}

function timed<T>(f: () => T): { value: T; sample: Sample } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = f();
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { value, sample: { wall, cpu: (cpu.user + cpu.system) / 1000, start: t0 } };
}

/**
 * The garbage collector's pauses (Node's "gc" performance entries), kept to
 * split each analyze's time into the analysis and the collections it caused:
 * at 10,000 lines the collector copies a large live result, and that is where
 * time grows faster than the input.
 */
const gcPauses: { readonly start: number; readonly duration: number }[] = [];
const gcObserver = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcPauses.push({ start: e.startTime, duration: e.duration });
});
gcObserver.observe({ entryTypes: ["gc"] });

/** Milliseconds of collection that started within each sample (entries arrive after the loop yields). */
function gcWithin(samples: readonly Sample[]): number[] {
  return samples.map((s) => {
    let ms = 0;
    for (const p of gcPauses) if (p.start >= s.start && p.start < s.start + s.wall) ms += p.duration;
    return ms;
  });
}

type Phase = "analyze" | "parse" | "resolve" | "rules" | "phases";
const PHASES: readonly Phase[] = ["analyze", "parse", "resolve", "rules", "phases"];

interface Config {
  readonly id: string;
  readonly lines: number;
  readonly platforms: number;
  readonly text: string;
  readonly options: { readonly platforms: readonly string[] };
  readonly iterations: number;
  readonly samples: Record<Phase, Sample[]>;
  /** The linear baselines' inputs and samples (see the file comment); none but at the sizes the ratio compares. */
  readonly baselines: BaselineRun[];
  counts: { instructions: number; cacheMounts: number; cells: number; findings: number };
}

function makeConfigs(core: Core): Config[] {
  const out: Config[] = [];
  for (const lines of SIZES) {
    const text = core.generateDockerfile(lines);
    for (const platforms of PLATFORM_COUNTS) {
      out.push({
        id: `${lines}x${platforms}`,
        lines,
        platforms,
        text,
        options: { platforms: COMMON_TARGET_PLATFORMS.slice(0, platforms) },
        iterations: quick ? ITERATIONS[lines].quick : ITERATIONS[lines].full,
        samples: { analyze: [], parse: [], resolve: [], rules: [], phases: [] },
        baselines: [],
        counts: { instructions: 0, cacheMounts: 0, cells: 0, findings: 0 },
      });
    }
  }
  return out;
}

/**
 * One iteration: the whole analyze, then each phase on its own. Each in its own
 * function, so that one's result is garbage before the next starts, as in the
 * app, where only the latest report is kept.
 */
function iterate(core: Core, c: Config, record: boolean): void {
  const full = timeAnalyze(core, c);
  const phases = timePhases(core, c);
  if (!record) return;
  c.samples.analyze.push(full);
  c.samples.parse.push(phases.parse);
  c.samples.resolve.push(phases.resolve);
  c.samples.rules.push(phases.rules);
  c.samples.phases.push({
    wall: phases.parse.wall + phases.resolve.wall + phases.rules.wall,
    cpu: phases.parse.cpu + phases.resolve.cpu + phases.rules.cpu,
    start: phases.parse.start,
  });
}

function timeAnalyze(core: Core, c: Config): Sample {
  const { value, sample } = timed(() => core.analyze(c.text, c.options));
  if (value.platforms.some((p) => p.error !== null)) throw new Error(`${c.id}: a platform failed to analyse`);
  return sample;
}

type BaselineName = "structuredClone" | "jsonParse";

const BASELINE_LABELS: Record<BaselineName, string> = {
  structuredClone: "structuredClone of the report",
  jsonParse: "JSON.parse of the report's JSON",
};

interface BaselineRun {
  readonly name: BaselineName;
  /** Linear work on the report; returns something, so that it cannot be optimised away. */
  readonly run: () => unknown;
  /** The size of its input: the report's JSON, in bytes. */
  readonly jsonBytes: number;
  readonly samples: Sample[];
}

/** The baselines' inputs: the report at the sizes the budget compares, 8 platforms. */
function addBaselines(core: Core, configs: readonly Config[]): void {
  for (const c of configs) {
    if (c.platforms !== 8 || (c.lines !== 1000 && c.lines !== 10_000)) continue;
    const report = core.analyze(c.text, c.options);
    const json = JSON.stringify(report);
    const jsonBytes = new TextEncoder().encode(json).length;
    c.baselines.push(
      { name: "structuredClone", run: () => structuredClone(report), jsonBytes, samples: [] },
      { name: "jsonParse", run: () => JSON.parse(json) as unknown, jsonBytes, samples: [] },
    );
  }
}

function timeBaseline(b: BaselineRun): Sample {
  const { value, sample } = timed(b.run);
  if (value === null || value === undefined) throw new Error(`baseline ${b.name} returned nothing`);
  return sample;
}

function timePhases(core: Core, c: Config): { parse: Sample; resolve: Sample; rules: Sample } {
  const parse = timed(() => core.parseDockerfile(c.text));
  const parsed = parse.value;
  if (parsed.error !== null)
    throw new Error(`${c.id}: the generated Dockerfile does not parse: ${parsed.error.message}`);
  const resolve = timed(() => core.resolve(parsed, c.text, c.options));
  const rules = timed(() => core.runRules({ text: c.text, parsed, resolution: resolve.value, options: c.options }));
  c.counts = {
    instructions: parsed.commands.length,
    cacheMounts: resolve.value.mounts.length,
    cells: resolve.value.mounts.reduce((n, m) => n + m.cells.filter((cell) => cell.built).length, 0),
    findings: rules.value.findings.length,
  };
  return { parse: parse.sample, resolve: resolve.sample, rules: rules.sample };
}

/**
 * Rounds of short blocks, one block per configuration: a burst of load on a shared
 * machine lands on every configuration alike, while a block of one size is not
 * charged for the garbage another size left behind (its first iteration, which
 * would be, is not recorded).
 */
function runInBlocks(core: Core, configs: readonly Config[]): void {
  const rounds = quick ? 1 : ROUNDS;
  for (let r = 0; r < rounds; r++) {
    for (const c of configs) {
      const n = Math.floor(((r + 1) * c.iterations) / rounds) - Math.floor((r * c.iterations) / rounds);
      if (n === 0) continue;
      iterate(core, c, false);
      for (let i = 0; i < n; i++) iterate(core, c, true);
      // Each baseline in a block of its own, after the analyses of the same size, as
      // those follow each other: in one iteration with them it would pay for their garbage.
      for (const b of c.baselines) {
        timeBaseline(b);
        for (let i = 0; i < n; i++) b.samples.push(timeBaseline(b));
      }
    }
  }
}

interface PhaseFigures {
  readonly wall: Summary;
  readonly cpu: Summary;
  /** Garbage collection during the call, and the wall time without it. */
  readonly gc: Summary;
  readonly wallWithoutGc: Summary;
}

function figuresOf(c: Config): Record<Phase, PhaseFigures> {
  const out = {} as Record<Phase, PhaseFigures>;
  for (const p of PHASES) {
    const samples = c.samples[p];
    const gc = gcWithin(samples);
    out[p] = {
      wall: summarize(samples.map((s) => s.wall)),
      cpu: summarize(samples.map((s) => s.cpu)),
      gc: summarize(gc),
      wallWithoutGc: summarize(samples.map((s, i) => s.wall - (gc[i] ?? 0))),
    };
  }
  return out;
}

async function main(): Promise<void> {
  const configs = makeConfigs(core);
  addBaselines(core, configs);
  // Warm-up (JIT), not recorded.
  for (let i = 0; i < (quick ? 1 : 5); i++)
    for (const c of configs) if (c.lines < 10_000 || i === 0) iterate(core, c, false);
  runInBlocks(core, configs);
  // Let the observer deliver the collections' entries.
  await new Promise((resolve) => setTimeout(resolve, 50));
  gcObserver.disconnect();
  report(configs, compiler);
}

function report(configs: readonly Config[], compiler: string): void {
  const figures = new Map(configs.map((c) => [c.id, figuresOf(c)]));
  const get = (id: string) => figures.get(id)!;
  const ratio = (a: number, b: number) => round(a / b, 2);

  const runs: Record<string, unknown> = {};
  for (const c of configs) {
    runs[c.id] = {
      lines: c.lines,
      physicalLines: c.text.split("\n").length - 1,
      bytes: new TextEncoder().encode(c.text).length,
      platforms: c.platforms,
      iterations: c.samples.analyze.length,
      ...c.counts,
      ...get(c.id),
    };
  }

  const sizeRatios = (clock: "wall" | "cpu" | "wallWithoutGc", phase: Phase) => ({
    "1000over100": ratio(get("1000x8")[phase][clock].median, get("100x8")[phase][clock].median),
    "10000over1000": ratio(get("10000x8")[phase][clock].median, get("1000x8")[phase][clock].median),
  });
  const ratiosBy = (clock: "wall" | "cpu" | "wallWithoutGc") =>
    Object.fromEntries(PHASES.map((p) => [p, sizeRatios(clock, p)])) as Record<Phase, ReturnType<typeof sizeRatios>>;
  const ratios = { wall: ratiosBy("wall"), cpu: ratiosBy("cpu"), wallWithoutGc: ratiosBy("wallWithoutGc") };
  const baselines = baselineFigures(configs, ratios.wall.analyze["10000over1000"]);

  // 1 vs 8 platforms: parsing is the platform-independent part and must be paid once.
  const platformScaling: Record<string, unknown> = {};
  for (const lines of SIZES) {
    const one = get(`${lines}x1`);
    const eight = get(`${lines}x8`);
    const a1 = one.analyze.wall.median;
    const a8 = eight.analyze.wall.median;
    const perExtraPlatform = (a8 - a1) / 7;
    platformScaling[String(lines)] = {
      analyze1: a1,
      analyze8: a8,
      analyze8over1: ratio(a8, a1),
      analyze8over1Cpu: ratio(eight.analyze.cpu.median, one.analyze.cpu.median),
      perExtraPlatformMs: round(perExtraPlatform),
      platformIndependentMs: round(a1 - perExtraPlatform),
      parseMs: one.parse.wall.median,
      resolve8over1: ratio(eight.resolve.wall.median, one.resolve.wall.median),
      rules8over1: ratio(eight.rules.wall.median, one.rules.wall.median),
    };
  }

  const budgets = [
    budget(
      "analyze1000x8WallMedianMs",
      "analyze, 1,000 lines × 8 platforms, median",
      get("1000x8").analyze.wall.median,
      BUDGET_MS_1000X8,
      "ms",
    ),
    budget(
      "phases1000x8WallMedianMs",
      "parse + resolve + rules, 1,000 lines × 8 platforms, median",
      get("1000x8").phases.wall.median,
      BUDGET_MS_1000X8,
      "ms",
    ),
    budget(
      "analyze10000over1000Wall",
      "analyze 10,000 lines / 1,000 lines (8 platforms, medians)",
      ratios.wall.analyze["10000over1000"],
      BUDGET_RATIO_10K_1K,
      "×",
    ),
    budget(
      "analyze10000over1000Cpu",
      "the same ratio in CPU time",
      ratios.cpu.analyze["10000over1000"],
      BUDGET_RATIO_10K_1K,
      "×",
    ),
  ];

  const load = loadavg();
  const result = {
    schema: 1,
    mode: quick ? "quick" : "full",
    environment: {
      node: process.version,
      platform: `${process.platform}/${process.arch}`,
      cpus: cpus().length,
      loadavg1: round(load[0] ?? 0, 2),
      compiler,
    },
    targetPlatforms: COMMON_TARGET_PLATFORMS,
    runs,
    ratios,
    platformScaling,
    baselines,
    budgets,
  };

  if (json) {
    process.stdout.write(JSON.stringify(result, null, 2) + "\n");
  } else {
    printText(configs, figures, ratios, baselines, platformScaling, budgets, result.environment);
  }
  if (check && budgets.some((b) => !b.ok)) process.exitCode = 1;
}

interface Baseline {
  readonly what: string;
  /** The report's JSON at 1,000 and 10,000 lines, in bytes: how much more data there is. */
  readonly jsonBytes1000: number;
  readonly jsonBytes10000: number;
  readonly wall1000: Summary;
  readonly wall10000: Summary;
  /** The 10,000 / 1,000 ratio (medians): what 10× the data costs on this machine when the work is linear. */
  readonly wall10000over1000: number;
  readonly cpu10000over1000: number;
  /** analyze's wall ratio divided by this one: 1 means analyze grows like linear work on its own output. */
  readonly analyzeOverBaseline: number;
}

function baselineFigures(configs: readonly Config[], analyzeRatio: number): Partial<Record<BaselineName, Baseline>> {
  const small = configs.find((c) => c.id === "1000x8")?.baselines ?? [];
  const large = configs.find((c) => c.id === "10000x8")?.baselines ?? [];
  const out: Partial<Record<BaselineName, Baseline>> = {};
  for (const a of small) {
    const b = large.find((x) => x.name === a.name);
    if (b === undefined || a.samples.length === 0 || b.samples.length === 0) continue;
    const wall = (r: BaselineRun) => summarize(r.samples.map((s) => s.wall));
    const cpu = (r: BaselineRun) => summarize(r.samples.map((s) => s.cpu));
    const wallRatio = round(wall(b).median / wall(a).median, 2);
    out[a.name] = {
      what: BASELINE_LABELS[a.name],
      jsonBytes1000: a.jsonBytes,
      jsonBytes10000: b.jsonBytes,
      wall1000: wall(a),
      wall10000: wall(b),
      wall10000over1000: wallRatio,
      cpu10000over1000: round(cpu(b).median / cpu(a).median, 2),
      analyzeOverBaseline: round(analyzeRatio / wallRatio, 2),
    };
  }
  return out;
}

interface Budget {
  readonly name: string;
  readonly description: string;
  readonly value: number;
  readonly limit: number;
  readonly unit: string;
  readonly ok: boolean;
}

function budget(name: string, description: string, value: number, limit: number, unit: string): Budget {
  return { name, description, value, limit, unit, ok: value <= limit };
}

function printText(
  configs: readonly Config[],
  figures: ReadonlyMap<string, Record<Phase, PhaseFigures>>,
  ratios: Record<"wall" | "cpu" | "wallWithoutGc", Record<string, Record<string, number>>>,
  baselines: Partial<Record<BaselineName, Baseline>>,
  scaling: Record<string, unknown>,
  budgets: readonly Budget[],
  env: { node: string; cpus: number; loadavg1: number; compiler: string },
): void {
  const f = (n: number) => n.toFixed(n >= 100 ? 0 : n >= 10 ? 1 : 2);
  const out: string[] = [];
  out.push(
    `core benchmark (${quick ? "quick: timings mean little" : "full"}): Node ${env.node}, ${env.cpus} CPUs, load ${env.loadavg1}, core compiled with ${env.compiler}`,
    "",
    "config     instr  mounts | analyze wall ms   | phases, wall median ms      | analyze cpu ms | analyze gc ms",
    "                         | median     p95    | parse  resolve  rules       | median         | median",
  );
  for (const c of configs) {
    const g = figures.get(c.id)!;
    out.push(
      [
        c.id.padEnd(9),
        String(c.counts.instructions).padStart(6),
        String(c.counts.cacheMounts).padStart(7),
        " |",
        f(g.analyze.wall.median).padStart(7),
        f(g.analyze.wall.p95).padStart(8),
        "   |",
        f(g.parse.wall.median).padStart(6),
        f(g.resolve.wall.median).padStart(8),
        f(g.rules.wall.median).padStart(7),
        "      |",
        f(g.analyze.cpu.median).padStart(7),
        "       |",
        f(g.analyze.gc.median).padStart(7),
      ].join(" "),
    );
  }
  out.push("", "ratios, same run (medians, 8 platforms)        wall     cpu");
  for (const p of PHASES) {
    out.push(
      `  ${p.padEnd(8)} 10,000 / 1,000 lines             ${String(ratios.wall[p]!["10000over1000"]).padStart(6)}×  ${String(ratios.cpu[p]!["10000over1000"]).padStart(6)}×`,
    );
  }
  out.push(
    `  analyze without its garbage collection  ${String(ratios.wallWithoutGc.analyze!["10000over1000"]).padStart(6)}×  (wall minus the gc pauses during each call)`,
  );
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  for (const b of Object.values(baselines)) {
    out.push(
      `  baseline: ${b.what.padEnd(31)} ${String(b.wall10000over1000).padStart(6)}×  ${String(b.cpu10000over1000).padStart(6)}×  (${f(b.wall1000.median)} → ${f(b.wall10000.median)} ms; analyze's ratio is ${b.analyzeOverBaseline}× this one)`,
    );
  }
  const any = Object.values(baselines)[0];
  if (any !== undefined)
    out.push(
      `  (baselines: linear work on the report, ${mb(any.jsonBytes1000)} → ${mb(any.jsonBytes10000)} MB of JSON, timed in the same blocks)`,
    );
  out.push("", "platforms: 8 vs 1 (analyze, wall medians)");
  for (const [lines, s] of Object.entries(scaling)) {
    const v = s as Record<string, number>;
    out.push(
      `  ${lines.padStart(6)} lines: 1 → ${f(v.analyze1!)} ms, 8 → ${f(v.analyze8!)} ms (${v.analyze8over1}×); each extra platform ${f(v.perExtraPlatformMs!)} ms; parse (once) ${f(v.parseMs!)} ms`,
    );
  }
  out.push("", "budgets");
  for (const b of budgets) {
    out.push(`  ${b.ok ? "ok  " : "OVER"} ${b.description}: ${b.value} ${b.unit} (≤ ${b.limit} ${b.unit})`);
  }
  console.log(out.join("\n"));
}

await main();
