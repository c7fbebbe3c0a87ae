/**
 * Pathological inputs, one test each (robustness issue): huge pastes, huge
 * counts, deep nesting, bytes no Dockerfile should hold, odd line endings,
 * things left open at the end of the file. analyze() must finish, keep every
 * invariant (invariants.ts) and say what BuildKit would say.
 *
 * Each input is analysed in its own worker thread under a watchdog: a hang or
 * a super-linear algorithm then fails its test with a message instead of
 * freezing the whole test run (a synchronous loop cannot be interrupted in
 * the test's own thread). The deadline is a hang guard, not a budget: budgets
 * are measured by `npm run bench`.
 */
import { fileURLToPath } from "node:url";
import { readdirSync, readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import type { AnalyzeOptions } from "../report/types";
import { inputLimitError } from "../limits";

const OPTIONS: AnalyzeOptions = { platforms: ["linux/amd64", "linux/arm64"] };
const DEADLINE_MS = 120_000;
const TIMEOUT = DEADLINE_MS + 30_000;
const MB = 1_000_000;

/** What the worker reports about one analysis (small: the Report itself can be huge). */
interface Summary {
  readonly problems: string[];
  /** Distinct platform errors, in order. */
  readonly errors: (string | null)[];
  readonly mounts: number;
  /** Cache key and target of the first platform's cell of the first and last mounts. */
  readonly first: string | null;
  readonly last: string | null;
  readonly collisions: number;
  readonly findings: number;
  readonly ruleIds: string[];
}

// Runs in the worker: loads the TypeScript core through tsx, then for each request checks the
// invariants and summarises.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { tsImport } = await import("tsx/esm/api");
  const { analyze } = await tsImport(workerData.analyze, workerData.parent);
  const { analysisProblems } = await tsImport(workerData.invariants, workerData.parent);
  const cell = (m) => (m && m.cells[0] ? m.cells[0].cacheKey + " at " + m.cells[0].target : null);
  parentPort.on("message", ({ text, options }) => {
    try {
      const problems = analysisProblems(text, options, { clone: structuredClone });
      const r = analyze(text, options);
      parentPort.postMessage({
        problems,
        errors: [...new Set(r.platforms.map((p) => p.error))],
        mounts: r.mounts.length,
        first: cell(r.mounts[0]),
        last: cell(r.mounts[r.mounts.length - 1]),
        collisions: r.collisions.length,
        findings: r.findings.length,
        ruleIds: [...new Set(r.findings.map((f) => f.ruleId))].sort(),
      });
    } catch (e) {
      parentPort.postMessage({ crash: String((e && e.stack) || e) });
    }
  });
  parentPort.postMessage("ready");
})().catch((e) => parentPort.postMessage({ crash: String((e && e.stack) || e) }));
`;

/** One worker for the whole file (loading the core takes a second); replaced after a hang. */
let current: Promise<Worker> | null = null;

function worker(): Promise<Worker> {
  current ??= new Promise<Worker>((resolve, reject) => {
    const w = new Worker(WORKER, {
      eval: true,
      workerData: {
        parent: import.meta.url,
        analyze: new URL("../analyze.ts", import.meta.url).href,
        invariants: new URL("./invariants.ts", import.meta.url).href,
      },
    });
    w.unref();
    w.once("message", (m: unknown) =>
      m === "ready" ? resolve(w) : reject(new Error(`the worker did not start: ${JSON.stringify(m)}`)),
    );
    w.once("error", reject);
  });
  return current;
}

async function analyzeIsolated(text: string, options: AnalyzeOptions = OPTIONS): Promise<Summary> {
  const w = await worker();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onMessage: ((m: Summary | { crash: string }) => void) | undefined;
  let onError: ((e: Error) => void) | undefined;
  try {
    const reply = await new Promise<Summary | { crash: string }>((resolve, reject) => {
      onMessage = resolve;
      onError = reject;
      w.once("message", onMessage);
      w.once("error", onError);
      timer = setTimeout(() => {
        // A synchronous loop only stops when its thread is terminated; the next test gets a fresh worker.
        current = null;
        void w.terminate();
        reject(new Error(`analyze did not finish within ${DEADLINE_MS / 1000} s: a hang or a super-linear algorithm`));
      }, DEADLINE_MS);
      w.postMessage({ text, options });
    });
    if ("crash" in reply) throw new Error(`analyze crashed in the worker: ${reply.crash}`);
    return reply;
  } finally {
    clearTimeout(timer);
    if (onMessage) w.off("message", onMessage);
    if (onError) w.off("error", onError);
  }
}

afterAll(async () => {
  const w = current;
  current = null;
  if (w) await (await w).terminate();
});

const corpusText = (() => {
  const dir = fileURLToPath(new URL("../../../../shared/corpus", import.meta.url));
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => readFileSync(`${dir}/${d.name}/Dockerfile`, "utf8"))
    .join("\n");
})();

/** The user is told about the playground's size limit when there is one, else the file is analysed. */
function analysedOrRefused(s: Summary, text: string, analysed: (s: Summary) => void): void {
  const limit = inputLimitError(text);
  expect(limit).not.toBeNull();
  if (s.errors.includes(limit)) expect(s).toMatchObject({ errors: [limit], mounts: 0, findings: 0 });
  else analysed(s);
}

describe("huge input", () => {
  it(
    "keeps every invariant on a 5 MB paste of real Dockerfiles, stopping where BuildKit stops",
    async () => {
      const text = Array<string>(Math.ceil((5 * MB) / corpusText.length))
        .fill(corpusText)
        .join("\n");
      const s = await analyzeIsolated(text);
      expect(s.problems).toEqual([]);
      // The corpus joined: its first file's `FROM ${BUILD_IMAGE}` stage is the first thing BuildKit rejects.
      analysedOrRefused(s, text, (a) => expect(a.errors).toEqual(["base name ($BUILD_IMAGE) should not be blank"]));
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on a 5 MB Dockerfile of 70,000 cache mounts",
    async () => {
      const run = (i: number) => `RUN --mount=type=cache,target=/root/.cache/${i % 100} go build ./...\n`;
      let text = "FROM golang:1.23\n";
      let n = 0;
      while (text.length < 5 * MB) text += run(n++);
      const s = await analyzeIsolated(text);
      expect(s.problems).toEqual([]);
      analysedOrRefused(s, text, (a) => expect(a).toMatchObject({ errors: [null], mounts: n }));
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on a 5 MB heredoc",
    async () => {
      const body = "echo 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n".repeat((5 * MB) / 70);
      const text = `FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk sh <<EOF\n${body}EOF\n`;
      const s = await analyzeIsolated(text);
      expect(s.problems).toEqual([]);
      analysedOrRefused(s, text, (a) =>
        expect(a).toMatchObject({ errors: [null], mounts: 1, first: "//var/cache/apk at /var/cache/apk" }),
      );
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on 100,000 lines",
    async () => {
      const block = ["ENV A=1", "# a comment", "RUN echo hi", "WORKDIR /src", ""].join("\n");
      const text = `FROM alpine\n${Array<string>(20_000).fill(block).join("\n")}\nRUN --mount=type=cache,id=last,target=/c true\n`;
      expect(text.split("\n").length).toBeGreaterThan(100_000);
      const s = await analyzeIsolated(text);
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "/last at /c" });
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on 10,000 cache mounts with distinct targets, one per RUN",
    async () => {
      const text = `FROM alpine\n${Array.from({ length: 10_000 }, (_, i) => `RUN --mount=type=cache,target=/c/${i} true\n`).join("")}`;
      const s = await analyzeIsolated(text);
      // Every mount collides across amd64 and arm64 with itself: 10,000 collisions, one finding each.
      expect(s).toMatchObject({
        problems: [],
        errors: [null],
        mounts: 10_000,
        first: "//c/0 at /c/0",
        last: "//c/9999 at /c/9999",
        collisions: 10_000,
      });
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on one cache id mounted at 10,000 different targets",
    async () => {
      const runs = Array.from({ length: 10_000 }, (_, i) => `RUN --mount=type=cache,id=shared,target=/c${i} true\n`);
      const s = await analyzeIsolated(`FROM alpine\n${runs.join("")}`);
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 10_000, last: "/shared at /c9999" });
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on 10,000 cache mounts that share one directory",
    async () => {
      const text = `FROM alpine\n${"RUN --mount=type=cache,target=/var/cache/apk apk add curl\n".repeat(10_000)}`;
      const s = await analyzeIsolated(text);
      expect(s).toMatchObject({
        problems: [],
        errors: [null],
        mounts: 10_000,
        last: "//var/cache/apk at /var/cache/apk",
        collisions: 1,
      });
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on one RUN with 10,000 mounts on continuation lines",
    async () => {
      const flags = Array.from({ length: 10_000 }, (_, i) => `  --mount=type=cache,id=c${i},target=/c/${i} \\\n`).join(
        "",
      );
      const s = await analyzeIsolated(`FROM alpine\nRUN \\\n${flags}  true\n`);
      expect(s).toMatchObject({
        problems: [],
        errors: [null],
        mounts: 10_000,
        first: "/c0 at /c/0",
        last: "/c9999 at /c/9999",
      });
    },
    TIMEOUT,
  );

  it(
    "flags a single 1 MB line with BuildKit's line-length error",
    async () => {
      const s = await analyzeIsolated(`FROM alpine\nRUN --mount=type=cache,target=/c echo ${"a".repeat(MB)}\n`);
      expect(s).toMatchObject({
        problems: [],
        errors: ["dockerfile line greater than max allowed size of 65535"],
        mounts: 0,
      });
    },
    TIMEOUT,
  );
});

describe("deep nesting", () => {
  it(
    "resolves a 1,000-deep ${a:-${b:-…}} to its innermost default",
    async () => {
      let id = "x";
      for (let i = 0; i < 1000; i++) id = `\${v${i}:-${id}}`;
      const s = await analyzeIsolated(`FROM alpine\nRUN --mount=type=cache,id=${id},target=/c true\n`);
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "/x at /c" });
    },
    TIMEOUT,
  );

  it(
    "flags a 12,000-deep nesting with BuildKit's line-length error (it cannot fit on one line)",
    async () => {
      let id = "x";
      for (let i = 0; i < 12_000; i++) id = `\${a:-${id}}`;
      const s = await analyzeIsolated(`FROM alpine\nRUN --mount=type=cache,id=${id},target=/c true\n`);
      expect(s).toMatchObject({
        problems: [],
        errors: ["dockerfile line greater than max allowed size of 65535"],
        mounts: 0,
      });
    },
    TIMEOUT,
  );

  it(
    "resolves a 10,000-stage FROM chain",
    async () => {
      const stages = Array.from({ length: 10_000 }, (_, i) => `FROM s${i} AS s${i + 1}\n`).join("");
      const s = await analyzeIsolated(`FROM alpine AS s0\n${stages}RUN --mount=type=cache,target=/c true\n`);
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "//c at /c" });
    },
    TIMEOUT,
  );

  it(
    "resolves a chain of 3,000 ARGs, each defined from the one before",
    async () => {
      const args = Array.from({ length: 3000 }, (_, i) => `ARG A${i + 1}=\${A${i}}y\n`).join("");
      const s = await analyzeIsolated(
        `FROM alpine\nARG A0=x\n${args}RUN --mount=type=cache,id=\${A3000},target=/c true\n`,
      );
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: `/x${"y".repeat(3000)} at /c` });
    },
    TIMEOUT,
  );
});

describe("odd bytes", () => {
  it(
    "keeps NUL bytes in a mount target, as BuildKit does",
    async () => {
      const s = await analyzeIsolated("FROM alpine\nRUN --mount=type=cache,target=/c\0d true\n");
      expect(s).toMatchObject({ problems: [], errors: [null], first: "//c\0d at /c\0d" });
    },
    TIMEOUT,
  );

  it(
    "flags a file of NUL bytes as an unknown instruction",
    async () => {
      const s = await analyzeIsolated("\0\0\0");
      expect(s).toMatchObject({
        problems: [],
        errors: ["dockerfile parse error on line 1: unknown instruction: \0\0\0"],
      });
    },
    TIMEOUT,
  );

  it(
    "reads lone UTF-16 surrogates as the U+FFFD their UTF-8 encoding holds, byte by byte in flags",
    async () => {
      // TextEncoder writes a lone surrogate as EF BF BD; BuildKit's flag splitter reads bytes as code points.
      const s = await analyzeIsolated("FROM alpine\nRUN --mount=type=cache,target=/c\uD800 true\n");
      expect(s).toMatchObject({ problems: [], errors: [null], first: "//c\u00ef\u00bf\u00bd at /c\u00ef\u00bf\u00bd" });
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on surrogates everywhere (ids, stage names, comments, instruction names)",
    async () => {
      const text =
        "\uDC00# \uD800\nFROM alpine AS \uD800\nRUN --mount=type=cache,id=\uDFFF\uD800,target=/c true\n\uD83D";
      const s = await analyzeIsolated(text);
      expect(s.problems).toEqual([]);
    },
    TIMEOUT,
  );
});

describe("line endings", () => {
  it(
    "reads a CR-only file as one line, as BuildKit does (it splits on \\n only)",
    async () => {
      const s = await analyzeIsolated("FROM alpine\rRUN --mount=type=cache,target=/c true\r");
      expect(s).toMatchObject({
        problems: [],
        errors: ["dockerfile parse error on line 1: FROM requires either one or three arguments"],
      });
    },
    TIMEOUT,
  );

  it(
    "keeps a lone CR inside a line: the RUN after it is part of the previous command",
    async () => {
      const s = await analyzeIsolated("FROM alpine\nRUN true\rRUN --mount=type=cache,target=/c true\n");
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 0 });
    },
    TIMEOUT,
  );

  it(
    "fixes a file that starts with a lone CR without breaking it (BuildKit reads CR as part of a line)",
    async () => {
      const s = await analyzeIsolated("\rFROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n");
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "//var/cache/apk at /var/cache/apk" });
    },
    TIMEOUT,
  );

  it(
    "resolves mixed CRLF and LF lines, with a CRLF continuation",
    async () => {
      const s = await analyzeIsolated(
        "FROM alpine\r\nRUN --mount=type=cache,target=/a true\nRUN --mount=type=cache,target=/b \\\r\n  true\r\n",
      );
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 2, first: "//a at /a", last: "//b at /b" });
    },
    TIMEOUT,
  );

  it(
    "drops a BOM at the start of the file, even before an escape directive",
    async () => {
      const s = await analyzeIsolated("\uFEFF# escape=`\nFROM alpine\nRUN --mount=type=cache,target=/c `\n true\n");
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "//c at /c" });
    },
    TIMEOUT,
  );

  it(
    "keeps a BOM anywhere else as text: BuildKit then sees an unknown instruction",
    async () => {
      const s = await analyzeIsolated("FROM alpine\n\uFEFFRUN --mount=type=cache,target=/c true\n");
      expect(s).toMatchObject({
        problems: [],
        errors: ["dockerfile parse error on line 2: unknown instruction: \uFEFFRUN (did you mean RUN?)"],
      });
    },
    TIMEOUT,
  );
});

describe("things left open at the end of the file", () => {
  it(
    "resolves a `\\` continuation at the very end of the file",
    async () => {
      const s = await analyzeIsolated("FROM alpine\nRUN --mount=type=cache,target=/c true \\");
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "//c at /c" });
    },
    TIMEOUT,
  );

  it(
    "resolves a backtick continuation at the very end of the file",
    async () => {
      const s = await analyzeIsolated("# escape=`\nFROM alpine\nRUN --mount=type=cache,target=/c `");
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "//c at /c" });
    },
    TIMEOUT,
  );

  it(
    "flags an unterminated heredoc",
    async () => {
      const s = await analyzeIsolated("FROM alpine\nRUN --mount=type=cache,target=/c <<EOF <<END\necho hi\nEOF\n");
      expect(s).toMatchObject({ problems: [], errors: ["unterminated heredoc"], mounts: 0 });
    },
    TIMEOUT,
  );

  it(
    "reads an unterminated quote in a flag to the end of the line",
    async () => {
      const s = await analyzeIsolated("FROM alpine\nRUN --mount='type=cache,target=/c true\n");
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1, first: "//c true at /c true" });
    },
    TIMEOUT,
  );

  it(
    "flags an unterminated ${ with BuildKit's message",
    async () => {
      const s = await analyzeIsolated("FROM alpine\nRUN --mount=type=cache,target=/c,id=${X true\n");
      expect(s).toMatchObject({
        problems: [],
        errors: ['failed to process "${X": unsupported modifier (\uFFFD) in substitution'],
      });
    },
    TIMEOUT,
  );

  it(
    "keeps every invariant on an unterminated JSON array",
    async () => {
      const s = await analyzeIsolated('FROM alpine\nRUN --mount=type=cache,target=/c ["sh", "-c\n');
      expect(s).toMatchObject({ problems: [], errors: [null], mounts: 1 });
    },
    TIMEOUT,
  );
});
