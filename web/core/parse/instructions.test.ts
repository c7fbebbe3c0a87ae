import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./index";
import type { Command } from "./types";

const FROM = "FROM busybox\n";

/** The command type whose `kind` admits K (COPY and ADD share one). */
type CommandOf<K> = Command extends infer C
  ? C extends { kind: infer CK }
    ? K extends CK
      ? C
      : never
    : never
  : never;

/** The single command of `line` after a FROM. */
const commandOf = <K extends Command["kind"]>(line: string, kind: K): CommandOf<K> => {
  const p = parseDockerfile(FROM + line + "\n");
  if (p.error !== null) throw new Error(p.error.message);
  const c = p.commands[1];
  if (c?.kind !== kind) throw new Error(`expected ${kind}, got ${c?.kind}`);
  return c as CommandOf<K>;
};

/** The error of `line` after a FROM (line 2). */
const errorOf = (line: string): string | null => parseDockerfile(FROM + line + "\n").error?.message ?? null;

const P = "dockerfile parse error on line 2: ";

describe("FROM", () => {
  it("keeps the image as written and lower-cases the stage name", () => {
    const text = "FROM --platform=$BUILDPLATFORM Golang:1.22 as Build\n";
    const p = parseDockerfile(text);
    const from = p.commands[0];
    if (from?.kind !== "from") throw new Error("no FROM");
    expect([from.image, from.stageName, from.platform?.text]).toEqual(["Golang:1.22", "build", "$BUILDPLATFORM"]);
    expect(text.slice(from.imageSpan.start, from.imageSpan.end)).toBe("Golang:1.22");
    expect(from.stageNameSpan && text.slice(from.stageNameSpan.start, from.stageNameSpan.end)).toBe("Build");
  });

  it("keeps a stage-less FROM's name null", () => {
    const from = parseDockerfile("FROM a\n").commands[0];
    expect(from).toMatchObject({ kind: "from", image: "a", stageName: null, stageNameSpan: null, platform: null });
  });

  it("folds `AS` like strings.EqualFold (the long s counts)", () => {
    expect(parseDockerfile("FROM a a\u017f b\n").commands[0]).toMatchObject({ stageName: "b" });
  });

  it("flags invalid stage names and argument counts", () => {
    expect(parseDockerfile("FROM a AS 1st\n").error?.message).toBe(
      'dockerfile parse error on line 1: invalid name for build stage: "1st", name can\'t start with a number or contain symbols',
    );
    expect(parseDockerfile("FROM a AS b$c\n").error?.message).toContain('invalid name for build stage: "b$c"');
    expect(parseDockerfile("FROM a AS my_stage-1.x\n").error).toBeNull();
    expect(parseDockerfile("FROM a b\n").error?.message).toBe(
      "dockerfile parse error on line 1: FROM requires either one or three arguments",
    );
    expect(parseDockerfile("FROM\n").error?.message).toBe(
      "dockerfile parse error on line 1: FROM requires either one or three arguments",
    );
  });

  it("checks the stage name before the flags", () => {
    expect(parseDockerfile("FROM --bogus a AS 1\n").error?.message).toContain("invalid name for build stage");
    expect(parseDockerfile("FROM --platfrom=x a\n").error?.message).toBe(
      "dockerfile parse error on line 1: unknown flag: --platfrom (did you mean platform?)",
    );
  });
});

