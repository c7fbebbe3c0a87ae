/**
 * The 65 test vectors of buildkit-semantics.md §8, one `describe` each.
 * Conventions as in the spec: `df()` adds `FROM busybox` to a snippet with no
 * FROM, `cache(o)` is `RUN --mount=type=cache,o true`, A = linux/amd64,
 * AR = linux/amd64 + linux/arm64.
 */
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../parse/index";
import { A, AR, cache, df, error, errors, keys, lintMessages, run, shared } from "./helpers";

const GOLANG_ENV = {
  golang: ["PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GOPATH=/go"],
};

describe("vector 1: default id is the cleaned target", () => {
  it("resolves //root/.cache on both platforms, one shared directory", () => {
    const r = run(df(cache("target=/root/.cache")), AR);
    expect(keys(r)).toEqual([["//root/.cache"], ["//root/.cache"]]);
    expect(shared(r.report.mounts[0])).toBe(true);
  });
  it("cleans //, trailing / before defaulting", () => {
    const r = run(df(cache("target=/root//.cache/")), AR);
    expect(keys(r)).toEqual([["//root/.cache"], ["//root/.cache"]]);
    expect(r.json.results[0]?.mounts[0]?.target).toBe("/root//.cache/");
  });
});

describe("vector 2: relative targets", () => {
  it("resolves the id without WORKDIR and mounts under it", () => {
    const r = run(df(`WORKDIR /app\n${cache("target=./node_modules/")}\n${cache("target=cache")}`));
    expect(keys(r)).toEqual([["/node_modules", "/cache"]]);
    expect(r.json.results[0]?.mounts.map((m) => m.target)).toEqual(["/app/node_modules", "/app/cache"]);
  });
});

describe("vector 3: explicit id", () => {
  it("resolves /gomod on both platforms, shared", () => {
    const r = run(df(cache("id=gomod,target=/go/pkg/mod")), AR);
    expect(keys(r)).toEqual([["/gomod"], ["/gomod"]]);
    expect(shared(r.report.mounts[0])).toBe(true);
  });
});

describe("vector 4: BUILDKIT_CACHE_MOUNT_NS", () => {
  const body = `${cache("target=/root/.cache")}\n${cache("id=x,target=/y")}`;
  it("prefixes the namespace from the build-arg", () => {
    const r = run(df(body), A, { buildArgs: { BUILDKIT_CACHE_MOUNT_NS: "proj" } });
    expect(keys(r)).toEqual([["proj//root/.cache", "proj/x"]]);
  });
  it("ignores ARG BUILDKIT_CACHE_MOUNT_NS in the Dockerfile", () => {
    const r = run(`ARG BUILDKIT_CACHE_MOUNT_NS=foo\nFROM busybox\nARG BUILDKIT_CACHE_MOUNT_NS=foo\n${body}`);
    expect(keys(r)).toEqual([["//root/.cache", "/x"]]);
  });
});

describe("vector 5: declared TARGETARCH", () => {
  it("resolves one id per architecture", () => {
    const r = run(df(`ARG TARGETARCH\n${cache("id=go-$TARGETARCH,target=/root/.cache")}`), AR);
    expect(keys(r)).toEqual([["/go-amd64"], ["/go-arm64"]]);
    expect(shared(r.report.mounts[0])).toBe(false);
  });
});

describe("vector 6: undeclared TARGETARCH", () => {
  it("expands to empty, shares the directory and warns", () => {
    const r = run(df(cache("id=go-$TARGETARCH,target=/root/.cache")), AR);
    expect(keys(r)).toEqual([["/go-"], ["/go-"]]);
    expect(shared(r.report.mounts[0])).toBe(true);
    expect(lintMessages(r)).toEqual(["UndefinedVar: Usage of undefined variable '$TARGETARCH'"]);
    const trace = r.report.mounts[0]?.cells[0]?.trace ?? [];
    expect(trace.find((s) => s.kind === "undeclared-platform-arg")?.text).toBe(
      "`TARGETARCH` is an automatic platform ARG, but it is not declared in stage `stage-0` (add `ARG TARGETARCH`), so it expands to empty.",
    );
  });
});

describe("vector 7: an id that expands to empty", () => {
  it("falls back to the cleaned target", () => {
    const r = run(df(cache("id=$TARGETARCH,target=/cache")), AR);
    expect(keys(r)).toEqual([["//cache"], ["//cache"]]);
    expect(shared(r.report.mounts[0])).toBe(true);
  });
});

