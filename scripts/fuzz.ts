/**
 * The long fuzz run of analyze() (robustness issue): 100,000+ hostile inputs
 * by default, checked against the invariants of web/core/robustness/invariants.ts
 * (never throws, plain structured-cloneable data, ranges and edits inside the
 * text, fix(fix(x)) == fix(x)). CI runs a fixed-seed slice of the same
 * generators (web/core/robustness/analyze-properties.test.ts).
 *
 *   npm run fuzz                               100,000 cases, a fresh seed (printed)
 *   npm run fuzz -- --seed 42 --runs 500000    reproducible, bigger
 *   npm run fuzz -- --kinds clean,hostile      some generators only
 *   npm run fuzz -- --replay clean:1234567     one failing case again: its input, problems, shrunk form
 *
 * Every case has its own seed (printed for failures), derived from the run's
 * seed, so one failure replays without re-running the rest. Cases run in
 * worker threads under a watchdog: a case still running after --deadline
 * seconds is reported as a hang (and its input saved), and the run goes on.
 * Exit code: 0 all good, 1 failures or hangs, 2 bad arguments, 3 the fuzzer itself broke.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import fc from "fast-check";
import type { AnalyzeOptions, Report } from "../web/core/report/types";
import {
  analyzeOptions,
  cleanDockerfile,
  hostileDockerfile,
  mutatedCorpus,
  randomString,
  tokenSoup,
} from "../web/core/robustness/arbitraries";
import { analysisProblems } from "../web/core/robustness/invariants";

const KINDS = ["random", "soup", "clean", "hostile", "corpus"] as const;
type Kind = (typeof KINDS)[number];
/** Share of the runs each generator gets (clean files reach the rules and the fixer; corpus files are slowest). */
const WEIGHTS: Readonly<Record<Kind, number>> = { random: 2, soup: 2, clean: 3, hostile: 2, corpus: 1 };
const CORPUS_DIR = new URL("../../shared/corpus", import.meta.url).pathname;

function loadCorpus(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => readFileSync(join(dir, d.name, "Dockerfile"), "utf8"));
  } catch {
    return [];
  }
}

function arbitraryFor(kind: Kind, corpus: readonly string[]): fc.Arbitrary<string> {
  switch (kind) {
    case "random":
      return randomString;
    case "soup":
      return tokenSoup;
    case "clean":
      return cleanDockerfile;
    case "hostile":
      return hostileDockerfile;
    case "corpus":
      return mutatedCorpus(corpus).map((m) => m.text);
  }
}