describe("ARG and ENV", () => {
  it("reads several ARGs per line, keeping quotes for dispatch", () => {
    const arg = commandOf('ARG a b=1 c="x y" d=', "arg");
    expect(arg.args.map((a) => [a.key, a.value])).toEqual([
      ["a", null],
      ["b", "1"],
      ["c", '"x y"'],
      ["d", ""],
    ]);
  });

  it("flags a blank ARG name and a bare ARG, and ignores ARG flags", () => {
    expect(errorOf("ARG =x")).toBe(P + "ARG names can not be blank");
    expect(errorOf("ARG")).toBe(P + "ARG requires at least one argument");
    expect(commandOf("ARG --foo X", "arg").args.map((a) => a.key)).toEqual(["X"]);
  });

  it("reads ENV in both forms", () => {
    expect(commandOf('ENV A=1 B="two words" C=', "env").env.map((e) => [e.key, e.value])).toEqual([
      ["A", "1"],
      ["B", '"two words"'],
      ["C", ""],
    ]);
    expect(commandOf("ENV K v  w", "env").env.map((e) => [e.key, e.value])).toEqual([["K", "v  w"]]);
  });

  it("spans each ENV pair from key to value", () => {
    const text = FROM + "ENV A=1 BB=22\n";
    const env = parseDockerfile(text).commands[1];
    if (env?.kind !== "env") throw new Error("no ENV");
    expect(env.env.map((e) => text.slice(e.span.start, e.span.end))).toEqual(["A=1", "BB=22"]);
  });

  it("flags a blank ENV name, a missing ENV argument and an ENV flag", () => {
    expect(errorOf("ENV =x")).toBe(P + "ENV names can not be blank");
    expect(errorOf("ENV")).toBe(P + "ENV requires at least one argument");
    expect(errorOf("ENV --x A=1")).toBe(P + "unknown flag: --x");
  });
});

describe("WORKDIR and USER", () => {
  it("keeps the unexpanded path and user", () => {
    expect(commandOf("WORKDIR /app/$X y", "workdir").path).toBe("/app/$X y");
    expect(commandOf("USER ${U}:0", "user").user).toBe("${U}:0");
  });

  it("needs exactly one argument", () => {
    expect(errorOf("WORKDIR")).toBe(P + "WORKDIR requires exactly one argument");
    expect(errorOf("USER")).toBe(P + "USER requires exactly one argument");
  });
});

describe("RUN", () => {
  it("collects mounts in order with their CSV fields", () => {
    const run = commandOf(
      "RUN --mount=type=cache,target=/a --network=none --mount=type=bind,source=.,target=/b make",
      "run",
    );
    expect(run.mounts.map((m) => m.fields.map((f) => f.raw))).toEqual([
      ["type=cache", "target=/a"],
      ["type=bind", "source=.", "target=/b"],
    ]);
    expect(run.command).toBe("make");
    expect(run.flags.map((f) => f.name)).toEqual(["mount", "network", "mount"]);
  });

  it("joins the JSON form's words for the command", () => {
    expect(commandOf('RUN ["sh", "-c", "echo hi"]', "run").command).toBe("sh -c echo hi");
  });

  it("flags the parse-time flag errors (vector 33)", () => {
    expect(errorOf("RUN --mount type=cache,target=/c true")).toBe(P + "missing a value on flag: --mount");
    expect(errorOf("RUN --mount= true")).toBe(P + "failed to parse csv mounts: EOF");
    expect(errorOf("RUN --Mount=type=cache,target=/c true")).toBe(P + "unknown flag: --Mount (did you mean mount?)");
    expect(errorOf("RUN --network=host --network=none true")).toBe(P + "duplicate flag specified: --network");
    expect(errorOf("RUN --network true")).toBe(P + "missing a value on flag: --network");
  });

  it("validates network, security and device values in BuildKit's hook order", () => {
    expect(errorOf("RUN --network=bridge true")).toBe(P + 'invalid network mode "bridge"');
    expect(errorOf("RUN --security=privileged true")).toBe(P + 'security "privileged" is not valid');
    expect(errorOf("RUN --security=insecure --network=host --device=/dev/fuse,required true")).toBeNull();
    expect(errorOf("RUN --device=a,b true")).toBe(P + "invalid field 'b' must be a key=value pair");
    expect(errorOf("RUN --device=name=a,name=b true")).toBe(P + "device name already set to a");
    expect(errorOf("RUN --device=x,requird=1 true")).toBe(
      P + "unexpected key 'requird' in 'requird=1' (did you mean required?)",
    );
    expect(errorOf('RUN --network=bogus --mount=a\\"b true')).toBe(
      P + 'failed to parse csv mounts: parse error on line 1, column 2: bare " in non-quoted-field',
    );
    expect(errorOf('RUN --mount=from=$x --device=a\\"b true')).toBe(
      P + 'failed to parse csv devices: parse error on line 1, column 2: bare " in non-quoted-field',
    );
  });

  it("checks `from` for variables at parse time, in any stage (vector 34)", () => {
    const text = "FROM busybox AS test\nFROM busybox\nENV ttt=test\nRUN --mount=from=$ttt,type=cache,target=/tmp ls\n";
    expect(parseDockerfile(text).error?.message).toBe(
      "dockerfile parse error on line 4: 'from' doesn't support variable expansion, define alias stage instead",
    );
  });

  it("leaves mount validation to dispatch", () => {
    expect(errorOf("RUN --mount=type=cahce,targt=/c,foo true")).toBeNull();
  });

  it("spans the command text", () => {
    const text = FROM + "RUN --mount=type=cache,target=/c   echo hi  \n";
    const run = parseDockerfile(text).commands[1];
    if (run?.kind !== "run") throw new Error("no RUN");
    expect(text.slice(run.commandSpan.start, run.commandSpan.end)).toBe("echo hi");
  });
});