describe("vector 8: TARGETPLATFORM is normalized", () => {
  it("resolves the normalized platform strings", () => {
    const r = run(df(`ARG TARGETPLATFORM\n${cache("id=apk-${TARGETPLATFORM},target=/var/cache/apk")}`), [
      "linux/amd64",
      "linux/arm",
      "linux/arm64/v8",
      "linux/arm/v6",
    ]);
    expect(keys(r)).toEqual([["/apk-linux/amd64"], ["/apk-linux/arm/v7"], ["/apk-linux/arm64"], ["/apk-linux/arm/v6"]]);
  });
});

describe("vector 9: TARGETVARIANT with :+", () => {
  it("adds the variant only when there is one", () => {
    const r = run(
      df(
        `ARG TARGETARCH\nARG TARGETVARIANT\n${cache("id=c-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}},target=/c")}`,
      ),
      ["linux/amd64", "linux/arm/v6", "linux/arm64", "linux/arm/v7"],
    );
    expect(keys(r)).toEqual([["/c-amd64"], ["/c-arm-v6"], ["/c-arm64"], ["/c-arm-v7"]]);
  });
});

describe("vector 10: automatic ARGs are set even when empty", () => {
  it("distinguishes - from :- and + from :+", () => {
    const r = run(
      df(
        `ARG TARGETVARIANT\n${cache("id=a${TARGETVARIANT-x},target=/a")}\n${cache("id=b${TARGETVARIANT:-x},target=/b")}\n${cache("id=c${TARGETVARIANT+set},target=/c")}`,
      ),
    );
    expect(keys(r)).toEqual([["/a", "/bx", "/cset"]]);
  });
});

describe("vector 11: a global ARG is not seen in a stage", () => {
  it("expands to empty with UndefinedVar", () => {
    const r = run("ARG V=1\nFROM busybox\nRUN --mount=type=cache,id=c-$V,target=/c true");
    expect(keys(r)).toEqual([["/c-"]]);
    expect(lintMessages(r)).toEqual(["UndefinedVar: Usage of undefined variable '$V'"]);
  });
});

describe("vector 12: redeclared global ARG", () => {
  const text = "ARG V=1\nFROM busybox\nARG V\nRUN --mount=type=cache,id=c-$V,target=/c true";
  it("takes the global value", () => {
    expect(keys(run(text))).toEqual([["/c-1"]]);
  });
  it("takes the build-arg over it", () => {
    expect(keys(run(text, A, { buildArgs: { V: "2" } }))).toEqual([["/c-2"]]);
  });
});

describe("vector 13: stage ARG defaults expand against the stage", () => {
  it("does not see non-redeclared globals", () => {
    expect(keys(run(`ARG A=x\nFROM busybox\nARG B=\${A}-y\n${cache("id=$B,target=/c")}`))).toEqual([["/-y"]]);
  });
});

describe("vector 14: ARGs are inherited by child stages", () => {
  it("resolves the parent's per-platform value", () => {
    const r = run(
      "FROM busybox AS base\nARG TARGETARCH\nARG CID=base-$TARGETARCH\nFROM base\nRUN --mount=type=cache,id=$CID,target=/c true",
      AR,
    );
    expect(keys(r)).toEqual([["/base-amd64"], ["/base-arm64"]]);
  });
});

describe("vector 15: ENV in mount options", () => {
  it("resolves /foo", () => {
    expect(keys(run(df(`ENV CID=foo\n${cache("id=$CID,target=/c")}`)))).toEqual([["/foo"]]);
  });
});

describe("vector 16: base image ENV", () => {
  it("resolves GOPATH from the image", () => {
    const r = run(`FROM golang\n${cache("target=$GOPATH/pkg/mod")}`, A, {}, { imageEnv: GOLANG_ENV });
    expect(keys(r)).toEqual([["//go/pkg/mod"]]);
  });
  it("has no GOPATH with the corpus's ENV-less images", () => {
    expect(keys(run(`FROM golang\n${cache("target=$GOPATH/pkg/mod")}`))).toEqual([["//pkg/mod"]]);
  });
});

