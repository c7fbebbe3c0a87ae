import { describe, expect, it } from "vitest";
import { EXAMPLES, findExample } from "../examples/index";
import { fromShared, startSession, toShared } from "../ui/hooks/use-permalink";
import type { AppState } from "../ui/state";
import { DEFAULT_STATE, DEFAULT_VIEW } from "../ui/state";
import { V1_DEFAULTS } from "./share-state";
import { encodeState } from "./url-codec";

const MINE: AppState = { ...DEFAULT_STATE, text: "FROM alpine AS mine\nRUN --mount=type=cache,target=/x true\n" };
const draft = (state: AppState) => ({ state, savedAt: 1_700_000_000_000 });
const LINKED = { ...V1_DEFAULTS, text: "FROM busybox\n", platforms: ["linux/s390x"] };

describe("startSession", () => {
  it("starts from the default state with no link and no draft, and writes a permalink", () => {
    expect(startSession("", null)).toEqual({
      link: { kind: "none" },
      state: DEFAULT_STATE,
      displacedDraft: null,
      broken: null,
      keepHash: false,
    });
  });

  it("restores the saved draft when the address has no link", () => {
    expect(startSession("", draft(MINE)).state).toBe(MINE);
  });

  it("shows a link's content and keeps a differing draft to offer back", () => {
    const s = startSession(encodeState(LINKED), draft(MINE));
    expect(s.state.text).toBe("FROM busybox\n");
    expect(s.state.platforms).toEqual(["linux/s390x"]);
    expect(s.displacedDraft).toEqual(draft(MINE));
    expect(s.keepHash).toBe(false);
  });

  it("offers nothing back when the draft is the link's content or an untouched example", () => {
    const same = startSession(encodeState(toShared(MINE)), draft(MINE));
    expect(same.displacedDraft).toBeNull();
    const example = { ...DEFAULT_STATE, text: EXAMPLES[1]!.dockerfile };
    expect(startSession(encodeState(LINKED), draft(example)).displacedDraft).toBeNull();
  });

  it("loads an example link with its settings and keeps the short link in the address", () => {
    const s = startSession("#example/arm-variants", draft(MINE));
    expect(s.state.text).toBe(findExample("arm-variants")!.dockerfile);
    expect(s.state.platforms).toEqual(["linux/arm/v6", "linux/arm/v7"]);
    expect(s.state.view.example).toBe("arm-variants");
    expect(s.displacedDraft).toEqual(draft(MINE));
    expect(s.keepHash).toBe(true);
  });

  it("flags an example link naming no example and opens the draft", () => {
    const s = startSession("#example/no-such-example", draft(MINE));
    expect(s.state).toBe(MINE);
    expect(s.broken).toBe(
      "This example link names no example the playground has: “no-such-example”. Your draft is open instead.",
    );
  });

  it("opens a rule page over the draft", () => {
    const s = startSession("#rule/cache-needs-locking", draft(MINE));
    expect(s.state).toEqual({ ...MINE, view: { ...DEFAULT_VIEW, rule: "cache-needs-locking" } });
    expect(s.keepHash).toBe(true);
  });

  it("opens the draft with the reason when the link is broken", () => {
    const s = startSession("#v1=", draft(MINE));
    expect(s.state).toBe(MINE);
    expect(s.broken).toBe(
      "This share link is empty: nothing follows “#v1=”. It was probably cut off when it was copied.",
    );
    expect(s.displacedDraft).toBeNull();
  });
});

describe("toShared / fromShared", () => {
  it("maps every field both ways", () => {
    const state: AppState = {
      text: "FROM x\n",
      platforms: ["linux/arm/v7", " linux/amd64 "],
      buildPlatform: "linux/arm64",
      buildArgs: [
        { key: "BUILDKIT_CACHE_MOUNT_NS", value: "ns" },
        { key: "A", value: "1" },
      ],
      target: "build",
      fixStyle: "TARGETARCH",
      view: { tab: "fix", cell: { mount: 1, platformIndex: 2 }, rule: "invalid-mount", example: null },
    };
    const shared = toShared(state);
    expect(shared).toEqual({
      text: "FROM x\n",
      platforms: ["linux/arm/v7", " linux/amd64 "],
      buildPlatform: "linux/arm64",
      buildArgs: { BUILDKIT_CACHE_MOUNT_NS: "ns", A: "1" },
      target: "build",
      fixStyle: "TARGETARCH",
      view: { tab: "fix", cell: { mount: 1, platform: 2 }, rule: "invalid-mount" },
    });
    expect(fromShared(shared)).toEqual(state);
  });

  it("reads build-arg rows as the analysis does: trimmed keys, blank keys ignored, later rows win", () => {
    const rows = [
      { key: " A ", value: "1" },
      { key: "", value: "ignored" },
      { key: "A", value: "2" },
      { key: "__proto__", value: "x" },
    ];
    const shared = toShared({ ...DEFAULT_STATE, buildArgs: rows });
    expect(Object.entries(shared.buildArgs)).toEqual([
      ["A", "2"],
      ["__proto__", "x"],
    ]);
  });

  it("maps the default view to the link's empty view and an unknown tab back to the results", () => {
    expect(toShared(DEFAULT_STATE).view).toEqual(V1_DEFAULTS.view);
    expect(fromShared({ ...V1_DEFAULTS, view: { tab: "someday", cell: null, rule: "" } }).view).toEqual(DEFAULT_VIEW);
  });
});
