import { useEffect, useState } from "react";

/**
 * How long a run may be pending before the page says so. A keystroke's run
 * takes tens of milliseconds: showing "updating…", dimming the results and
 * disabling the fix buttons for each one would flash them at every key, and
 * repaint the page twice per keystroke while the worker is analysing. A slow
 * run (a big paste) still shows them. Fixes stay safe meanwhile: a fix only
 * applies to the text its report was made from (App.tsx applyEdits).
 */
export const PENDING_SHOWN_AFTER_MS = 250;

/** `flag`, once it has stayed true for `delayMs`; false as soon as it is false. */
export function useLasting(flag: boolean, delayMs: number = PENDING_SHOWN_AFTER_MS): boolean {
  const [lasting, setLasting] = useState(false);
  useEffect(() => {
    if (!flag) return;
    const timer = setTimeout(() => setLasting(true), delayMs);
    return () => {
      clearTimeout(timer);
      setLasting(false);
    };
  }, [flag, delayMs]);
  return flag && lasting;
}