describe("vector 17: ENV and ARG, last writer wins", () => {
  it("resolves the ARG after an ENV", () => {
    expect(keys(run(df(`ENV X=env\nARG X=arg\n${cache("id=$X,target=/c")}`)))).toEqual([["/arg"]]);
  });
  it("resolves the ENV after an ARG, also with a build-arg", () => {
    const text = df(`ARG X=arg\nENV X=env\n${cache("id=$X,target=/c")}`);
    expect(keys(run(text))).toEqual([["/env"]]);
    expect(keys(run(text, A, { buildArgs: { X: "ba" } }))).toEqual([["/env"]]);
  });
});

describe("vector 18: a build-arg needs an ARG", () => {
  it("expands to empty without ARG FOO", () => {
    const r = run(df(cache("id=c-$FOO,target=/c")), A, { buildArgs: { FOO: "x" } });
    expect(keys(r)).toEqual([["/c-"]]);
    expect(lintMessages(r)).toEqual(["UndefinedVar: Usage of undefined variable '$FOO'"]);
  });
});

describe("vector 19: ARG X=1 then ARG X", () => {
  it("re-fetches the global", () => {
    expect(keys(run(`ARG FOO=g\nFROM busybox\nARG FOO=1\nARG FOO\n${cache("id=c-$FOO,target=/c")}`))).toEqual([
      ["/c-g"],
    ]);
  });
  it("keeps 1 without a global", () => {
    expect(keys(run(`FROM busybox\nARG FOO=1\nARG FOO\n${cache("id=c-$FOO,target=/c")}`))).toEqual([["/c-1"]]);
  });
});

describe("vector 20: a build-arg overrides one automatic ARG", () => {
  it("keeps TARGETPLATFORM", () => {
    const r = run(df(`ARG TARGETARCH\nARG TARGETPLATFORM\n${cache("id=$TARGETARCH-$TARGETPLATFORM,target=/c")}`), AR, {
      buildArgs: { TARGETARCH: "foo" },
    });
    expect(keys(r)).toEqual([["/foo-linux/amd64"], ["/foo-linux/arm64"]]);
  });
});

describe("vector 21: global ARG defaults see automatic ARGs", () => {
  it("resolves per platform", () => {
    const r = run(`ARG CID=cache-$TARGETARCH\nFROM busybox\nARG CID\n${cache("id=$CID,target=/c")}`, AR);
    expect(keys(r)).toEqual([["/cache-amd64"], ["/cache-arm64"]]);
  });
});

describe("vector 22: global ARGs in order", () => {
  const text = `ARG B=\${A}-y\nARG A=x\nARG C=\${A}-z\nFROM busybox\nARG B\nARG C\n${cache("id=$B.$C,target=/c")}`;
  it("expands each default against the globals so far", () => {
    expect(keys(run(text))).toEqual([["/-y.x-z"]]);
  });
  it("uses the build-arg for A in C, not in B (declared before A)", () => {
    expect(keys(run(text, A, { buildArgs: { A: "q" } }))).toEqual([["/-y.q-z"]]);
  });
});

describe("vector 23: empty and valueless ARGs", () => {
  it("defines E but not N", () => {
    expect(keys(run(df(`ARG E=\nARG N\n${cache("id=e${E+set}n${N+set},target=/c")}`)))).toEqual([["/esetn"]]);
  });
});

describe("vector 24: ${FOO:?} in an ARG default", () => {
  const text = df(`ARG FOO\nARG BAR=\${FOO:?foo-missing}\n${cache("id=$BAR,target=/c")}`);
  it("stops with BuildKit's error", () => {
    expect(error(run(text))).toBe('failed to process "${FOO:?foo-missing}": FOO: foo-missing');
  });
  it("does not evaluate the default when a build-arg is given", () => {
    expect(keys(run(text, A, { buildArgs: { BAR: "123" } }))).toEqual([["/123"]]);
  });
});

describe("vector 25: sharing values", () => {
  it("rejects lock with a suggestion", () => {
    expect(error(run(df(cache("target=/c,sharing=lock"))))).toBe(
      'unsupported sharing value "lock" (did you mean locked?)',
    );
  });
  it("accepts LOCKED", () => {
    expect(run(df(cache("target=/c,sharing=LOCKED"))).json.results[0]?.mounts[0]?.sharing).toBe("locked");
  });
});

describe("vector 26: mount types", () => {
  it("rejects cahce with a suggestion", () => {
    expect(error(run(df("RUN --mount=type=cahce,target=/c true")))).toBe(
      'unsupported mount type "cahce" (did you mean cache?)',
    );
  });
  it("lower-cases keys and type, keeps the id's case", () => {
    expect(keys(run(df("RUN --mount=TYPE=CACHE,Target=/c,ID=Foo true")))).toEqual([["/Foo"]]);
  });
});

