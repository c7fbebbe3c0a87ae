import { describe, expect, it } from "vitest";
import { EXAMPLES } from "../examples/index";
import {
  DEFAULT_STATE,
  exampleAction,
  namespaceOf,
  reducer,
  toAnalyzeOptions,
  withDefaults,
  withNamespace,
  type AppState,
} from "./state";

describe("reducer", () => {
  it("toggles a platform on and off and forgets the selected cell", () => {
    const selected: AppState = {
      ...DEFAULT_STATE,
      view: { ...DEFAULT_STATE.view, cell: { mount: 0, platformIndex: 1 } },
    };
    const on = reducer(selected, { type: "toggle-platform", platform: "linux/arm/v7" });
    expect(on.platforms).toEqual(["linux/amd64", "linux/arm64", "linux/arm/v7"]);
    expect(on.view.cell).toBeNull();
    expect(reducer(on, { type: "toggle-platform", platform: "linux/amd64" }).platforms).toEqual([
      "linux/arm64",
      "linux/arm/v7",
    ]);
  });

  it("replaces the whole state", () => {
    const next: AppState = { ...DEFAULT_STATE, text: "FROM x\n", target: "t" };
    expect(reducer(DEFAULT_STATE, { type: "replace", state: next })).toBe(next);
  });

  it("keeps the same object when the text does not change", () => {
    expect(reducer(DEFAULT_STATE, { type: "set-text", text: DEFAULT_STATE.text })).toBe(DEFAULT_STATE);
  });

  it("loads an example with its settings and resets the rest", () => {
    const namespaced = EXAMPLES.find((e) => e.id === "namespace")!;
    const busy: AppState = {
      ...DEFAULT_STATE,
      target: "old",
      buildPlatform: "linux/arm64",
      view: { ...DEFAULT_STATE.view, tab: "fix" },
    };
    const s = reducer(busy, exampleAction(namespaced)!);
    expect(s.text).toBe(namespaced.dockerfile);
    expect(s.buildArgs).toEqual([{ key: "BUILDKIT_CACHE_MOUNT_NS", value: "myproject" }]);
    expect(s.target).toBe("");
    expect(s.buildPlatform).toBe("linux/amd64");
    expect(s.view).toEqual({ tab: "results", cell: null, rule: null, example: "namespace" });
  });

  it("applies a build command's fields and keeps the ones it lacks", () => {
    const s = reducer(
      { ...DEFAULT_STATE, target: "keep" },
      { type: "apply-build-command", preset: { platforms: ["linux/s390x"], buildArgs: [] } },
    );
    expect(s.platforms).toEqual(["linux/s390x"]);
    expect(s.target).toBe("keep");
  });

  it("leaves the rule page when a tab is chosen", () => {
    const onRule = reducer(DEFAULT_STATE, { type: "open-rule", rule: "invalid-mount" });
    expect(reducer(onRule, { type: "set-tab", tab: "fix" }).view).toEqual({ ...DEFAULT_STATE.view, tab: "fix" });
  });
});

describe("namespace", () => {
  it("reads the last BUILDKIT_CACHE_MOUNT_NS row and rewrites it in place of all others", () => {
    const rows = [
      { key: "BUILDKIT_CACHE_MOUNT_NS", value: "a" },
      { key: "X", value: "1" },
      { key: " BUILDKIT_CACHE_MOUNT_NS ", value: "b" },
    ];
    expect(namespaceOf(rows)).toBe("b");
    expect(withNamespace(rows, "c")).toEqual([
      { key: "X", value: "1" },
      { key: "BUILDKIT_CACHE_MOUNT_NS", value: "c" },
    ]);
    expect(withNamespace(rows, "")).toEqual([{ key: "X", value: "1" }]);
  });
});

describe("toAnalyzeOptions", () => {
  it("resolves rows to build args (later rows win), drops blank platforms and an empty target", () => {
    const options = toAnalyzeOptions({
      ...DEFAULT_STATE,
      platforms: ["linux/amd64", " "],
      buildPlatform: " ",
      buildArgs: [
        { key: "A", value: "1" },
        { key: "", value: "ignored" },
        { key: " A ", value: "2" },
      ],
      target: " ",
      fixStyle: "TARGETARCH",
    });
    expect(options).toEqual({
      platforms: ["linux/amd64"],
      buildPlatform: "linux/amd64",
      buildArgs: { A: "2" },
      fixStyle: "TARGETARCH",
    });
  });

  it("keeps a typed target", () => {
    expect(toAnalyzeOptions({ ...DEFAULT_STATE, target: "build" }).target).toBe("build");
  });
});

describe("withDefaults", () => {
  it("fills missing and ill-typed fields from the defaults", () => {
    const restored = withDefaults({
      text: "FROM x\n",
      platforms: ["linux/amd64", 3 as unknown as string],
      fixStyle: "NOPE" as unknown as AppState["fixStyle"],
      view: { tab: "weird" as unknown as "fix", cell: { mount: 1, platformIndex: 0 }, rule: null, example: null },
    });
    expect(restored).toEqual({
      ...DEFAULT_STATE,
      text: "FROM x\n",
      platforms: ["linux/amd64"],
      view: { tab: "results", cell: { mount: 1, platformIndex: 0 }, rule: null, example: null },
    });
  });
});
