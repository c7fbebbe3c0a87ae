import { describe, expect, it } from "vitest";
import { findingsOf, runPipeline } from "./test-support";

const ID = "cache-needs-locking";
const ONE = { platforms: ["linux/amd64"] };

describe(ID, () => {
  it("flags apt's cache mounted private and replaces the mode", () => {
    const text = "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=private apt-get update\n";
    const [f] = findingsOf(text, ONE, ID);
    expect(f?.message).toBe(
      "apt needs exclusive access to its cache: apt's package and list file names carry the architecture, so sharing across platforms is correct, but apt and dpkg take exclusive locks: concurrent platforms fail with “Could not get lock” (moby/buildkit#1662). " +
        "Here with `sharing=private`, a build that finds the cache busy silently gets a fresh empty directory. Use `sharing=locked`. Evidence: `/var/cache/apt` is `/var/cache/apt` (apt).",
    );
    expect(runPipeline(text, ONE).fixed).toBe(
      "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\n",
    );
  });

  it("locks the other mounts of the same cache too, so the modes stay aligned", () => {
    const text =
      "FROM debian\nRUN --mount=type=cache,id=apt,target=/var/cache/apt apt-get update\nRUN --mount=type=cache,id=apt,target=/debs true\n";
    const [f, ...rest] = findingsOf(text, ONE, ID);
    expect(rest).toEqual([]);
    expect(f?.fix?.description).toBe("Use `sharing=locked` here and on line 3, which uses the same cache.");
    expect(runPipeline(text, ONE).fixed).toBe(
      "FROM debian\nRUN --mount=type=cache,sharing=locked,id=apt,target=/var/cache/apt apt-get update\nRUN --mount=type=cache,sharing=locked,id=apt/debs,target=/debs true\n",
    );
  });

  it("gives each flagged mount of one cache its own fix", () => {
    const text =
      "FROM debian\nRUN --mount=type=cache,id=apt,target=/var/cache/apt apt-get update\nRUN --mount=type=cache,id=apt,target=/var/cache/apt true\n";
    expect(findingsOf(text, ONE, ID).map((f) => f.fix?.description)).toEqual([
      "Use `sharing=locked`.",
      "Use `sharing=locked`.",
    ]);
  });

  it("keeps locked mounts and tools that cope with concurrency quiet", () => {
    const text =
      "FROM debian\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update\nRUN --mount=type=cache,target=/root/.cache/pip pip install x\n";
    expect(findingsOf(text, ONE, ID)).toEqual([]);
  });
});