describe("vector 27: unknown keys", () => {
  it("suggests target", () => {
    expect(error(run(df("RUN --mount=type=cache,targt=/c true")))).toBe(
      "unexpected key 'targt' in 'targt=/c' (did you mean target?)",
    );
  });
});

describe("vector 28: keys checked against the type seen so far", () => {
  it("checks size before type", () => {
    expect(error(run(df("RUN --mount=size=1G,type=cache,target=/c true")))).toBe(
      "unexpected key 'size' for mount type 'bind'",
    );
  });
  it("rejects size and required on cache", () => {
    expect(error(run(df("RUN --mount=type=cache,size=1G,target=/c true")))).toBe(
      "unexpected key 'size' for mount type 'cache'",
    );
    expect(error(run(df("RUN --mount=type=cache,target=/c,required true")))).toBe(
      "unexpected key 'required' for mount type 'cache'",
    );
  });
});

describe("vector 29: invalid values", () => {
  it.each([
    ["mode=0o755", "invalid value 0o755 for mode"],
    ["uid=abc", "invalid value abc for uid"],
    ["uid=4294967296", "invalid value 4294967296 for uid"],
    ["ro=yes", "invalid value for ro: yes"],
  ])("flags %s", (opt, message) => {
    expect(error(run(df(cache(`target=/c,${opt}`))))).toBe(message);
  });
});

describe("vector 30: continuation inside a flag", () => {
  it("ends the flag at the continuation line's indentation", () => {
    expect(error(run(df("RUN --mount=type=cache,\\\n    target=/c true")))).toBe(
      "invalid field '' must be a key=value pair",
    );
  });
  it("joins an unindented continuation", () => {
    expect(keys(run(df("RUN --mount=type=cache,\\\ntarget=/c true")))).toEqual([["//c"]]);
  });
});

describe("vector 31: the root as target", () => {
  it("rejects target=/", () => {
    expect(error(run(df(cache("target=/"))))).toBe('invalid mount target "/"');
  });
  it("rejects a missing target without WORKDIR", () => {
    expect(error(run(df("RUN --mount=type=cache true")))).toBe('invalid mount target "/"');
  });
  it("mounts a missing target on WORKDIR with key /.", () => {
    const r = run(df("WORKDIR /app\nRUN --mount=type=cache true"));
    expect(keys(r)).toEqual([["/."]]);
    expect(r.json.results[0]?.mounts[0]?.target).toBe("/app");
  });
});

describe("vector 32: options of other types", () => {
  it("rejects sharing on a bind mount", () => {
    expect(error(run(df("RUN --mount=target=/c,sharing=locked true")))).toBe(
      "invalid cache sharing set for bind mount",
    );
  });
  it("rejects uid on a bind mount", () => {
    expect(error(run(df("RUN --mount=type=bind,target=/c,uid=1 true")))).toBe('uid not allowed for "bind" type mounts');
  });
});

describe("vector 33: parse-time flag errors", () => {
  it.each([
    ["RUN --mount type=cache,target=/c true", "dockerfile parse error on line 2: missing a value on flag: --mount"],
    ["RUN --mount= true", "dockerfile parse error on line 2: failed to parse csv mounts: EOF"],
    [
      "RUN --Mount=type=cache,target=/c true",
      "dockerfile parse error on line 2: unknown flag: --Mount (did you mean mount?)",
    ],
  ])("flags %s", (line, message) => {
    expect(error(run(df(line)))).toBe(message);
  });
});

describe("vector 34: from= with a variable", () => {
  const message =
    "dockerfile parse error on line 4: 'from' doesn't support variable expansion, define alias stage instead";
  it("is a parse error", () => {
    expect(
      error(run("FROM busybox AS test\nFROM busybox\nENV ttt=test\nRUN --mount=from=$ttt,type=cache,target=/tmp ls")),
    ).toBe(message);
  });
  it("fires in an unreachable stage too", () => {
    expect(
      error(
        run(
          "FROM busybox AS test\nFROM busybox AS unused\nENV ttt=test\nRUN --mount=from=$ttt,type=cache,target=/tmp ls\nFROM busybox",
        ),
      ),
    ).toBe(message);
  });
});

