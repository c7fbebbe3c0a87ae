/**
 * The fixer's invariants (design.md "Fix strategy"), as property tests over
 * the real-world corpus, every rule's examples and generated Dockerfiles,
 * across three platform sets:
 * - fix(fix(x)) == fix(x);
 * - re-analysing `fixed` shows no error-level finding that a safe fix addressed;
 * - `fixed` parses without any new BuildKit error;
 * - lines no edit touches are unchanged.
 */
import { fileURLToPath } from "node:url";
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { AnalyzeOptions, Finding, FixStyle, TextEdit } from "../report/types";
import { DOCUMENTED_RULES } from "../rules/docs";
import { runPipeline, type RuleRun } from "../rules/test-support";
import { LineIndex } from "../source";

const SETS: readonly (readonly string[])[] = [
  ["linux/amd64", "linux/arm64"],
  ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6"],
  ["linux/amd64", "linux/arm64", "linux/s390x", "linux/ppc64le", "linux/riscv64"],
];
const CORPUS = fileURLToPath(new URL("../../../../shared/corpus", import.meta.url));
const CORPUS_S3: AnalyzeOptions = {
  platforms: ["linux/arm64", "linux/s390x", "linux/ppc64le", "linux/riscv64", "linux/386"],
  buildPlatform: "linux/arm64",
};

/** Drops the line number BuildKit puts in parse errors (inserted ARG lines shift it). */
const withoutLine = (m: string): string => m.replace(/on line \d+/, "on line N");

/** Original lines that an edit changes in place (pure line insertions at a line start change none). */
function touchedLines(text: string, edits: readonly TextEdit[]): Set<number> {
  const lines = new LineIndex(text);
  const touched = new Set<number>();
  for (const e of edits) {
    const atLineStart = e.start === lines.lineStart(lines.lineOf(e.start));
    if (e.start === e.end && atLineStart && /(\r\n|\n)$/.test(e.text)) continue;
    for (let l = lines.lineOf(e.start); l <= lines.lineOf(e.end); l++) touched.add(l);
  }
  return touched;
}

function splitLines(text: string): string[] {
  return text.split(/\r\n|\n/);
}