describe("COPY and ADD", () => {
  it("keeps COPY --from as written", () => {
    expect(commandOf("COPY --from=Build /a /b", "copy").from).toBe("Build");
    expect(commandOf("COPY --from= /a /b", "copy").from).toBe("");
    expect(commandOf("COPY --link --parents --exclude=x --exclude=y a b", "copy").from).toBeNull();
  });

  it("knows ADD's own flags", () => {
    expect(
      commandOf("ADD --checksum=sha256:x --keep-git-dir --unpack=false --link https://x /y", "add").from,
    ).toBeNull();
    expect(errorOf("ADD --from=a x y")).toBe(P + "unknown flag: --from");
    expect(errorOf("ADD --parent x y")).toBe(P + "unknown flag: --parent");
  });

  it("counts arguments before looking at flags", () => {
    expect(errorOf("COPY --bogus a")).toBe(
      P + "COPY requires at least two arguments, but only one was provided. Destination could not be determined",
    );
    expect(errorOf("ADD a")).toBe(
      P + "ADD requires at least two arguments, but only one was provided. Destination could not be determined",
    );
  });

  it("validates bool flags", () => {
    expect(errorOf("COPY --link=maybe a b")).toBe(P + "expecting boolean value for flag --link, not: maybe");
    expect(errorOf("COPY --link= a b")).toBe(P + "missing a value on flag: --link");
    expect(errorOf("COPY --link=FALSE --parents=True a b")).toBeNull();
    expect(errorOf("COPY --chown a b")).toBe(P + "missing a value on flag: --chown");
  });

  it("refuses a heredoc as the destination", () => {
    expect(errorOf("COPY a <<EOF\nx\nEOF")).toBe(P + "COPY cannot accept a heredoc as a destination");
    expect(errorOf("COPY <<EOF /dest\nx\nEOF")).toBeNull();
  });
});