describe("vector 35: from= ordering", () => {
  it("rejects a later stage", () => {
    expect(
      error(run("FROM busybox AS a\nRUN --mount=type=cache,from=b,target=/x true\nFROM busybox AS b\nFROM a")),
    ).toBe('cannot mount from stage "b" to "/x", stage needs to be defined before current command');
  });
  it("rejects the stage itself", () => {
    expect(error(run("FROM busybox AS a\nRUN --mount=type=cache,from=a,target=/x true"))).toBe(
      "circular dependency detected on stage: a",
    );
  });
});

describe("vector 36: unreachable stages are not dispatched", () => {
  const text =
    "FROM busybox AS unused\nRUN --mount=type=cahce,target=/c true\nFROM busybox\nRUN --mount=type=cache,target=/d true";
  it("resolves only the default target's mount", () => {
    const r = run(text);
    expect(keys(r)).toEqual([["//d"]]);
    expect(r.report.mounts.map((m) => m.cells[0]?.built)).toEqual([true]);
  });
  it("flags the type with --target unused", () => {
    expect(error(run(text, A, { target: "unused" }))).toBe('unsupported mount type "cahce" (did you mean cache?)');
  });
  it("flags the type with --check (all stages dispatched)", () => {
    expect(error(run(text, A, {}, { allStages: true }))).toBe('unsupported mount type "cahce" (did you mean cache?)');
  });
});

describe("vector 37: ${V:?} in mount options", () => {
  it.each([
    ["id=${NEED:?need},target=/c", 'failed to process "${NEED:?need}": NEED: need'],
    ["id=${NEED?},target=/c", 'failed to process "${NEED?}": NEED: is not allowed to be unset'],
  ])("flags %s", (opts, message) => {
    expect(error(run(df(cache(opts))))).toBe(message);
  });
  it("splits an unquoted space out of the flag", () => {
    expect(error(run(df("RUN --mount=type=cache,id=${NEED:?set NEED},target=/c true")))).toBe(
      "failed to process \"${NEED:?set\": syntax error: missing '}'",
    );
  });
});

describe("vector 38: CSV fields are not trimmed", () => {
  it("rejects ' target'", () => {
    expect(error(run(df('RUN --mount="type=cache, target=/c" true')))).toBe(
      "unexpected key ' target' in ' target=/c' (did you mean target?)",
    );
  });
});

describe("vector 39: a bare quote in a CSV field", () => {
  it("is a parse error with the byte column", () => {
    expect(error(run(df('RUN --mount=type=cache,target=/c,id=a\\"b true')))).toBe(
      'dockerfile parse error on line 2: failed to parse csv mounts: parse error on line 1, column 26: bare " in non-quoted-field',
    );
  });
});

describe("vector 40: commas", () => {
  it("keeps a quoted CSV field whole", () => {
    expect(keys(run(df(`RUN --mount='type=cache,"id=a,b",target=/c' true`)))).toEqual([["/a,b"]]);
  });
  it("adds no field for a comma from a variable", () => {
    expect(keys(run(df(`ARG X=a,b\n${cache("id=$X,target=/c")}`)))).toEqual([["/a,b"]]);
  });
});

describe("vector 41: quotes and escapes survive the flag splitter differently", () => {
  it.each([
    ["id='$X',target=/c", "/val"],
    ["id=\\$X,target=/c", "/val"],
    ["id=\\\\$X,target=/c", "/$X"],
    ["id=\\'$X\\',target=/c", "/$X"],
    ['target="/my cache"', "//my cache"],
    ["target=/my\\ cache", "//my cache"],
  ])("resolves %s", (opts, key) => {
    expect(keys(run(df(`ARG X=val\n${cache(opts)}`)))).toEqual([[key]]);
  });
});

describe("vector 42: prefix and suffix removal", () => {
  it.each([
    ["${P##*/}", "/cache.d"],
    ["${P#*/}", "/usr/local/share/cache.d"],
    ["${P%/*}", "//usr/local/share"],
    ["${P%%/s*}", "//usr/local"],
  ])("resolves %s", (id, key) => {
    expect(keys(run(df(`ARG P=/usr/local/share/cache.d\n${cache(`id=${id},target=/c`)}`)))).toEqual([[key]]);
  });
});

