import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { codeSpan, diffLines, escapeMessage, escapeText, formatMarkdown, unifiedDiff } from "./format-markdown";
import type { Collision, Finding, MountCell, MountReport, PlatformResult, Report } from "./types";

const AMD = "linux/amd64";
const ARM = "linux/arm64";
const rulePageUrl = (id: string) => `https://cmp.example/#rule/${id}`;
const LINK =
  "https://cmp.example/#v1=q1ZKUbJScgvy91VIzCnIzEuNyQsK9VPQ1c3NL80rsS2pLEi1TU5MzkjVKUksSk8tsdWvUCgpKgUqU6oFAA";
const R = { startLine: 2, startColumn: 5, endLine: 2, endColumn: 45 };

function platform(requested: string, error: string | null = null): PlatformResult {
  return { requested, normalized: error ? null : requested, error, errorRange: null };
}

function cell(platformIndex: number, key: string, exec: string, built = true): MountCell {
  return {
    platformIndex,
    built,
    target: key.slice(1),
    id: key.slice(1),
    cacheKey: key,
    sharing: "locked",
    execPlatform: exec,
    hasBase: false,
    base: { kind: "none" },
    effectiveKey: key,
    variables: [],
    trace: [],
  };
}

function mount(index: number, line: number, stage: string | null, target: string, cells: MountCell[]): MountReport {
  return { index, line, stageIndex: 0, stage, range: R, writtenTarget: target, command: "true", cells };
}

function collision(
  key: string,
  cells: [number, number][],
  execPlatforms: string[],
  verdict: Collision["verdict"],
  tool?: string,
): Collision {
  return {
    effectiveKey: key,
    cacheKey: key,
    execPlatforms,
    cells: cells.map(([m, p]) => ({ mount: m, platformIndex: p })),
    verdict,
    catalogue: tool
      ? {
          tool,
          verdict,
          needsLocked: true,
          reason: tool === "pip" ? "wheels are tagged per platform." : "its index names the repository, not the `arch`",
          matchedBy: key,
        }
      : null,
  };
}

function finding(
  ruleId: string,
  severity: Finding["severity"],
  line: number,
  message: string,
  platforms: string[] = [],
): Finding {
  return {
    ruleId,
    severity,
    message,
    range: { ...R, startLine: line, endLine: line },
    platforms,
    mounts: [0],
    fix: null,
  };
}

function report(over: Partial<Report>): Report {
  return {
    schema: 1,
    buildPlatform: AMD,
    platforms: [platform(AMD), platform(ARM)],
    stages: [],
    target: null,
    mounts: [],
    collisions: [],
    findings: [],
    fixed: "",
    syntax: null,
    ...over,
  };
}

const APK_TEXT = [
  "FROM alpine:latest AS base",
  "RUN --mount=type=cache,sharing=locked,target=/var/cache/apk \\",
  "    apk add python3 py3-pip py3-wheel",
  "",
].join("\n");
const APK_FIXED = [
  "FROM alpine:latest AS base",
  "ARG TARGETPLATFORM",
  "RUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,sharing=locked,target=/var/cache/apk \\",
  "    apk add python3 py3-pip py3-wheel",
  "",
].join("\n");
const APK_REPORT = report({
  mounts: [mount(0, 2, "base", "/var/cache/apk", [cell(0, "//var/cache/apk", AMD), cell(1, "//var/cache/apk", ARM)])],
  collisions: [
    collision(
      "//var/cache/apk",
      [
        [0, 0],
        [0, 1],
      ],
      [AMD, ARM],
      "unsafe",
      "apk",
    ),
  ],
  findings: [
    finding(
      "cross-platform-cache-collision",
      "error",
      2,
      "`linux/amd64` and `linux/arm64` share the cache `//var/cache/apk`.",
      [AMD, ARM],
    ),
  ],
  fixed: APK_FIXED,
});

