// @vitest-environment jsdom
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findExample } from "../examples/index";
import { DRAFT_KEY, KEPT_DRAFT_KEY } from "../ui/hooks/use-draft";
import { loadEncoder, type SharedPlayground, toShared, useSharedPlayground } from "../ui/hooks/use-permalink";
import type { AppState } from "../ui/state";
import { DEFAULT_STATE, exampleAction } from "../ui/state";
import { V1_DEFAULTS } from "./share-state";
import { encodeState } from "./url-codec";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const MINE = "FROM alpine AS mine\nRUN --mount=type=cache,target=/x true\n";
const LINKED = { ...V1_DEFAULTS, text: "FROM busybox\n", platforms: ["linux/s390x"] };

let root: Root | null = null;
let current: SharedPlayground | null = null;

function Probe() {
  current = useSharedPlayground();
  return null;
}

function mount(): SharedPlayground {
  const host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<Probe />));
  return now();
}

function now(): SharedPlayground {
  if (!current) throw new Error("not rendered");
  return current;
}

function saveDraft(text: string): void {
  localStorage.setItem(DRAFT_KEY, JSON.stringify({ state: { ...DEFAULT_STATE, text, view: undefined }, savedAt: 1 }));
}

function storedText(key: string): string | null {
  const raw = localStorage.getItem(key);
  return raw === null ? null : (JSON.parse(raw) as { state: AppState }).state.text;
}

function advance(ms: number): void {
  act(() => vi.advanceTimersByTime(ms));
}

// The page loads the link encoder lazily; loaded once, it writes links synchronously, which these tests time.
beforeAll(async () => {
  await loadEncoder();
});

beforeEach(() => {
  vi.useFakeTimers();
  localStorage.clear();
  history.replaceState(null, "", "/");
});

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  current = null;
  vi.useRealTimers();
});

describe("useSharedPlayground", () => {
  it("autosaves the text after a pause and keeps the address a permalink", () => {
    mount();
    act(() => now().dispatch({ type: "set-text", text: MINE }));
    expect(storedText(DRAFT_KEY)).toBeNull();
    advance(500);
    expect(storedText(DRAFT_KEY)).toBe(MINE);
    expect(location.hash).toBe(encodeState(toShared(now().state)));
  });

  it("restores the saved draft on reload", () => {
    saveDraft(MINE);
    expect(mount().state.text).toBe(MINE);
  });

  it("opens a link without overwriting the saved draft, and restores the draft on request", () => {
    saveDraft(MINE);
    history.replaceState(null, "", `/${encodeState(LINKED)}`);
    const s = mount();
    expect(s.state.text).toBe("FROM busybox\n");
    expect(s.state.platforms).toEqual(["linux/s390x"]);
    expect(s.draft.notice?.kind).toBe("link-opened");
    expect(storedText(KEPT_DRAFT_KEY)).toBe(MINE);
    advance(1000);
    // Merely opening a link saves nothing.
    expect(storedText(DRAFT_KEY)).toBe(MINE);
    act(() => now().draft.restoreDraft());
    expect(now().state.text).toBe(MINE);
    expect(now().draft.notice).toBeNull();
  });

  it("keeps unsaved work recoverable when an example is loaded", () => {
    mount();
    act(() => now().dispatch({ type: "set-text", text: MINE }));
    act(() => now().dispatch(exampleAction("arm-variants")!));
    expect(now().state.text).toBe(findExample("arm-variants")!.dockerfile);
    expect(now().draft.notice).toMatchObject({ kind: "example-loaded", example: "arm-variants" });
    expect(storedText(KEPT_DRAFT_KEY)).toBe(MINE);
    act(() => now().draft.restoreDraft());
    expect(now().state.text).toBe(MINE);
  });

  it("loads an example over an untouched example without a notice", () => {
    mount();
    act(() => now().dispatch(exampleAction("arm-variants")!));
    expect(now().draft.notice).toBeNull();
  });

  it("reports a broken link, opens the draft and leaves the address alone until something changes", () => {
    saveDraft(MINE);
    history.replaceState(null, "", "/#v1=AAAA.");
    const s = mount();
    expect(s.state.text).toBe(MINE);
    expect(s.permalink.broken).toBe(
      "This share link contains “.” (character 5 after “#v1=”), which share links never contain. It was probably changed when it was pasted; copy the whole link again.",
    );
    advance(1000);
    expect(location.hash).toBe("#v1=AAAA.");
    act(() => now().dispatch({ type: "set-text", text: `${MINE}# more\n` }));
    advance(400);
    expect(location.hash).toBe(encodeState(toShared(now().state)));
    act(() => now().permalink.dismissBroken());
    expect(now().permalink.broken).toBeNull();
  });

  it("opens a link pasted into the open tab, keeping the work it replaces", () => {
    mount();
    act(() => now().dispatch({ type: "set-text", text: MINE }));
    advance(500);
    act(() => {
      history.replaceState(null, "", `/${encodeState(LINKED)}`);
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
    expect(now().state.text).toBe("FROM busybox\n");
    expect(now().draft.notice?.kind).toBe("link-opened");
    expect(storedText(KEPT_DRAFT_KEY)).toBe(MINE);
  });

  it("says so when the browser refuses to store the draft, and keeps working", () => {
    mount();
    const setItem = vi.spyOn(Storage.prototype, "setItem").mockImplementation(() => {
      throw new DOMException("full", "QuotaExceededError");
    });
    try {
      act(() => now().dispatch({ type: "set-text", text: MINE }));
      advance(500);
      expect(now().draft.storageError).toBe(
        "Your draft could not be saved in this browser (storage is full or blocked): copy a link to keep your work.",
      );
      expect(now().state.text).toBe(MINE);
    } finally {
      setItem.mockRestore();
    }
  });

  it("keeps the last link in the address when the text is too large for one", async () => {
    mount();
    advance(400);
    const before = location.hash;
    act(() => now().dispatch({ type: "set-text", text: "#".repeat(1024 * 1024 + 1) }));
    advance(400);
    expect(location.hash).toBe(before);
    expect(now().permalink.linkError).toBe(
      "This Dockerfile is too large for a share link (1.0 MiB; links hold at most 1 MiB).",
    );
    await expect(now().permalink.currentLink()).resolves.toEqual({ ok: false, reason: now().permalink.linkError });
  });

  it("gives the current permalink and rule page URLs on this page's address", async () => {
    history.replaceState(null, "", "/play/?x=1");
    mount();
    await expect(now().permalink.currentLink()).resolves.toEqual({
      ok: true,
      url: `http://localhost:3000/play/?x=1${encodeState(toShared(DEFAULT_STATE))}`,
    });
    expect(now().permalink.rulePageUrl("invalid-mount")).toBe("http://localhost:3000/play/?x=1#rule/invalid-mount");
  });
});