describe("vector 43: replacement", () => {
  it.each([
    ["c-${TARGETPLATFORM//\\\\//-}", "/c-linux-arm-v7"],
    ["c-${TARGETPLATFORM//\\//-}", "/c-/-l/-i/-n/-u/-x/-//-a/-r/-m/-//-v/-7/-"],
    ["${TARGETPLATFORM/linux/l}", "/l/arm/v7"],
  ])("resolves %s", (id, key) => {
    expect(keys(run(df(`ARG TARGETPLATFORM\n${cache(`id=${id},target=/c`)}`), ["linux/arm/v7"]))).toEqual([[key]]);
  });
});

describe("vector 44: odd expansions", () => {
  it("flags ${}", () => {
    expect(error(run(df(cache("id=${},target=/c"))))).toBe('failed to process "${}": syntax error: bad substitution');
  });
  it("expands special parameters to empty", () => {
    expect(keys(run(df(cache("id=a$1b$$c$@d,target=/c"))))).toEqual([["/abcd"]]);
  });
  it("keeps a $ before another character", () => {
    expect(keys(run(df(cache("id=a$.b$,target=/c"))))).toEqual([["/a$.b$"]]);
  });
  it("flags :#", () => {
    expect(error(run(df(`ARG S=1\n${cache("id=${S:#x},target=/c")}`)))).toBe(
      'failed to process "${S:#x}": unsupported modifier (:#) in substitution',
    );
  });
});

describe("vector 45: later duplicate keys win", () => {
  it("resolves /y at /b", () => {
    const r = run(df(cache("target=/a,target=/b,id=x,id=y")));
    expect(keys(r)).toEqual([["/y"]]);
    expect(r.json.results[0]?.mounts[0]?.target).toBe("/b");
  });
});

describe("vector 46: one id twice in a RUN", () => {
  it("resolves both to /s", () => {
    const r = run(df("RUN --mount=type=cache,id=s,target=/a --mount=type=cache,id=s,target=/b,sharing=private true"));
    expect(keys(r)).toEqual([["/s", "/s"]]);
    expect(r.json.results[0]?.mounts.map((m) => m.sharing)).toEqual(["shared", "private"]);
  });
});

describe("vector 47: heredoc bodies are not instructions", () => {
  it("resolves only the RUN's own mount", () => {
    const r = run(df("RUN --mount=type=cache,target=/foo <<EOF\nRUN --mount=type=cache,target=/notreal true\nEOF"));
    expect(keys(r)).toEqual([["//foo"]]);
  });
});

describe("vector 48: comments and blank lines inside a continuation", () => {
  it("resolves both mounts and warns", () => {
    const text = df("RUN --mount=type=cache,target=/a \\\n# c\n\n    --mount=type=cache,target=/b \\\n  # c\n    true");
    const r = run(text);
    expect(keys(r)).toEqual([["//a", "//b"]]);
    expect(parseDockerfile(text).warnings.map((w) => w.rule)).toContain("NoEmptyContinuation");
  });
});

describe("vector 49: backtick escape", () => {
  const pre = "# escape=`\nFROM busybox\nARG X=v\n";
  it.each([
    ["id=\\$X", "/\\v"],
    ["id=`$X", "/v"],
    ["id=``$X", "/$X"],
  ])("resolves %s", (opt, key) => {
    expect(keys(run(`${pre}${cache(`${opt},target=/c`)}`))).toEqual([[key]]);
  });
});

describe("vector 50: what is a flag", () => {
  it("stops flags at --", () => {
    expect(keys(run(df("RUN --mount=type=cache,target=/a -- --mount=type=cache,target=/b")))).toEqual([["//a"]]);
  });
  it("ignores --mount after the command starts or in quotes", () => {
    expect(keys(run(df("RUN echo --mount=type=cache,target=/a")))).toEqual([[]]);
    expect(keys(run(df('RUN "--mount=type=cache,target=/a" true')))).toEqual([[]]);
  });
});

describe("vector 51: from= bases per platform", () => {
  const tail = "RUN mkdir /seed\nFROM busybox\nRUN --mount=type=cache,from=deps,source=/seed,target=/c true";
  it("gives different directories when the stage builds per platform", () => {
    const r = run(`FROM busybox AS deps\n${tail}`, AR);
    expect(keys(r)).toEqual([["//c"], ["//c"]]);
    expect(r.json.results.map((x) => x.mounts[0]?.hasBase)).toEqual([true, true]);
    expect(shared(r.report.mounts[0])).toBe(false);
  });
  it("gives one directory when the stage runs on the build platform", () => {
    const r = run(`FROM --platform=$BUILDPLATFORM busybox AS deps\n${tail}`, AR);
    expect(shared(r.report.mounts[0])).toBe(true);
  });
});

