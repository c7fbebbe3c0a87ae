import { describe, expect, it } from "vitest";
import { findingsOf } from "./test-support";

const ID = "relative-cache-target";
const ONE = { platforms: ["linux/amd64"] };

describe(ID, () => {
  it("flags a relative target without id and suggests the mount point as id", () => {
    const [f] = findingsOf(
      "FROM node:22\nWORKDIR /app\nRUN --mount=type=cache,target=.npm \\\n    npm ci --cache .npm\n",
      ONE,
      ID,
    );
    expect(f?.message).toBe(
      "`target=.npm` is relative and has no `id`: the id defaults to `.npm`, the target as written without WORKDIR, so every Dockerfile on the builder that mounts a relative `.npm` shares this cache. Set an explicit id, e.g. `id=/app/.npm` (where it is mounted).",
    );
    expect(f?.fix).toEqual({
      description: "Set `id=/app/.npm`.",
      safety: "suggested",
      edits: [{ start: 48, end: 48, text: ",id=/app/.npm" }],
    });
  });

  it("flags a mount without target, which defaults to WORKDIR and the id `.`", () => {
    const [f] = findingsOf("FROM alpine\nWORKDIR /app\nRUN --mount=type=cache true\n", ONE, ID);
    expect(f?.message).toBe(
      "This mount has no `target` and no `id`: it is mounted at WORKDIR, but its id defaults to `.`, so every Dockerfile on the builder that mounts a cache at its WORKDIR without an id shares this cache. Set an explicit id, e.g. `id=/app` (where it is mounted).",
    );
  });

  it("keeps absolute targets and explicit ids quiet", () => {
    expect(
      findingsOf(
        "FROM alpine\nWORKDIR /app\nRUN --mount=type=cache,id=npm,target=.npm true\nRUN --mount=type=cache,target=/app/.npm true\n",
        ONE,
        ID,
      ),
    ).toEqual([]);
  });
});