describe("formatMarkdown", () => {
  it("writes the summary, table, collision, findings, fix and link of the apk report", () => {
    expect(formatMarkdown(APK_REPORT, { text: APK_TEXT, link: LINK, rulePageUrl })).toBe(
      [
        "**Cache Mount Playground:** 1 cache mount × 2 platforms · ❌ 1 unsafe collision · 1 error, 0 warnings, 0 info",
        "",
        "| Mount | `linux/amd64` | `linux/arm64` |",
        "| --- | --- | --- |",
        "| line 2 · base · `/var/cache/apk` | `//var/cache/apk` ⚠️ **A** | `//var/cache/apk` ⚠️ **A** |",
        "",
        "- ⚠️ **A** `//var/cache/apk` is one directory for line 2 on linux/amd64, linux/arm64; unsafe for apk: its index names the repository, not the `arch`.",
        "",
        "**Findings**",
        "",
        "- ❌ **error** line 2 [cross-platform-cache-collision](https://cmp.example/#rule/cross-platform-cache-collision): `linux/amd64` and `linux/arm64` share the cache `//var/cache/apk`. *(linux/amd64, linux/arm64)*",
        "",
        "**Fix** (every safe fix applied)",
        "",
        "```diff",
        "--- a/Dockerfile",
        "+++ b/Dockerfile",
        "@@ -1,3 +1,4 @@",
        " FROM alpine:latest AS base",
        "-RUN --mount=type=cache,sharing=locked,target=/var/cache/apk \\",
        "+ARG TARGETPLATFORM",
        "+RUN --mount=type=cache,id=${TARGETPLATFORM}/var/cache/apk,sharing=locked,target=/var/cache/apk \\",
        "     apk add python3 py3-pip py3-wheel",
        "```",
        "",
        `[Open this in the Cache Mount Playground](${LINK})`,
        "",
      ].join("\n"),
    );
  });

  it("writes a clean report without findings, fix or link", () => {
    const clean = report({
      platforms: [platform(AMD)],
      mounts: [mount(0, 3, null, "/root/.cache", [cell(0, "//root/.cache", AMD)])],
      fixed: "FROM x\n",
    });
    expect(formatMarkdown(clean, { text: "FROM x\n", link: null, rulePageUrl })).toBe(
      [
        "**Cache Mount Playground:** 1 cache mount × 1 platform · no cross-platform collision · 0 errors, 0 warnings, 0 info",
        "",
        "| Mount | `linux/amd64` |",
        "| --- | --- |",
        "| line 3 · stage 0 · `/root/.cache` | `//root/.cache` |",
        "",
      ].join("\n"),
    );
  });

  it("says when there is no cache mount, and shows BuildKit's error per platform", () => {
    const failed = report({
      platforms: [platform(AMD), platform("linux/bogus|x", 'failed to parse platform "linux/bogus|x": <unknown>')],
    });
    expect(formatMarkdown(failed, { text: "", link: null, rulePageUrl })).toBe(
      [
        "**Cache Mount Playground:** 0 cache mounts × 2 platforms · no cross-platform collision · 0 errors, 0 warnings, 0 info · BuildKit fails on 1 platform",
        "",
        '- ❌ `linux/bogus|x`: BuildKit stops with failed to parse platform "linux/bogus\\|x": &lt;unknown&gt;',
        "",
        "No `RUN --mount=type=cache` in the stages built.",
        "",
      ].join("\n"),
    );
  });

  it("escapes user text so GitHub renders it as written", () => {
    const hostile = report({
      platforms: [platform(AMD), platform(ARM, "no match for platform in manifest")],
      mounts: [
        mount(0, 4, "a|b_<i>", "/c`ache|x", [cell(0, "/id ``tick``", AMD), cell(1, "x", ARM, false)]),
        mount(1, 9, "s", "/same", [cell(0, "/same", AMD), cell(1, "/same", AMD)]),
      ],
      collisions: [
        collision(
          "/same",
          [
            [1, 0],
            [1, 1],
          ],
          [AMD],
          "unknown",
        ),
      ],
      findings: [
        finding("undefined-variable-in-mount", "warning", 4, "ping @octocat about *this* & <b>that</b>\n[x](y) | ~z~"),
        finding("invalid-mount", "error", 9, "unbalanced ` backtick"),
      ],
      fixed: "FROM x\n",
    });
    expect(formatMarkdown(hostile, { text: "FROM x\n", link: "https://e.example/a b(c)#v1=x", rulePageUrl })).toBe(
      [
        "**Cache Mount Playground:** 2 cache mounts × 2 platforms · no cross-platform collision · 1 error, 1 warning, 0 info · BuildKit fails on 1 platform",
        "",
        "- ❌ `linux/arm64`: BuildKit stops with no match for platform in manifest",
        "",
        "| Mount | `linux/amd64` | `linux/arm64` ❌ |",
        "| --- | --- | --- |",
        "| line 4 · a\\|b\\_&lt;i&gt; · ``/c`ache\\|x`` | ``` /id ``tick`` ``` | — |",
        "| line 9 · s · `/same` | `/same` **A** | — |",
        "",
        "- **A** `/same` is one directory for line 9 on linux/amd64, linux/arm64; shared on purpose: every RUN executes on linux/amd64.",
        "",
        "**Findings**",
        "",
        "- ❌ **error** line 9 [invalid-mount](https://cmp.example/#rule/invalid-mount): unbalanced \\` backtick",
        "- ⚠️ **warning** line 4 [undefined-variable-in-mount](https://cmp.example/#rule/undefined-variable-in-mount): ping @\u2060octocat about \\*this\\* &amp; &lt;b&gt;that&lt;/b&gt;<br>\\[x\\](y) \\| \\~z\\~",
        "",
        "[Open this in the Cache Mount Playground](https://e.example/a%20b%28c%29#v1=x)",
        "",
      ].join("\n"),
    );
  });

  it("marks a safe shared cache and one to check, ending a reason's sentence once", () => {
    const shared = report({
      mounts: [
        mount(0, 3, "py", "/root/.cache/pip", [cell(0, "//root/.cache/pip", AMD), cell(1, "//root/.cache/pip", ARM)]),
        mount(1, 5, "py", "/data", [cell(0, "//data", AMD), cell(1, "//data", ARM)]),
      ],
      collisions: [
        collision(
          "//root/.cache/pip",
          [
            [0, 0],
            [0, 1],
          ],
          [AMD, ARM],
          "safe",
          "pip",
        ),
        collision(
          "//data",
          [
            [1, 0],
            [1, 1],
          ],
          [AMD, ARM],
          "unknown",
        ),
      ],
      fixed: "FROM x\n",
    });
    expect(formatMarkdown(shared, { text: "FROM x\n", link: null, rulePageUrl })).toBe(
      [
        "**Cache Mount Playground:** 2 cache mounts × 2 platforms · ⚠️ 1 collision to check · 1 safe shared cache · 0 errors, 0 warnings, 0 info",
        "",
        "| Mount | `linux/amd64` | `linux/arm64` |",
        "| --- | --- | --- |",
        "| line 3 · py · `/root/.cache/pip` | `//root/.cache/pip` **A** (safe) | `//root/.cache/pip` **A** (safe) |",
        "| line 5 · py · `/data` | `//data` ⚠️ **B** | `//data` ⚠️ **B** |",
        "",
        "- **A** (safe) `//root/.cache/pip` is one directory for line 3 on linux/amd64, linux/arm64; safe for pip: wheels are tagged per platform.",
        "- ⚠️ **B** `//data` is one directory for line 5 on linux/amd64, linux/arm64; check whether the tool copes.",
        "",
      ].join("\n"),
    );
  });

  it("drops the fix first to stay under the limit, and says so", () => {
    const full = formatMarkdown(APK_REPORT, { text: APK_TEXT, link: LINK, rulePageUrl });
    const limit = full.length - 1;
    const out = formatMarkdown(APK_REPORT, { text: APK_TEXT, link: LINK, rulePageUrl, maxLength: limit });
    expect(out.length).toBeLessThanOrEqual(limit);
    expect(out).not.toContain("```diff");
    expect(out).toContain("\n\n*The fix is left out to fit GitHub's comment limit; the playground shows it.*\n\n");
    expect(out).toContain("| line 2 · base ·");
    expect(out).toContain(LINK);
  });

  it("shortens the table next, with a note saying how many mounts are shown", () => {
    const mounts = Array.from({ length: 400 }, (_, i) =>
      mount(i, i + 2, "base", `/cache/${i}`, [cell(0, `//cache/${i}`, AMD), cell(1, `//cache/${i}`, ARM)]),
    );
    const big = report({ mounts, fixed: "FROM y\n" });
    const out = formatMarkdown(big, { text: "FROM x\n", link: LINK, rulePageUrl, maxLength: 10_000 });
    expect(out.length).toBeLessThanOrEqual(10_000);
    const rows = out.split("\n").filter((l) => l.startsWith("| line "));
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.length).toBeLessThan(400);
    expect(out).toContain(
      `*The table shows ${rows.length} of 400 cache mounts to fit GitHub's comment limit; the playground shows them all.*`,
    );
    expect(out).toContain("*The fix is left out");
    expect(out.endsWith(`[Open this in the Cache Mount Playground](${LINK})\n`)).toBe(true);
    // The most that fit: one more row would not.
    expect(formatMarkdown(big, { text: "FROM x\n", link: LINK, rulePageUrl, maxLength: out.length - 1 })).not.toContain(
      `shows ${rows.length} of 400`,
    );
  });

  it("then shortens the findings, then drops a link too long for any comment", () => {
    const findings = Array.from({ length: 300 }, (_, i) =>
      finding("cache-needs-locking", "warning", i + 1, `message ${i}`),
    );
    const longLink = `https://cmp.example/#v1=${"A".repeat(5000)}`;
    const out = formatMarkdown(report({ findings }), { text: "", link: longLink, rulePageUrl, maxLength: 4000 });
    expect(out.length).toBeLessThanOrEqual(4000);
    expect(out).toMatch(
      /- \*\d+ more findings are left out to fit GitHub's comment limit; the playground shows them all\.\*\n/,
    );
    expect(out).toContain(
      "*The playground link is left out: at 5,024 characters it does not fit in a GitHub comment.*\n",
    );
  });

  it("keeps the default limit at GitHub's 65,536 characters for a huge Dockerfile", () => {
    const text = Array.from({ length: 5000 }, (_, i) => `RUN echo ${i} ${"x".repeat(40)}`).join("\n");
    const fixed = text.replace(/echo/g, "printf");
    const mounts = Array.from({ length: 2000 }, (_, i) =>
      mount(i, i + 1, "s", `/c/${i}`, [cell(0, `//c/${i}`, AMD), cell(1, `//c/${i}`, ARM)]),
    );
    const out = formatMarkdown(report({ mounts, fixed }), { text, link: LINK, rulePageUrl });
    expect(out.length).toBeLessThanOrEqual(65_536);
    expect(out.length).toBeGreaterThan(60_000);
    expect(out).toContain("*The fix is left out");
  });
});

