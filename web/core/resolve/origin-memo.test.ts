import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../parse/index";
import type { ArgCommand, EnvCommand } from "../parse/types";
import { OriginMemo } from "./origin-memo";

const parsed = parseDockerfile("ARG G=1\nFROM busybox\nARG A=1\nENV E=1\n");
const [globalArg, , stageArg, env] = parsed.commands as [ArgCommand, unknown, ArgCommand, EnvCommand];

describe("OriginMemo", () => {
  it("resolves the same origin object for the same ENV in the same stage", () => {
    const memo = new OriginMemo();
    const o = memo.env(env, "s");
    expect(memo.env(env, "s")).toBe(o);
    expect(o).toEqual({ kind: "env", line: 4, stage: "s" });
    expect(memo.env(env, "t")).toEqual({ kind: "env", line: 4, stage: "t" });
  });
  it("keeps ARG origins apart by stage, way and global", () => {
    const memo = new OriginMemo();
    const kv = stageArg.args[0]!;
    const global = memo.globalArg(globalArg, false);
    const o = memo.stageArg(kv, 3, "s", "global", global);
    expect(memo.stageArg(kv, 3, "s", "global", global)).toBe(o);
    expect(memo.stageArg(kv, 3, "s", "default", null)).toEqual({
      kind: "arg",
      line: 3,
      stage: "s",
      via: "default",
      global: null,
    });
    expect(memo.stageArg(kv, 3, "t", "global", global)).not.toBe(o);
    expect(memo.globalArg(globalArg, true)).toEqual({ kind: "global-arg", line: 1, fromBuildArg: true });
    expect(memo.globalArg(globalArg, false)).toBe(global);
  });
});