describe("vector 52: uid/gid/mode base", () => {
  it("is shared across platforms but differs from the plain mount", () => {
    const r = run(df(`${cache("target=/c,uid=1000,gid=1000,mode=0700")}\n${cache("target=/c")}`), AR);
    expect(keys(r)).toEqual([
      ["//c", "//c"],
      ["//c", "//c"],
    ]);
    const [withBase, plain] = r.report.mounts;
    expect(shared(withBase)).toBe(true);
    expect(shared(plain)).toBe(true);
    expect(withBase?.cells[0]?.effectiveKey).not.toBe(plain?.cells[0]?.effectiveKey);
    expect(withBase?.cells[0]?.base).toEqual({ kind: "mkdir", uid: 1000, gid: 1000, mode: 0o700 });
  });
});

describe("vector 53: from= names", () => {
  it("treats a number as an image", () => {
    const r = run(df(cache("from=0,target=/c")));
    const base = r.report.mounts[0]?.cells[0]?.base;
    expect(base?.kind === "from" ? base.from : null).toBe("docker.io/library/0:latest");
  });
  it("matches stage names case-insensitively", () => {
    const r = run(`FROM busybox AS Deps\nRUN true\nFROM busybox\n${cache("from=DEPS,target=/c")}`);
    const base = r.report.mounts[0]?.cells[0]?.base;
    expect(base?.kind === "from" ? base.from : null).toBe("deps");
  });
});

describe("vector 54: FROM <Stage> is case-sensitive", () => {
  it("parses it as an image reference", () => {
    expect(error(run("FROM busybox AS builder\nRUN true\nFROM Builder"))).toBe(
      'failed to parse stage name "Builder": invalid reference format: repository name (library/Builder) must be lowercase',
    );
  });
});

describe("vector 55: TARGETSTAGE", () => {
  it("is --target as typed", () => {
    const text = `FROM busybox AS Build\nARG TARGETSTAGE\n${cache("id=c-$TARGETSTAGE,target=/c")}\nFROM busybox`;
    expect(keys(run(text, A, { target: "BUILD" }))).toEqual([["/c-BUILD"]]);
  });
  it("is default when the last stage has no name", () => {
    expect(
      keys(run(`FROM busybox AS base\nARG TARGETSTAGE\n${cache("id=c-$TARGETSTAGE,target=/c")}\nFROM base`)),
    ).toEqual([["/c-default"]]);
  });
  it("is the last stage's name", () => {
    expect(
      keys(run(`FROM busybox AS base\nARG TARGETSTAGE\n${cache("id=c-$TARGETSTAGE,target=/c")}\nFROM base AS final`)),
    ).toEqual([["/c-final"]]);
  });
});

describe("vector 56: reachability", () => {
  it("evaluates a, b, c but not d", () => {
    const stages = ["a", "b", "c", "d"].map((s) => `FROM busybox AS ${s}\n${cache(`id=${s},target=/${s}`)}`).join("\n");
    const r = run(`${stages}\nFROM c AS final\nCOPY --from=a /x /x\nRUN --mount=type=bind,from=b,target=/b true`);
    expect(keys(r)).toEqual([["/a", "/b", "/c"]]);
    expect(r.report.stages.map((s) => s.built)).toEqual([true, true, true, false, true]);
  });
});

describe("vector 57: cross-compilation", () => {
  it("runs on the build platform with per-target ids", () => {
    const r = run(
      "FROM --platform=$BUILDPLATFORM golang AS build\nARG TARGETARCH\nARG BUILDARCH\nRUN --mount=type=cache,id=mod-$BUILDARCH,target=/go/pkg/mod --mount=type=cache,id=build-$TARGETARCH,target=/root/.cache/go-build true",
      ["linux/amd64", "linux/arm64", "linux/arm/v7"],
      { buildPlatform: "linux/amd64" },
    );
    expect(keys(r)).toEqual([
      ["/mod-amd64", "/build-amd64"],
      ["/mod-amd64", "/build-arm64"],
      ["/mod-amd64", "/build-arm"],
    ]);
    expect(r.json.results.flatMap((x) => x.mounts.map((m) => m.execPlatform))).toEqual(
      new Array(6).fill("linux/amd64"),
    );
    expect(shared(r.report.mounts[0])).toBe(true);
  });
});