export function invariantViolations(text: string, options: AnalyzeOptions): string[] {
  const problems: string[] = [];
  const first = runPipeline(text, options);
  const again = runPipeline(first.fixed, options);
  if (again.fixed !== first.fixed) problems.push(`not idempotent:\n${first.fixed}\n---\n${again.fixed}`);

  // Mount indexes survive the fix (it adds no mount), so a finding is named by its rule and the
  // mount it points at (or its message when it points at no mount).
  const key = (run: RuleRun, f: Finding): string => {
    const own = f.mounts.find((m) => {
      const r = run.resolution.mounts[m]?.range;
      return r !== undefined && r.startLine === f.range.startLine && r.startColumn === f.range.startColumn;
    });
    // Otherwise the mounts and the first code span (`$TARGETARCH`): the rest of the message
    // moves with the fix (line numbers, the option's new text).
    const subject = /`[^`]*`/.exec(f.message)?.[0] ?? withoutLine(f.message);
    return own !== undefined ? `${f.ruleId}:${own}` : `${f.ruleId}:${f.mounts.join(",")}:${subject}`;
  };
  const unfixed = new Set(first.findings.filter((f) => f.fix?.safety !== "safe").map((f) => key(first, f)));
  for (const f of again.findings) {
    if (f.severity === "error" && !unfixed.has(key(again, f)))
      problems.push(`error left after a safe fix: ${f.ruleId}: ${f.message}`);
  }

  const before = new Set(first.parsed.errors.map((e) => withoutLine(e.message)));
  for (const e of again.parsed.errors)
    if (!before.has(withoutLine(e.message))) problems.push(`new parse error: ${e.message}`);

  const safeEdits = first.findings.flatMap((f) => (f.fix?.safety === "safe" ? f.fix.edits : []));
  const touched = touchedLines(text, safeEdits);
  const fixedLines = splitLines(first.fixed);
  let at = 0;
  splitLines(text).forEach((line, i) => {
    if (touched.has(i + 1)) return;
    const found = fixedLines.indexOf(line, at);
    if (found < 0) problems.push(`line ${i + 1} changed without a fix: ${JSON.stringify(line)}`);
    else at = found + 1;
  });
  return problems;
}

describe("the fixer's invariants", () => {
  const corpus = readdirSync(CORPUS).filter((d) => !d.endsWith(".md"));

  it("holds them on every corpus Dockerfile and platform set", { timeout: 120_000 }, () => {
    expect(corpus.length).toBeGreaterThan(40);
    const problems: string[] = [];
    for (const d of corpus) {
      const text = readFileSync(`${CORPUS}/${d}/Dockerfile`, "utf8");
      for (const platforms of SETS) {
        for (const p of invariantViolations(text, { platforms })) problems.push(`${d} ${platforms.join(",")}: ${p}`);
      }
      // The corpus's own third set builds on arm64.
      for (const p of invariantViolations(text, CORPUS_S3)) problems.push(`${d} S3: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it("leaves no error-level unsafe collision in any fixed corpus Dockerfile", { timeout: 120_000 }, () => {
    const left: string[] = [];
    for (const d of corpus) {
      const text = readFileSync(`${CORPUS}/${d}/Dockerfile`, "utf8");
      for (const platforms of SETS) {
        const fixed = runPipeline(runPipeline(text, { platforms }).fixed, { platforms });
        for (const f of fixed.findings) {
          if (f.ruleId === "cross-platform-cache-collision" && f.severity === "error") left.push(`${d}: ${f.message}`);
        }
      }
    }
    expect(left).toEqual([]);
  });

  it("holds them on the gallery's examples", { timeout: 120_000 }, () => {
    const dir = new URL("../../examples/", import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith(".Dockerfile"));
    expect(files.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const f of files) {
      const text = readFileSync(new URL(f, dir), "utf8");
      for (const platforms of SETS)
        for (const p of invariantViolations(text, { platforms })) problems.push(`${f}: ${p}`);
    }
    expect(problems).toEqual([]);
  });

  it("holds them on every rule's examples, in every fix style", { timeout: 120_000 }, () => {
    const problems: string[] = [];
    for (const rule of DOCUMENTED_RULES) {
      for (const example of [rule.docs.bad, rule.docs.good]) {
        for (const platforms of SETS) {
          for (const fixStyle of ["TARGETPLATFORM", "TARGETARCH+TARGETVARIANT", "TARGETARCH"] as const) {
            const options = { ...example.options, platforms, fixStyle };
            for (const p of invariantViolations(example.dockerfile, options))
              problems.push(`${rule.id} ${platforms.join(",")} ${fixStyle}: ${p}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  // Found by `npm run fuzz` (scripts/fuzz.ts), shrunk: each broke fix(fix(x)) == fix(x).
  it.each([
    {
      why: "an id whose own variable tells some platforms apart once declared gets the prefix and the declaration in one pass",
      text: "FROM alpine:3.20\nARG TARGETPLATFORM=x\nRUN --mount=type=cache,target=${X}-mod,id=${TARGETOS} apk add curl\n",
      options: { platforms: ["darwin/arm64", "arm64", "linux/amd64"], fixStyle: "TARGETPLATFORM" },
    },
    {
      why: "a target suffix that would land one mount in another's platform-prefixed directory is not applied",
      text: "FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache,id=node_modules,sharing=shared --mount=type=cache,target=node_modules,id=${TARGETPLATFORM:-},sharing=shared apk add curl\n",
      options: { platforms: ["linux/amd64", "linux/arm64"], fixStyle: "TARGETPLATFORM" },
    },
    {
      why: "the same with the mounts in two RUNs and a child stage",
      text: "FROM alpine:3.20 AS base\nRUN --mount=type=cache,target=gomod,id=target apk add curl\nRUN --mount=type=cache,target=target,id=${TARGETPLATFORM:-} apk add curl\nFROM base\n",
      options: { platforms: ["linux/amd64", "linux/arm64"], fixStyle: "TARGETPLATFORM" },
    },
    {
      why: "a global ARG sets an automatic ARG from itself",
      text: "# escape=`\nARG TARGETARCH=${TARGETARCH}\nFROM alpine:3.20\nRUN --mount=type=cache,target=gomod,id=${TARGETARCH:+},sharing=shared,uid=0 apk add curl\nRUN --mount=type=cache,target=${TARGETPLATFORM:-x} apk add curl\n",
      options: { platforms: ["linux/amd64", "linux/arm64"] },
    },
    {
      why: "a stage ARG sets an automatic ARG from itself, and a target reads it",
      text: 'FROM alpine:3.20 AS final\nRUN --mount=type=cache,target=/root/.cache,sharing=shared apk add curl\nARG TARGETARCH=${TARGETARCH}\nRUN --mount=type=cache,target=${TARGETPLATFORM}-mod,sharing=shared apk add curl\nRUN --mount=type=cache,target=${TARGETARCH}-mod,id=${TARGETVARIANT}/cache,sharing=shared --mount="type=cache,target=gomod,id=${TARGETARCH},sharing=shared" apk add curl\nFROM alpine:3.20\n',
      options: { platforms: ["linux/amd64", "linux/arm64"], target: "final" },
    },
    {
      why: "an ARG sets one automatic ARG from another",
      text: 'FROM alpine:3.20 AS base\nARG TARGETPLATFORM=x\nRUN --mount=type=cache,target=gomod sh <<EOF\nEOF\nARG BUILDARCH=${TARGETARCH} TARGETARCH=x\nRUN --mount="type=cache,target=${BUILDARCH}/cache" --mount=type=cache,target=/root/.cache,id=/root/.cache apk add curl\nFROM alpine:3.20\nCOPY --from=base . /dst\n',
      options: { platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6"] },
    },
    {
      why: "an ARG after a RUN pins the automatic ARG it reads",
      text: "FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache,id=$TARGETARCH,sharing=shared --network=none apk add curl\nARG TARGETARCH=cache-$TARGETARCH TARGETPLATFORM=x\nRUN --mount=type=cache,target=${TARGETARCH},sharing=shared sh <<EOF\nEOF\n",
      options: {
        platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6"],
        fixStyle: "TARGETPLATFORM",
      },
    },
    {
      why: "an ENV sets an automatic ARG from itself and a target reads it",
      text: "FROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache,uid=0 apk add curl\nENV TARGETARCH $TARGETARCH\nRUN --mount=type=cache,target=go-${TARGETARCH},id=gomod --mount=type=cache,target=gomod,sharing=shared apk add curl\n",
      options: {
        platforms: ["linux/amd64", "linux/arm64"],
        buildArgs: { TARGETPLATFORM: "" },
        fixStyle: "TARGETPLATFORM",
      },
    },
    {
      why: "the first target kept would share its directory with an id another fix changes",
      text: "FROM --platform=$BUILDPLATFORM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache,id=/var/cache/apk --mount=type=cache,target=/usr/local/cargo/registry,id=/var/cache/apk apk add curl\nRUN --mount=type=cache,target=/var/cache/apk,id=${TARGETARCH:-} sh <<EOF\nEOF\n",
      options: { platforms: ["linux/amd64", "linux/arm64"] },
    },
    {
      why: "an undeclared ARG that would separate some platforms is also in the target",
      text: "FROM alpine:3.20\nARG TARGETPLATFORM=x\nRUN --mount=type=cache,target=${BUILDARCH}/cache,id=$TARGETOS,sharing=shared apk add curl\n",
      options: { platforms: ["linux/arm64/v8", "linux/amd64", "darwin/arm64"], buildPlatform: "linux/amd64" },
    },
    {
      why: "a child stage gets back the parent's ENV that the parent's ARG of the same name shadowed",
      text: 'FROM alpine:3.20 AS build\nENV TARGETARCH x\nARG TARGETARCH\nFROM build\nRUN --mount="type=cache,target=/root/.cache" --mount=type=cache,target=$TARGETARCH apk add curl\n',
      options: { platforms: ["linux/amd64", "linux/arm64"], fixStyle: "TARGETARCH" },
    },
    {
      why: "a global ARG's default reads an automatic ARG, so its value once declared differs per platform",
      text: "ARG TARGETPLATFORM=${TARGETARCH}\nFROM alpine:3.20\nRUN --mount=type=cache,target=/root/.cache,id=${TARGETPLATFORM:+} --mount=type=cache,target=${TARGETARCH:-}-mod,id=/root/.cache,from=base apk add curl\n",
      options: { platforms: ["linux/amd64", "linux/arm64"] },
    },
    {
      why: "an ENV pins TARGETARCH, so arm/v6 and arm/v7 share for the same reason as every other platform",
      text: "ARG TARGETPLATFORM=${TARGETARCH} TARGETARCH\nFROM alpine:3.20\nENV TARGETARCH x\nRUN --mount=type=cache,target=/root/.cache,id=${TARGETARCH},uid=0 --mount=type=cache,target=/root/.cache,id=gomod apk add curl\n",
      options: { platforms: ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v6"] },
    },
  ] satisfies { why: string; text: string; options: AnalyzeOptions }[])("holds them when $why", ({ text, options }) => {
    expect(invariantViolations(text, options)).toEqual([]);
  });

  it("does not take an ARG the parent shadowed for the child's value (the parent's ENV is applied again, §4)", () => {
    const text =
      "FROM alpine AS build\nENV TARGETARCH x\nARG TARGETARCH\nFROM build\nRUN --mount=type=cache,target=/c true\n";
    const { fixed } = runPipeline(text, { platforms: ["linux/amd64", "linux/arm64"], fixStyle: "TARGETARCH" });
    // `${TARGETARCH}` is `x` in the child on every platform: only the platform tells them apart.
    expect(fixed).toBe(
      "FROM alpine AS build\nENV TARGETARCH x\nARG TARGETARCH\nFROM build\nARG TARGETPLATFORM\nRUN --mount=type=cache,id=${TARGETPLATFORM}/c,target=/c true\n",
    );
  });

  it("keeps the chosen style when one mount's prefix fits only after another fix splits two targets", () => {
    const text =
      "FROM alpine\nRUN --mount=type=cache,id=x,target=/a true\nRUN --mount=type=cache,id=x,target=/b true\n";
    const { fixed } = runPipeline(text, { platforms: ["linux/amd64", "linux/arm64"], fixStyle: "TARGETPLATFORM" });
    expect(fixed).toBe(
      "FROM alpine\nARG TARGETPLATFORM\nRUN --mount=type=cache,id=${TARGETPLATFORM}/x,target=/a true\nRUN --mount=type=cache,id=${TARGETPLATFORM}/x/b,target=/b true\n",
    );
  });

  it("holds them on generated Dockerfiles", { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(
        dockerfile(),
        fc.constantFrom(...SETS),
        fc.constantFrom<FixStyle>("TARGETPLATFORM", "TARGETARCH+TARGETVARIANT", "TARGETARCH"),
        fc.constantFrom<Readonly<Record<string, string>>>(
          {},
          {},
          { BUILDKIT_CACHE_MOUNT_NS: "proj" },
          { TARGETARCH: "amd64" },
          { UNDEF: "u" },
        ),
        fc.constantFrom(undefined, "s0"),
        (text, platforms, fixStyle, buildArgs, target) => {
          const problems = invariantViolations(text, { platforms, fixStyle, buildArgs, target });
          if (problems.length > 0) throw new Error(`${JSON.stringify(text)}\n${problems.join("\n")}`);
        },
      ),
      { seed: Number(process.env.FC_SEED ?? 20240607), numRuns: Number(process.env.FC_RUNS ?? 300) },
    );
  });
});

// ---- generated Dockerfiles -------------------------------------------------

const IDS = [
  "",
  "id=x",
  "id=${TARGETARCH}",
  "id=apk-$TARGETARCH",
  "id=$TARGETPLATFORM",
  "id=$UNDEF",
  "id=",
  "id=c-${TARGETARCH}${TARGETVARIANT}",
  "id=$BUILDARCH",
  "id=${TARGETOS}",
  "id=${TARGETPLATFORM:-}",
];
const TARGETS = [
  "/var/cache/apk",
  "/var/cache/apt",
  "/root/.cache/pip",
  "/app/node_modules",
  "node_modules",
  "/cache",
  "/root/.cache/go-build",
  "target",
  "/usr/local/cargo/registry",
  "/my cache",
  "/cache/${TARGETARCH}",
  "c-${BUILDPLATFORM}",
];
const SHARING = ["", "sharing=shared", "sharing=private", "sharing=locked", "sharing=LOCKED"];
const EXTRAS = ["", "uid=1000", "from=s0", "mode=0700"];
const COMMANDS = ["apk add git", "apt-get update", "cargo build --release", "pip install x", "npm ci", "true"];
const FROMS = [
  "alpine:3.20",
  "debian:12",
  "--platform=$BUILDPLATFORM golang:1.23",
  "--platform=linux/s390x alpine",
  "scratch",
];
const BODY = [
  "ARG TARGETARCH",
  "ARG TARGETPLATFORM",
  "ARG TARGETVARIANT",
  "ARG TARGETARCH=amd64",
  "ENV X=1",
  "WORKDIR /app",
  "# a comment",
  "",
  "USER app",
];

interface MountSpecGen {
  id: string;
  target: string;
  sharing: string;
  extra: string;
  dst: boolean;
  typeFirst: boolean;
  quote: "none" | "double" | "single";
  breakAfterType: boolean;
}

const mountArb: fc.Arbitrary<MountSpecGen> = fc.record({
  id: fc.constantFrom(...IDS),
  target: fc.constantFrom(...TARGETS),
  sharing: fc.constantFrom(...SHARING),
  extra: fc.constantFrom(...EXTRAS),
  dst: fc.boolean(),
  typeFirst: fc.boolean(),
  quote: fc.constantFrom("none", "double", "single"),
  breakAfterType: fc.boolean(),
});

const runArb = fc.record({
  mounts: fc.array(mountArb, { minLength: 1, maxLength: 2 }),
  command: fc.constantFrom(...COMMANDS),
  heredoc: fc.boolean(),
  indent: fc.constantFrom("", "  "),
});

const stageArb = fc.record({
  from: fc.constantFrom(...FROMS),
  fromPrevious: fc.boolean(),
  body: fc.array(
    fc.oneof(
      fc.constantFrom(...BODY).map((line) => ({ line })),
      runArb.map((run) => ({ run })),
    ),
    { maxLength: 5 },
  ),
  copyFromPrevious: fc.boolean(),
});

function dockerfile(): fc.Arbitrary<string> {
  return fc
    .record({
      escape: fc.constantFrom("\\", "`"),
      eol: fc.constantFrom("\n", "\r\n"),
      trailingEol: fc.boolean(),
      globals: fc.array(fc.constantFrom("ARG TARGETARCH=amd64", "ARG V=1", "ARG BASE=alpine"), { maxLength: 2 }),
      stages: fc.array(stageArb, { minLength: 1, maxLength: 3 }),
    })
    .map(({ escape, eol, trailingEol, globals, stages }) => {
      const lines: string[] = [];
      if (escape === "`") lines.push("# escape=`");
      lines.push(...globals);
      stages.forEach((s, i) => {
        const from = i > 0 && s.fromPrevious ? `s${i - 1}` : s.from;
        lines.push(`FROM ${from} AS s${i}`);
        if (i > 0 && s.copyFromPrevious) lines.push(`COPY --from=s${i - 1} /x /x`);
        for (const b of s.body) {
          if ("line" in b) lines.push(b.line);
          else lines.push(...runLines(b.run, escape, eol));
        }
      });
      const text = lines.join(eol);
      return trailingEol ? text + eol : text;
    });
}

function runLines(
  run: { mounts: MountSpecGen[]; command: string; heredoc: boolean; indent: string },
  escape: string,
  eol: string,
): string[] {
  const flags = run.mounts.map((m) => {
    const fields = [
      m.typeFirst ? "type=cache" : "",
      m.id,
      `${m.dst ? "dst" : "target"}=${m.target}`,
      m.sharing,
      m.extra,
      m.typeFirst ? "" : "type=cache",
    ].filter((f) => f !== "");
    let value = fields.join(",");
    if (m.breakAfterType && m.quote === "none" && m.typeFirst)
      value = value.replace("type=cache,", `type=cache,${escape}${eol}`);
    if (m.quote === "double") value = `"${value}"`;
    else if (m.quote === "single") value = `'${value}'`;
    else if (m.target.includes(" ")) value = value.replace("/my cache", `/my${escape} cache`);
    return `--mount=${value}`;
  });
  const head = `${run.indent}RUN ${flags.join(` ${escape}${eol}${run.indent}    `)}`;
  if (run.heredoc) return [`${head} <<EOF`, run.command, "EOF"];
  return [`${head} ${escape}`, `${run.indent}    ${run.command}`];
}
