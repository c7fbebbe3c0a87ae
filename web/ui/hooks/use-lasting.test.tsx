// @vitest-environment jsdom
import { act, useEffect } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PENDING_SHOWN_AFTER_MS, useLasting } from "./use-lasting";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let shown: boolean | null = null;

function Probe({ flag, onValue }: { readonly flag: boolean; readonly onValue: (value: boolean) => void }) {
  const value = useLasting(flag);
  useEffect(() => onValue(value));
  return null;
}

const record = (value: boolean) => {
  shown = value;
};
const render = (flag: boolean) => act(() => root!.render(<Probe flag={flag} onValue={record} />));
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

beforeEach(() => {
  vi.useFakeTimers();
  root = createRoot(document.createElement("div"));
});

afterEach(() => {
  act(() => root!.unmount());
  vi.useRealTimers();
});

describe("useLasting", () => {
  it("stays false for a flag that ends before the delay (a keystroke's run)", () => {
    render(true);
    wait(PENDING_SHOWN_AFTER_MS - 1);
    expect(shown).toBe(false);
    render(false);
    wait(PENDING_SHOWN_AFTER_MS);
    expect(shown).toBe(false);
  });

  it("turns true once the flag lasts, and false as soon as it ends", () => {
    render(true);
    wait(PENDING_SHOWN_AFTER_MS);
    expect(shown).toBe(true);
    render(false);
    expect(shown).toBe(false);
    // A new run starts its own wait.
    render(true);
    expect(shown).toBe(false);
    wait(PENDING_SHOWN_AFTER_MS);
    expect(shown).toBe(true);
  });
});