describe("vector 58: FROM <stage> ignores --platform", () => {
  it("runs on the base stage's platform", () => {
    const r = run(
      "FROM --platform=linux/s390x busybox AS base\nRUN true\nFROM --platform=linux/ppc64le base\nRUN --mount=type=cache,target=/c true",
    );
    expect(r.json.results[0]?.mounts[0]?.execPlatform).toBe("linux/s390x");
  });
});

describe("vector 59: no --platform", () => {
  it("targets the build platform", () => {
    const r = run(
      df(`ARG TARGETPLATFORM\nARG BUILDPLATFORM\n${cache("id=$TARGETPLATFORM:$BUILDPLATFORM,target=/c")}`),
      [],
      {
        buildPlatform: "linux/arm64",
      },
    );
    expect(keys(r)).toEqual([["/linux/arm64:linux/arm64"]]);
  });
});

describe("vector 60: OS version", () => {
  it("puts the OS version in TARGETPLATFORM", () => {
    const r = run(
      df(
        `ARG TARGETPLATFORM\nARG TARGETOS\nARG TARGETOSVERSION\n${cache("id=$TARGETPLATFORM:$TARGETOS:$TARGETOSVERSION,target=/c")}`,
      ),
      ["windows(10.0.17763)/amd64"],
    );
    expect(keys(r)).toEqual([["/windows(10.0.17763)/amd64:windows:10.0.17763"]]);
  });
});

describe("vector 61: TARGETOS override", () => {
  it("leaves TARGETPLATFORM alone", () => {
    const r = run(
      df(`ARG TARGETPLATFORM\nARG TARGETOS\n${cache("id=$TARGETPLATFORM-$TARGETOS,target=/c")}`),
      ["darwin/ppc64le"],
      {
        buildArgs: { TARGETOS: "freebsd" },
      },
    );
    expect(keys(r)).toEqual([["/darwin/ppc64le-freebsd"]]);
  });
});

describe("vector 62: platform errors", () => {
  it("flags an empty FROM --platform", () => {
    expect(error(run("FROM --platform=$NOPE busybox\nRUN true"))).toBe("empty platform value from expression $NOPE");
  });
  it("flags an unknown --platform", () => {
    expect(errors(run(df(cache("target=/c")), ["foo"]))).toEqual([
      'failed to parse target platform foo: "foo": unknown operating system or architecture: invalid argument',
    ]);
  });
});

describe("vector 63: a stage named scratch", () => {
  it("becomes the base of cache mounts without from=", () => {
    const text = "FROM busybox AS scratch\nRUN true\nFROM busybox\nRUN --mount=type=cache,target=/c true";
    const r = run(text);
    expect(keys(r)).toEqual([["//c"]]);
    const base = r.report.mounts[0]?.cells[0]?.base;
    expect(base?.kind === "from" ? base.from : null).toBe("scratch");
    expect(r.json.results[0]?.mounts[0]?.hasBase).toBe(true);
    expect(parseDockerfile(text).warnings.map((w) => w.rule)).toContain("ReservedStageName");
  });
});

describe("vector 64: check=error=true", () => {
  it("turns UndefinedVar into an error", () => {
    expect(error(run("# check=error=true\nFROM busybox\nRUN --mount=type=cache,id=$NOPE,target=/c true"))).toBe(
      "lint violation found for rules: UndefinedVar",
    );
  });
});

describe("vector 65: the parent's ENV is re-applied in a child stage", () => {
  it("shadows the parent's ARG back", () => {
    const r = run(
      `FROM busybox AS p\nENV X=env\nARG X=arg\n${cache("id=p-$X,target=/c")}\nFROM p\n${cache("id=c-$X,target=/c")}`,
    );
    expect(keys(r)).toEqual([["/p-arg", "/c-env"]]);
  });
  it("lets ARG GOPATH=/x win over the image ENV", () => {
    expect(
      keys(run(`FROM golang\nARG GOPATH=/x\n${cache("id=$GOPATH,target=/c")}`, A, {}, { imageEnv: GOLANG_ENV })),
    ).toEqual([["//x"]]);
  });
  it("keeps the image ENV for a valueless ARG", () => {
    expect(
      keys(run(`FROM golang\nARG GOPATH\n${cache("id=g$GOPATH,target=/c")}`, A, {}, { imageEnv: GOLANG_ENV })),
    ).toEqual([["/g/go"]]);
  });
});
