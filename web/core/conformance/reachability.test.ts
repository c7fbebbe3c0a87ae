/** Stages, the target and what it reaches (convert.go toDispatchState, allReachableStages, initOnBuildTriggers). */
import { describe, expect, it } from "vitest";
import { A, cache, error, keys, run } from "./helpers";

describe("the target", () => {
  it("is matched case-insensitively", () => {
    const r = run(`FROM busybox AS Build\n${cache("target=/b")}\nFROM busybox`, A, { target: "BUILD" });
    expect(keys(r)).toEqual([["//b"]]);
    expect(r.report.target).toBe("build");
  });
  it("suggests a close stage name", () => {
    expect(error(run("FROM busybox AS build\nRUN true\nFROM busybox", A, { target: "biuld" }))).toBe(
      'target stage "biuld" could not be found (did you mean build?)',
    );
  });
  it("defaults to the last stage", () => {
    const r = run(`FROM busybox AS a\n${cache("target=/a")}\nFROM busybox AS b\n${cache("target=/b")}`);
    expect(keys(r)).toEqual([["//b"]]);
    expect(r.report.stages.map((s) => s.built)).toEqual([false, true]);
  });
});

describe("duplicate stage names", () => {
  it("takes the latest earlier definition for FROM", () => {
    const r = run(
      `FROM busybox AS x\n${cache("id=first,target=/c")}\nFROM busybox AS x\n${cache("id=second,target=/c")}\nFROM x AS final`,
    );
    expect(keys(r)).toEqual([["/second"]]);
  });
});

describe("COPY --from", () => {
  it("reaches a stage by index", () => {
    expect(keys(run(`FROM busybox\n${cache("target=/zero")}\nFROM busybox\nCOPY --from=0 /a /a`))).toEqual([
      ["//zero"],
    ]);
  });
  it("rejects an index out of range", () => {
    expect(error(run("FROM busybox\nCOPY --from=5 /x /x"))).toBe("invalid stage index 5");
  });
  it("rejects variables", () => {
    expect(error(run("FROM busybox\nCOPY --from=$X /x /x"))).toBe(
      "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround",
    );
  });
  it("rejects a stage defined later", () => {
    expect(error(run("FROM busybox AS a\nCOPY --from=b /x /x\nFROM busybox AS b\nFROM a"))).toBe(
      'cannot copy from stage "b", it needs to be defined before current stage "a"',
    );
  });
});

describe("unreachable stages", () => {
  it("still expand their FROM line", () => {
    expect(error(run("FROM ${BAD:?x} AS u\nFROM busybox"))).toBe('failed to process "${BAD:?x}": BAD: x');
  });
  it("still parse their references", () => {
    expect(error(run("FROM busybox AS u\nCOPY --from=Alpine /a /a\nFROM busybox"))).toBe(
      'failed to parse stage name "Alpine": invalid reference format: repository name (library/Alpine) must be lowercase',
    );
  });
  it("get unbuilt cells that say why", () => {
    const r = run(`FROM busybox AS u\n${cache("target=/u")}\nFROM busybox AS final`);
    const cell = r.report.mounts[0]?.cells[0];
    expect(cell?.built).toBe(false);
    expect(cell?.trace[0]?.text).toBe(
      "Stage `u` is not built for target `final` on linux/amd64: nothing the target needs reaches it, so BuildKit never evaluates this mount.",
    );
  });
});

describe("ONBUILD", () => {
  const text = `FROM busybox AS base\nONBUILD RUN --mount=type=cache,target=/x true\n${cache("target=/b")}\nFROM base AS c1\nFROM base`;
  it("runs a trigger's cache mount in the stages built FROM it, at their FROM line", () => {
    const r = run(text);
    expect(r.json.results[0]?.mounts.map((m) => `${m.line} ${m.cacheKey} ${m.stage}`)).toEqual([
      "3 //b base",
      "5 //x null",
    ]);
  });
  it("reaches the stages a trigger copies from", () => {
    const r = run(
      `FROM busybox AS dep\n${cache("target=/dep")}\nFROM busybox AS base\nONBUILD COPY --from=dep /a /a\nFROM base`,
    );
    expect(keys(r)).toEqual([["//dep"]]);
  });
});

describe("mount sources", () => {
  it("parse image references of from=", () => {
    expect(error(run(`FROM busybox\n${cache("from=Alpine,target=/d")}`))).toBe(
      'failed to parse stage name "Alpine": invalid reference format: repository name (library/Alpine) must be lowercase',
    );
  });
  it("give an image from= a base", () => {
    expect(run(`FROM busybox\n${cache("from=alpine:3,target=/c")}`).json.results[0]?.mounts[0]?.hasBase).toBe(true);
  });
  it("give no base from an empty stage unless uid/gid/mode add one", () => {
    const r = run(
      "FROM scratch AS e\nFROM busybox\nRUN --mount=type=cache,from=e,target=/c --mount=type=cache,from=e,target=/d,uid=1 true",
    );
    expect(r.json.results[0]?.mounts.map((m) => m.hasBase)).toEqual([false, true]);
  });
  it("make a stage named scratch defined later an error for plain cache mounts", () => {
    expect(
      error(run("FROM busybox AS a\nRUN --mount=type=cache,target=/c true\nFROM busybox AS scratch\nFROM a")),
    ).toBe('cannot mount from stage "scratch" to "/c", stage needs to be defined before current command');
  });
});

describe("ONBUILD triggers that do not parse", () => {
  it("fail at the child's FROM when the child is built", () => {
    const text = "FROM busybox AS base\nONBUILD RUN --mount=type=cache,target=/x --bogus true\nFROM base";
    const r = run(text);
    expect(r.json.results[0]?.error).toBe("unknown flag: --bogus");
    expect(r.report.platforms[0]?.errorRange?.startLine).toBe(3);
  });
  it("are harmless when no stage is built FROM them", () => {
    expect(
      error(run("FROM busybox AS base\nONBUILD RUN --mount=type=cache,target=/x --bogus true\nFROM busybox")),
    ).toBeNull();
  });
});