describe("ONBUILD", () => {
  it("parses the trigger as its own command", () => {
    const ob = commandOf("ONBUILD RUN --mount=type=cache,target=/c make", "onbuild");
    expect(ob.inner).toMatchObject({ kind: "run", command: "make" });
    expect(ob.innerError).toBeNull();
  });

  it("refuses ONBUILD ONBUILD, FROM and MAINTAINER triggers", () => {
    expect(errorOf("ONBUILD ONBUILD RUN x")).toBe(P + "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    expect(errorOf("onbuild from x")).toBe(P + "FROM isn't allowed as an ONBUILD trigger");
    expect(errorOf("ONBUILD MAINTAINER me")).toBe(P + "MAINTAINER isn't allowed as an ONBUILD trigger");
    expect(errorOf("ONBUILD")).toBe(P + "ONBUILD requires at least one argument");
  });

  it("defers the trigger's own errors to when it fires, without the parse error prefix", () => {
    const ob = commandOf("ONBUILD RUN --Mount=type=cache,target=/c make", "onbuild");
    expect(ob.inner).toBeNull();
    expect(ob.innerError?.message).toBe("unknown flag: --Mount (did you mean mount?)");
    expect(commandOf("ONBUILD FORM x", "onbuild").innerError?.message).toBe(
      "unknown instruction: FORM (did you mean FROM?)",
    );
  });

  it("re-parses the trigger with the default escape token", () => {
    const p = parseDockerfile("# escape=`\nFROM a\nONBUILD RUN --mount=type=cache,id=a\\b,target=/c true\n");
    const ob = p.commands[1];
    if (ob?.kind !== "onbuild" || ob.inner?.kind !== "run") throw new Error("no trigger");
    expect(ob.inner.mounts[0]?.fields.map((f) => f.raw)).toEqual(["type=cache", "id=ab", "target=/c"]);
  });
});

describe("other instructions", () => {
  it("flags unknown instructions with BuildKit's suggestion, matching case", () => {
    expect(errorOf("FORM x")).toBe(P + "unknown instruction: FORM (did you mean FROM?)");
    expect(errorOf("form x")).toBe(P + "unknown instruction: form (did you mean from?)");
    expect(errorOf("Cpy a b")).toBe(P + "unknown instruction: Cpy (did you mean copy?)");
    expect(errorOf("FOOBAR x")).toBe(P + "unknown instruction: FOOBAR");
  });

  it("applies the arity and flag checks of CMD, EXPOSE, VOLUME, STOPSIGNAL, SHELL, MAINTAINER, LABEL", () => {
    expect(errorOf("CMD --doit x")).toBe(P + "unknown flag: --doit");
    expect(errorOf("ENTRYPOINT")).toBeNull();
    expect(errorOf("EXPOSE")).toBe(P + "EXPOSE requires at least one argument");
    expect(errorOf("VOLUME")).toBe(P + "VOLUME requires at least one argument");
    expect(errorOf('VOLUME ["/a", ""]')).toBe(P + "VOLUME specified can not be an empty string");
    expect(errorOf("STOPSIGNAL")).toBe(P + "STOPSIGNAL requires exactly one argument");
    expect(errorOf("STOPSIGNAL --any=flag SIGTERM")).toBeNull();
    expect(errorOf("SHELL /bin/sh -c")).toBe(P + "SHELL requires the arguments to be in JSON form");
    expect(errorOf("SHELL []")).toBe(P + "SHELL requires at least one argument");
    expect(errorOf('SHELL ["/bin/bash", "-c"]')).toBeNull();
    expect(errorOf("MAINTAINER")).toBe(P + "MAINTAINER requires exactly one argument");
    expect(errorOf("LABEL =x")).toBe(P + "LABEL names can not be blank");
    expect(commandOf("CMD echo hi", "other").keyword).toBe("cmd");
  });

  it("validates HEALTHCHECK", () => {
    expect(errorOf("HEALTHCHECK")).toBe(P + "HEALTHCHECK requires at least one argument");
    expect(errorOf("HEALTHCHECK NONE x")).toBe(P + "HEALTHCHECK NONE takes no arguments");
    expect(errorOf("HEALTHCHECK --bogus NONE")).toBeNull();
    expect(errorOf("HEALTHCHECK FOO x")).toBe(P + 'Unknown type "FOO" in HEALTHCHECK (try CMD)');
    expect(errorOf("HEALTHCHECK CMD")).toBe(P + "Missing command after HEALTHCHECK CMD");
    expect(errorOf("HEALTHCHECK --interval=5 CMD true")).toBe(P + 'time: missing unit in duration "5"');
    expect(errorOf("HEALTHCHECK --timeout=1x CMD true")).toBe(P + 'time: unknown unit "x" in duration "1x"');
    expect(errorOf("HEALTHCHECK --start-period=abc CMD true")).toBe(P + 'time: invalid duration "abc"');
    expect(errorOf("HEALTHCHECK --interval=500us CMD true")).toBe(P + 'Interval "interval" cannot be less than 1ms');
    expect(errorOf("HEALTHCHECK --interval=0s --timeout=1.5m --retries=3 CMD true")).toBeNull();
    expect(errorOf("HEALTHCHECK --retries=-1 CMD true")).toBe(P + "--retries cannot be negative (-1)");
    expect(errorOf("HEALTHCHECK --retries=x CMD true")).toBe(P + 'strconv.ParseInt: parsing "x": invalid syntax');
    expect(errorOf("HEALTHCHECK --retries=3000000000 CMD true")).toBe(
      P + 'strconv.ParseInt: parsing "3000000000": value out of range',
    );
    expect(errorOf("HEALTHCHECK --intervl=1s CMD true")).toBe(P + "unknown flag: --intervl (did you mean interval?)");
  });
});
