import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, formatGithub } from "./format-github";
import { CLEAN_REPORT, SAMPLE_REPORT, SAMPLE_TEXT } from "./format-sample";

describe("formatGithub", () => {
  it("prints one workflow command per finding, info as notice, in source order", () => {
    expect(formatGithub([{ path: "./docker/Dockerfile", text: SAMPLE_TEXT, report: SAMPLE_REPORT }])).toBe(
      [
        "::notice file=docker/Dockerfile,line=1,col=1,endLine=1,endColumn=20,title=unbuilt-stage-cache::Stage base is built.",
        "::error file=docker/Dockerfile,line=2,col=5,endLine=2,endColumn=45,title=cross-platform-cache-collision::linux/amd64 and linux/arm64 share //var/cache/apk: apk keeps one index per architecture.",
        "::warning file=docker/Dockerfile,line=4,col=5,endLine=4,endColumn=53,title=cache-needs-locking::100%25 of writers need a lock:%0Ause sharing=locked, not shared",
        "",
      ].join("\n"),
    );
  });

  it("escapes , and : in the file property and leaves the file out for standard input", () => {
    const out = formatGithub([
      {
        path: "a,b:c\\Dockerfile",
        text: SAMPLE_TEXT,
        report: { ...SAMPLE_REPORT, findings: [SAMPLE_REPORT.findings[1]!] },
      },
      { path: null, text: SAMPLE_TEXT, report: { ...SAMPLE_REPORT, findings: [SAMPLE_REPORT.findings[1]!] } },
    ]);
    expect(out).toBe(
      "::notice file=a%2Cb%3Ac/Dockerfile,line=1,col=1,endLine=1,endColumn=20,title=unbuilt-stage-cache::Stage base is built.\n" +
        "::notice line=1,col=1,endLine=1,endColumn=20,title=unbuilt-stage-cache::Stage base is built.\n",
    );
  });

  it("prints nothing when there is nothing to report", () => {
    expect(formatGithub([{ path: "Dockerfile", text: SAMPLE_TEXT, report: CLEAN_REPORT }])).toBe("");
  });

  it("escapes data and properties as @actions/core does", () => {
    expect(escapeData("50%\r\nok: a,b")).toBe("50%25%0D%0Aok: a,b");
    expect(escapeProperty("50%\r\nok: a,b")).toBe("50%25%0D%0Aok%3A a%2Cb");
  });
});
