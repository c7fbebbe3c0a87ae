import { describe, expect, it } from "vitest";
import { findingsOf, runPipeline } from "./test-support";

const ID = "id-shared-across-targets";
const ONE = { platforms: ["linux/amd64"] };
const TWO_TOOLS =
  "FROM python:3.12\nRUN --mount=type=cache,id=deps,target=/root/.cache/pip pip install -r requirements.txt\nRUN --mount=type=cache,id=deps,target=/root/.npm npm ci\n";

describe(ID, () => {
  it("flags one id mounted for two tools, on both mounts", () => {
    const findings = findingsOf(TWO_TOOLS, ONE, ID);
    expect(findings.map((f) => f.message)).toEqual([
      "The cache `deps` (key `/deps`) is mounted at `/root/.cache/pip` (line 2) and `/root/.npm` (line 3): one directory for what look like different tools, so each sees and overwrites the other's files. Give the mounts at other targets their own ids (this one keeps `deps`).",
      "The cache `deps` (key `/deps`) is mounted at `/root/.cache/pip` (line 2) and `/root/.npm` (line 3): one directory for what look like different tools, so each sees and overwrites the other's files. Give this mount its own id: `id=deps/root/.npm`.",
    ]);
    expect(findings.map((f) => f.fix?.safety ?? null)).toEqual([null, "safe"]);
  });

  it("resolves the fix by suffixing the second id with its target", () => {
    expect(runPipeline(TWO_TOOLS, ONE).fixed).toBe(
      "FROM python:3.12\nRUN --mount=type=cache,id=deps,target=/root/.cache/pip pip install -r requirements.txt\nRUN --mount=type=cache,id=deps/root/.npm,target=/root/.npm npm ci\n",
    );
  });

  it("gives a relative target in another WORKDIR the id of where it is mounted", () => {
    const text =
      "FROM node:22 AS web\nWORKDIR /web\nRUN --mount=type=cache,target=node_modules npm ci\nFROM node:22 AS api\nWORKDIR /api\nRUN --mount=type=cache,target=node_modules npm ci\nFROM scratch\nCOPY --from=web /x /x\nCOPY --from=api /y /y\n";
    expect(runPipeline(text, ONE).fixed).toBe(
      text.replace(
        "target=node_modules npm ci\nFROM scratch",
        "id=/api/node_modules,target=node_modules npm ci\nFROM scratch",
      ),
    );
  });

  it("keeps one id used at one target quiet", () => {
    const text =
      "FROM golang\nRUN --mount=type=cache,id=mod,target=/go/pkg/mod go mod download\nRUN --mount=type=cache,id=mod,target=/go/pkg/mod go build\n";
    expect(findingsOf(text, ONE, ID)).toEqual([]);
  });
});