describe("escaping", () => {
  it("escapes Markdown, HTML and table syntax in running text", () => {
    expect(escapeText("a|b `c` *d* _e_ [f] <g> & ~h~ \\ @me")).toBe(
      "a\\|b \\`c\\` \\*d\\* \\_e\\_ \\[f\\] &lt;g&gt; &amp; \\~h\\~ \\\\ @\u2060me",
    );
  });

  it("picks a code span fence longer than any backtick run inside", () => {
    expect(codeSpan("a``b")).toBe("```a``b```");
    expect(codeSpan("`x")).toBe("`` `x ``");
    expect(codeSpan(" x ")).toBe("`  x  `");
    expect(codeSpan("a|b", true)).toBe("`a\\|b`");
    expect(codeSpan("a\nb\tc")).toBe("`a\u240ab\u2409c`");
    expect(codeSpan("")).toBe("*(empty)*");
  });

  it("keeps the backtick code of rule messages as code spans", () => {
    expect(escapeMessage("use `${TARGETPLATFORM}` in <id>")).toBe("use `${TARGETPLATFORM}` in &lt;id&gt;");
  });
});

describe("unifiedDiff", () => {
  it("writes separate hunks for changes more than 6 lines apart, with 3 lines of context", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join("\n") + "\n";
    const after = before
      .replace("line 2\n", "line 2 changed\n")
      .replace("line 18\n", "")
      .replace("line 20\n", "line 20\nline 21\n");
    expect(unifiedDiff(before, after)).toBe(
      [
        "--- a/Dockerfile",
        "+++ b/Dockerfile",
        "@@ -1,5 +1,5 @@",
        " line 1",
        "-line 2",
        "+line 2 changed",
        " line 3",
        " line 4",
        " line 5",
        "@@ -15,6 +15,6 @@",
        " line 15",
        " line 16",
        " line 17",
        "-line 18",
        " line 19",
        " line 20",
        "+line 21",
      ].join("\n"),
    );
  });

  it("counts an insertion into an empty file from line 0", () => {
    expect(unifiedDiff("", "FROM x\n")).toBe(
      ["--- a/Dockerfile", "+++ b/Dockerfile", "@@ -0,0 +1,1 @@", "+FROM x"].join("\n"),
    );
  });

  it("hides the CR of CRLF lines but still compares them", () => {
    expect(unifiedDiff("A\r\nB\r\n", "A\r\nC\r\n")).toBe(
      ["--- a/Dockerfile", "+++ b/Dockerfile", "@@ -1,2 +1,2 @@", " A", "-B", "+C"].join("\n"),
    );
  });

  it("turns a into b with a minimal number of changed lines", () => {
    const lines = fc.array(fc.constantFrom("a", "b", "c", "d"), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(ops.filter((o) => o.kind !== "+").map((o) => o.line)).toEqual(a);
        expect(ops.filter((o) => o.kind !== "-").map((o) => o.line)).toEqual(b);
        // Minimal: kept lines form a longest common subsequence.
        expect(ops.filter((o) => o.kind === " ").length).toBe(lcsLength(a, b));
      }),
    );
  });

  it("falls back to replacing the changed middle when the edit count passes the cap", () => {
    const ops = diffLines(["x", "a", "b", "y"], ["x", "c", "d", "y"], 1);
    expect(ops.map((o) => o.kind + o.line)).toEqual([" x", "-a", "-b", "+c", "+d", " y"]);
  });
});

function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j]!;
      row[j] = x === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1]!);
      diag = up;
    }
  }
  return row[b.length]!;
}