/** The seed of case `index` of `kind` in a run seeded `seed` (a 32-bit mix, stable across versions). */
function caseSeed(seed: number, kind: Kind, index: number): number {
  let h = (seed ^ Math.imul(KINDS.indexOf(kind) + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) | 0;
}

function generate(kind: Kind, seed: number, corpus: readonly string[]): [string, AnalyzeOptions] {
  const [value] = fc.sample(fc.tuple(arbitraryFor(kind, corpus), analyzeOptions), { seed, numRuns: 1 });
  if (value === undefined) throw new Error("fast-check generated nothing");
  return value;
}

// ---------------------------------------------------------------- worker side

interface Job {
  readonly kind: Kind;
  readonly seed: number;
}
interface Outcome {
  readonly kind: Kind;
  readonly seed: number;
  readonly problems: readonly string[];
  readonly mounts: boolean;
  readonly error: boolean;
  readonly fixed: boolean;
  /** How long its checks took (analyze, the fix, the re-analysis), and its size. */
  readonly ms: number;
  readonly chars: number;
}

function workerMain(): void {
  const port = parentPort;
  if (port === null) return;
  const { progress, slot } = workerData as { progress: Int32Array; slot: number };
  const corpus = loadCorpus(CORPUS_DIR);
  port.on("message", (jobs: readonly Job[]) => {
    const outcomes: Outcome[] = [];
    for (const job of jobs) {
      // The watchdog reads which case this thread is on and since when.
      Atomics.store(progress, slot * 2, job.seed);
      Atomics.store(progress, slot * 2 + 1, Math.floor(Date.now() / 1000));
      const [text, options] = generate(job.kind, job.seed, corpus);
      let report: Report | null = null;
      const t0 = performance.now();
      const problems = analysisProblems(text, options, { clone: structuredClone, onReport: (r) => (report = r) });
      const ms = performance.now() - t0;
      const r = report as Report | null;
      outcomes.push({
        ...job,
        problems,
        mounts: (r?.mounts.length ?? 0) > 0,
        error: r?.platforms.some((p) => p.error !== null) ?? false,
        fixed: r !== null && r.fixed !== text,
        ms,
        chars: text.length,
      });
    }
    Atomics.store(progress, slot * 2 + 1, 0);
    port.postMessage(outcomes);
  });
}

// ---------------------------------------------------------------- main side

const SLOWEST_KEPT = 5;

/** Worker threads do not inherit tsx's loader: they load this file through tsx's API. */
const BOOT = `
const { workerData } = require("node:worker_threads");
import("tsx/esm/api").then((api) => api.tsImport(workerData.self, workerData.self));
`;

interface Args {
  readonly seed: number;
  readonly runs: number;
  readonly kinds: readonly Kind[];
  readonly workers: number;
  readonly deadline: number;
  readonly replay: { kind: Kind; seed: number } | null;
}

function parseArgs(argv: readonly string[]): Args {
  const get = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const int = (name: string, fallback: number): number => {
    const v = get(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (!Number.isSafeInteger(n)) throw new Error(`--${name} must be an integer, not ${JSON.stringify(v)}`);
    return n;
  };
  const kinds = (get("kinds") ?? KINDS.join(",")).split(",").map((k) => {
    if (!(KINDS as readonly string[]).includes(k))
      throw new Error(`unknown kind ${JSON.stringify(k)} (kinds: ${KINDS.join(", ")})`);
    return k as Kind;
  });
  let replay: Args["replay"] = null;
  const r = get("replay");
  if (r !== undefined) {
    const [kind, seed] = r.split(":");
    if (!(KINDS as readonly string[]).includes(kind ?? "") || !Number.isSafeInteger(Number(seed))) {
      throw new Error(
        `--replay takes kind:seed, as printed for a failure (e.g. clean:1234567), not ${JSON.stringify(r)}`,
      );
    }
    replay = { kind: kind as Kind, seed: Number(seed) };
  }
  return {
    seed: int("seed", Math.floor(Math.random() * 2 ** 31)),
    runs: int("runs", 100_000),
    kinds,
    workers: Math.max(1, int("workers", Math.min(2, availableParallelism()))),
    deadline: Math.max(1, int("deadline", 60)),
    replay,
  };
}

/** Replays one case: its input, every problem, then fast-check's shrunk counterexample. */
function replay(kind: Kind, seed: number): number {
  const corpus = loadCorpus(CORPUS_DIR);
  const [text, options] = generate(kind, seed, corpus);
  console.log(`case ${kind}:${seed}`);
  console.log(`options: ${JSON.stringify(options)}`);
  console.log(`text (${text.length} UTF-16 units): ${JSON.stringify(text)}`);
  const problems = analysisProblems(text, options, { clone: structuredClone });
  if (problems.length === 0) {
    console.log("no problem: every invariant holds.");
    return 0;
  }
  for (const p of problems) console.log(`problem: ${p}`);
  const details = fc.check(
    fc.property(
      arbitraryFor(kind, corpus),
      analyzeOptions,
      (t, o) => analysisProblems(t, o, { clone: structuredClone }).length === 0,
    ),
    { seed, numRuns: 1 },
  );
  const shrunk = details.counterexample;
  if (shrunk !== null) {
    const [t, o] = shrunk;
    console.log(`\nshrunk to: ${JSON.stringify(t)}`);
    console.log(`with options: ${JSON.stringify(o)}`);
    for (const p of analysisProblems(t, o, { clone: structuredClone })) console.log(`problem: ${p}`);
  }
  return 1;
}

/** Splits `runs` over the kinds by WEIGHTS, at least one case each. */
function plan(args: Args): Job[] {
  const total = args.kinds.reduce((s, k) => s + WEIGHTS[k], 0);
  const jobs: Job[] = [];
  for (const kind of args.kinds) {
    const n = Math.max(1, Math.round((args.runs * WEIGHTS[kind]) / total));
    for (let i = 0; i < n; i++) jobs.push({ kind, seed: caseSeed(args.seed, kind, i) });
  }
  // Interleave kinds so progress lines show all of them moving.
  return jobs.sort((a, b) => a.seed - b.seed);
}

interface Tally {
  cases: number;
  failed: number;
  hung: number;
  mounts: number;
  errors: number;
  fixed: number;
}

async function run(args: Args): Promise<number> {
  const corpus = loadCorpus(CORPUS_DIR);
  if (args.kinds.includes("corpus") && corpus.length === 0) throw new Error(`no corpus files under ${CORPUS_DIR}`);
  const jobs = plan(args);
  console.log(
    `fuzzing analyze(): ${jobs.length.toLocaleString("en-US")} cases, seed ${args.seed}, ${args.workers} worker(s), ` +
      `kinds ${args.kinds.join(", ")}; hang deadline ${args.deadline} s`,
  );
  const tally = new Map<Kind, Tally>(
    args.kinds.map((k) => [k, { cases: 0, failed: 0, hung: 0, mounts: 0, errors: 0, fixed: 0 }]),
  );
  const failures: { kind: Kind; seed: number; problems: readonly string[] }[] = [];
  const hangs: { kind: Kind; seed: number; saved: string }[] = [];
  /** The slowest cases, slowest first: not failures, but where a pathology would show first. */
  const slowest: Outcome[] = [];
  const progress = new Int32Array(new SharedArrayBuffer(8 * args.workers));
  const savedDir = mkdtempSync(join(tmpdir(), "cmp-fuzz-"));
  const started = Date.now();
  const BATCH = 50;
  let next = 0;
  let done = 0;
  let lastReport = 0;

  const record = (o: Outcome) => {
    const t = tally.get(o.kind);
    if (t === undefined) return;
    t.cases++;
    done++;
    if (o.mounts) t.mounts++;
    if (o.error) t.errors++;
    if (o.fixed) t.fixed++;
    if (slowest.length < SLOWEST_KEPT || o.ms > (slowest[slowest.length - 1]?.ms ?? 0)) {
      slowest.push(o);
      slowest.sort((a, b) => b.ms - a.ms);
      slowest.length = Math.min(slowest.length, SLOWEST_KEPT);
    }
    if (o.problems.length > 0) {
      t.failed++;
      failures.push(o);
      console.log(`FAIL ${o.kind}:${o.seed}  ${o.problems[0]?.slice(0, 200) ?? ""}`);
    }
    if (Date.now() - lastReport > 10_000) {
      lastReport = Date.now();
      const rate = done / ((Date.now() - started) / 1000);
      console.log(
        `  ${done.toLocaleString("en-US")} / ${jobs.length.toLocaleString("en-US")} cases (${rate.toFixed(0)}/s), ${failures.length} failing`,
      );
    }
  };

  const lane = (slot: number): Promise<void> =>
    new Promise((resolveLane) => {
      let worker: Worker;
      let batch: Job[] = [];
      const finish = () => {
        clearInterval(watchdog);
        void worker.terminate().then(() => resolveLane());
      };
      const feed = () => {
        if (next >= jobs.length) return finish();
        batch = jobs.slice(next, next + BATCH);
        next += batch.length;
        worker.postMessage(batch);
      };
      const spawn = () => {
        let answered = false;
        worker = new Worker(BOOT, { eval: true, workerData: { progress, slot, self: import.meta.url } });
        worker.on("message", (outcomes: Outcome[]) => {
          answered = true;
          outcomes.forEach(record);
          feed();
        });
        worker.on("error", (e) => {
          if (!answered) {
            // Not the input's fault: the worker could not even run its first batch.
            console.error(`fuzz: a worker failed before its first case: ${e.stack ?? e.message}`);
            process.exit(3);
          }
          // Something escaped analyze() and the invariant checks alike: the whole batch counts as failing.
          for (const job of batch)
            record({
              ...job,
              problems: [`worker died: ${e.message}`],
              mounts: false,
              error: false,
              fixed: false,
              ms: 0,
              chars: 0,
            });
          spawn();
          feed();
        });
      };
      // Watchdog: a case running past the deadline is a hang; the rest of its batch is queued again.
      const watchdog = setInterval(() => {
        const since = Atomics.load(progress, slot * 2 + 1);
        if (since === 0 || Date.now() / 1000 - since < args.deadline) return;
        const seed = Atomics.load(progress, slot * 2);
        const hung = batch.find((j) => j.seed === seed);
        Atomics.store(progress, slot * 2 + 1, 0);
        worker.removeAllListeners();
        void worker.terminate();
        if (hung !== undefined) {
          const [text, options] = generate(hung.kind, hung.seed, corpus);
          const saved = join(savedDir, `${hung.kind}-${hung.seed}.json`);
          writeFileSync(saved, JSON.stringify({ text, options }));
          hangs.push({ ...hung, saved });
          const t = tally.get(hung.kind);
          if (t !== undefined) t.hung++;
          done++;
          console.log(`HANG ${hung.kind}:${hung.seed}  (${text.length} UTF-16 units, saved to ${saved})`);
        }
        jobs.push(...batch.filter((j) => j !== hung));
        spawn();
        feed();
      }, 1000);
      spawn();
      feed();
    });

  await Promise.all(Array.from({ length: args.workers }, (_, i) => lane(i)));

  const seconds = (Date.now() - started) / 1000;
  console.log(`\n${done.toLocaleString("en-US")} cases in ${seconds.toFixed(0)} s (seed ${args.seed})`);
  console.log("kind      cases     failed  hung  with mounts  with errors  fixed");
  for (const [kind, t] of tally) {
    const pad = (v: number, w: number) => v.toLocaleString("en-US").padStart(w);
    console.log(
      `${kind.padEnd(8)}${pad(t.cases, 7)}${pad(t.failed, 11)}${pad(t.hung, 6)}${pad(t.mounts, 13)}${pad(t.errors, 13)}${pad(t.fixed, 7)}`,
    );
  }
  console.log("slowest cases (analyze, fix, re-analysis):");
  for (const o of slowest)
    console.log(
      `  ${o.ms.toFixed(0).padStart(6)} ms  ${o.chars.toLocaleString("en-US").padStart(9)} chars  --replay ${o.kind}:${o.seed}`,
    );
  if (failures.length === 0 && hangs.length === 0) {
    console.log("every invariant held.");
    return 0;
  }
  // One line per kind of problem (numbers blurred), with a case to replay.
  const groups = new Map<string, { count: number; first: string }>();
  for (const f of failures) {
    const key = (f.problems[0] ?? "").replace(/\d+/g, "N").slice(0, 120);
    const g = groups.get(key);
    if (g === undefined) groups.set(key, { count: 1, first: `${f.kind}:${f.seed}` });
    else g.count++;
  }
  console.log(`\n${failures.length} failing case(s), ${hangs.length} hang(s):`);
  for (const [key, g] of groups)
    console.log(`  ${g.count} × ${key}\n      replay: npm run fuzz -- --replay ${g.first}`);
  for (const h of hangs) console.log(`  hang: ${h.kind}:${h.seed} (input in ${h.saved})`);
  return 1;
}

if (isMainThread) {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(2);
  }
  const code = args.replay !== null ? replay(args.replay.kind, args.replay.seed) : await run(args);
  process.exit(code);
} else {
  workerMain();
}
