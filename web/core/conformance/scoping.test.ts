/** ARG / ENV / WORKDIR scoping at a RUN (convert.go dispatchArg, dispatchEnv, dispatchWorkdir, init). */
import { describe, expect, it } from "vitest";
import { A, cache, df, error, keys, lintMessages, run } from "./helpers";

describe("ENV", () => {
  it("expands every word of one ENV against the environment before the line", () => {
    expect(keys(run(df(`ENV A=1\nENV A=2 B=$A\n${cache("id=$B,target=/c")}`)))).toEqual([["/1"]]);
  });
  it("keeps quotes for the expander (ARG and ENV values are raw words)", () => {
    const r = run(df(`ARG X="a b" Y='$X'\nENV Z="q $X" W=$Y\n${cache("id=$X.$Y.$Z.$W,target=/c")}`));
    expect(keys(r)).toEqual([["/a b.$X.q a b.$X"]]);
  });
  it("stops on an expansion error in ENV", () => {
    expect(error(run(df(`ENV A=\${B:?noB}\n${cache("target=/c")}`)))).toBe('failed to process "${B:?noB}": B: noB');
  });
});

describe("ARG in stages", () => {
  it("keeps the inherited value for a valueless ARG in a child", () => {
    expect(keys(run(`FROM busybox AS p\nARG X=p\nFROM p\nARG X\n${cache("id=$X,target=/c")}`))).toEqual([["/p"]]);
  });
  it("gives the build-arg to a valueless ARG", () => {
    expect(keys(run(df(`ARG X\n${cache("id=$X,target=/c")}`), A, { buildArgs: { X: "b" } }))).toEqual([["/b"]]);
  });
  it("ignores a build-arg that no ARG declares", () => {
    expect(keys(run(df(cache("id=x$Y,target=/c")), A, { buildArgs: { Y: "b" } }))).toEqual([["/x"]]);
  });
  it("keeps BUILDKIT_SBOM_SCAN_* out of the environment", () => {
    expect(
      keys(run(df(`ARG BUILDKIT_SBOM_SCAN_STAGE=true\n${cache("id=x$BUILDKIT_SBOM_SCAN_STAGE,target=/c")}`))),
    ).toEqual([["/x"]]);
  });
});

describe("UndefinedVar", () => {
  it("suggests a close name from the environment", () => {
    expect(lintMessages(run(df(`ENV FOO=1\n${cache("id=$FOOO,target=/c")}`)))).toEqual([
      "UndefinedVar: Usage of undefined variable '$FOOO' (did you mean $FOO?)",
    ]);
  });
  it("is silent for a declared but valueless ARG", () => {
    const r = run(df(`ARG N\n${cache("id=x$N,target=/c")}`));
    expect(keys(r)).toEqual([["/x"]]);
    expect(lintMessages(r)).toEqual([]);
  });
  it("flags an ARG default that reads the ARG being declared", () => {
    expect(lintMessages(run(df(`ARG X=$X\n${cache("id=a$X,target=/c")}`)))).toEqual([
      "UndefinedVar: Usage of undefined variable '$X'",
    ]);
  });
  it("is off with check=skip=UndefinedVar", () => {
    expect(lintMessages(run(`# check=skip=UndefinedVar\nFROM busybox\n${cache("id=$NOPE,target=/c")}`))).toEqual([]);
  });
  it("reports a lint only once per name per word", () => {
    expect(lintMessages(run(df(cache("id=$U-$U,target=/c"))))).toEqual([
      "UndefinedVar: Usage of undefined variable '$U'",
    ]);
  });
});

describe("WORKDIR", () => {
  it("joins relative WORKDIRs and relative targets", () => {
    const r = run(df("WORKDIR /a\nWORKDIR b\nRUN --mount=type=cache,target=x --mount=type=cache,target=../y true"));
    expect(r.json.results[0]?.mounts.map((m) => `${m.target} ${m.cacheKey}`)).toEqual(["/a/b/x /x", "/a/y /../y"]);
  });
  it("expands WORKDIR with the stage environment", () => {
    const r = run(df(`ENV D=/srv\nWORKDIR $D/app\n${cache("target=cache")}`));
    expect(r.json.results[0]?.mounts[0]?.target).toBe("/srv/app/cache");
  });
  it("is inherited by a child stage", () => {
    const r = run(`FROM busybox AS p\nWORKDIR /w\nFROM p\n${cache("target=c")}`);
    expect(r.json.results[0]?.mounts[0]?.target).toBe("/w/c");
  });
  it("rejects a relative target that lands on /", () => {
    expect(error(run(df(`WORKDIR /\n${cache("target=.")}`)))).toBe('invalid mount target "/"');
  });
});

describe("global ARGs", () => {
  it("expand FROM lines, including automatic ARGs", () => {
    const r = run(`ARG BASE=busybox\nFROM \${BASE} AS b\nARG TARGETARCH\n${cache("id=$TARGETARCH,target=/c")}`, [
      "linux/arm64",
    ]);
    expect(keys(r)).toEqual([["/arm64"]]);
  });
  it("stop on an expansion error in a global default", () => {
    expect(error(run(`ARG X="\${Y:?need Y}"\nFROM busybox\n${cache("target=/c")}`))).toBe(
      'failed to process "\\"${Y:?need Y}\\"": Y: need Y',
    );
  });
  it("take a build-arg even without a default", () => {
    expect(keys(run(`ARG X\nFROM busybox\nARG X\n${cache("id=$X,target=/c")}`, A, { buildArgs: { X: "ba" } }))).toEqual(
      [["/ba"]],
    );
  });
  it("flag a blank base name", () => {
    expect(error(run("ARG BASE_IMAGE\nFROM $BASE_IMAGE\nRUN true"))).toBe(
      "base name ($BASE_IMAGE) should not be blank",
    );
  });
});
