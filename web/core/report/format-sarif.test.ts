import { describe, expect, it } from "vitest";
import { CLEAN_REPORT, SAMPLE_REPORT, SAMPLE_TEXT } from "./format-sample";
import { artifactUri, formatSarif, sarifLog } from "./format-sarif";
import { checkSarif } from "./format-sarif-check";

const options = {
  toolName: "cache-mount-playground",
  toolVersion: "1.2.3",
  informationUri: "https://example.test/play/",
  rules: [
    {
      id: "cross-platform-cache-collision",
      severity: "error" as const,
      summary: "One cache, two platforms.",
      description: "Because.",
      help: "Why.",
      helpMarkdown: "*Why.*",
    },
    {
      id: "cache-needs-locking",
      severity: "warning" as const,
      summary: "Needs a lock.",
      description: "Locks.",
      help: "Lock it.",
      helpMarkdown: "Lock it.",
    },
  ],
  rulePageUrl: (id: string) => `https://example.test/play/#rule/${id}`,
};
const files = [{ path: "./docker/Dockerfile", text: SAMPLE_TEXT, report: SAMPLE_REPORT }];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const log = sarifLog(files, options) as any;

describe("formatSarif", () => {
  it("keeps the SARIF 2.1.0 required structure", () => {
    expect(checkSarif(log)).toEqual([]);
    expect(checkSarif(sarifLog([{ ...files[0]!, report: CLEAN_REPORT }], options))).toEqual([]);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
  });

  it("lists every known rule with help text and a help URI to its page, then unknown ids found", () => {
    expect(log.runs[0].tool.driver.rules).toEqual([
      {
        id: "cross-platform-cache-collision",
        name: "CrossPlatformCacheCollision",
        shortDescription: { text: "One cache, two platforms." },
        fullDescription: { text: "Because." },
        help: {
          text: "Why.\n\nhttps://example.test/play/#rule/cross-platform-cache-collision",
          markdown: "*Why.*\n\n[Rule page](https://example.test/play/#rule/cross-platform-cache-collision)",
        },
        helpUri: "https://example.test/play/#rule/cross-platform-cache-collision",
        defaultConfiguration: { level: "error" },
        properties: { tags: ["dockerfile", "buildkit", "cache-mount"] },
      },
      expect.objectContaining({ id: "cache-needs-locking", defaultConfiguration: { level: "warning" } }),
      expect.objectContaining({ id: "unbuilt-stage-cache", defaultConfiguration: { level: "note" } }),
    ]);
    expect(log.runs[0].tool.driver).toMatchObject({
      name: "cache-mount-playground",
      version: "1.2.3",
      informationUri: "https://example.test/play/",
    });
  });

  it("resolves each finding to a result with its region, level and fix", () => {
    const results = log.runs[0].results;
    expect(
      results.map((r: { ruleId: string; ruleIndex: number; level: string }) => [r.ruleId, r.ruleIndex, r.level]),
    ).toEqual([
      ["unbuilt-stage-cache", 2, "note"],
      ["cross-platform-cache-collision", 0, "error"],
      ["cache-needs-locking", 1, "warning"],
    ]);
    expect(results[1]).toEqual({
      ruleId: "cross-platform-cache-collision",
      ruleIndex: 0,
      level: "error",
      message: { text: "linux/amd64 and linux/arm64 share //var/cache/apk: apk keeps one index per architecture." },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: "docker/Dockerfile" },
            region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 45 },
          },
        },
      ],
      properties: { platforms: ["linux/amd64", "linux/arm64"] },
      fixes: [
        {
          description: { text: "Make the id depend on the platform the RUN executes on" },
          artifactChanges: [
            {
              artifactLocation: { uri: "docker/Dockerfile" },
              replacements: [
                {
                  deletedRegion: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 1 },
                  insertedContent: { text: "ARG TARGETPLATFORM\n" },
                },
                {
                  deletedRegion: { startLine: 2, startColumn: 24, endLine: 2, endColumn: 24 },
                  insertedContent: { text: "id=${TARGETPLATFORM}/var/cache/apk," },
                },
              ],
            },
          ],
        },
      ],
    });
    expect(results[2].fixes[0].description.text).toBe("Use sharing=locked (suggested)");
    expect(results[2].fixes[0].artifactChanges[0].replacements[0].deletedRegion).toEqual({
      startLine: 4,
      startColumn: 47,
      endLine: 4,
      endColumn: 53,
    });
    expect(results[0].fixes).toBeUndefined();
  });

  it("prints the log as indented JSON with a final newline", () => {
    expect(formatSarif(files, options)).toBe(JSON.stringify(log, null, 2) + "\n");
  });

  it("resolves paths to URI references", () => {
    expect(artifactUri("Dockerfile")).toBe("Dockerfile");
    expect(artifactUri("./a b/Dockerfile#1")).toBe("a%20b/Dockerfile%231");
    expect(artifactUri("docker\\Dockerfile")).toBe("docker/Dockerfile");
    expect(artifactUri("/src/Dockerfile")).toBe("file:///src/Dockerfile");
    expect(artifactUri("C:\\src\\Dockerfile")).toBe("file:///C:/src/Dockerfile");
    expect(artifactUri(null)).toBe("stdin");
  });
});

describe("checkSarif", () => {
  it("flags missing required properties, bad levels, unknown properties and a wrong ruleIndex", () => {
    expect(
      checkSarif({
        version: "2.0.0",
        runs: [
          {
            tool: { driver: { rules: [{ id: "a" }] } },
            results: [
              {
                ruleId: "b",
                ruleIndex: 0,
                level: "info",
                message: {},
                locations: [{ physicalLocation: { region: { startLine: 0 } } }],
              },
              { message: { text: "x" }, fixes: [{ artifactChanges: [] }], extra: 1 },
            ],
          },
        ],
      }),
    ).toEqual([
      '/version: must be "2.1.0"',
      "/runs/0/tool/driver: missing required property name",
      "/runs/0/tool/driver/name: must be a string",
      "/runs/0/results/0/message: missing required property text",
      "/runs/0/results/0/level: must be one of none, note, warning, error",
      "/runs/0/results/0/ruleIndex: does not point at rule b",
      "/runs/0/results/0/locations/0/physicalLocation: needs artifactLocation or address",
      "/runs/0/results/0/locations/0/physicalLocation/region/startLine: must be an integer ≥ 1",
      "/runs/0/results/1/extra: not a property of result",
      "/runs/0/results/1/fixes/0/artifactChanges: needs at least 1 item(s)",
    ]);
  });
});
