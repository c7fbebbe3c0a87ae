/**
 * Drafts: nothing the user typed is lost.
 *
 * - The text and options autosave to localStorage (versioned key, debounced, flushed
 *   when the page is hidden or unloaded), and a reload restores them.
 * - Opening a share link or loading an example never silently replaces work: the
 *   displaced draft goes to a second slot ("kept draft") and a notice offers to
 *   restore it. One kept draft is remembered: the latest one displaced.
 * - Storage can fail (private mode, quota, sandboxed iframe): the app keeps working
 *   and `storageError` says so.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { EXAMPLES } from "../../examples/index";
import type { AppAction, AppDispatch, AppState, BuildArgRow } from "../state";
import { DEFAULT_STATE, DEFAULT_VIEW, withDefaults } from "../state";

/** Bump the suffix when the stored shape changes incompatibly; unknown versions are ignored. */
export const DRAFT_KEY = "cache-mount-playground:draft:v1";
export const KEPT_DRAFT_KEY = "cache-mount-playground:kept-draft:v1";
const SAVE_DELAY_MS = 400;

/** What a draft holds: the text and the options (the view is not part of it). */
export type DraftContent = Omit<AppState, "view">;

export interface StoredDraft {
  readonly state: AppState;
  /** Epoch milliseconds of the save, or null when unknown. */
  readonly savedAt: number | null;
}

/** Why a draft was set aside. */
export type DraftNotice =
  | { readonly kind: "link-opened"; readonly draft: StoredDraft }
  /** `example` is the gallery id, or "" for a rule page's snippet. */
  | { readonly kind: "example-loaded"; readonly draft: StoredDraft; readonly example: string };

export interface DraftApi {
  /** Use this instead of the reducer's dispatch: loading an example keeps the current work recoverable. */
  readonly dispatch: AppDispatch;
  /** Replaces the whole state (e.g. a link opened in this tab), keeping the current work recoverable. */
  readonly replaceKeepingDraft: (next: AppState) => void;
  /** A draft set aside, for the "restore your draft" notice; null when there is nothing to offer. */
  readonly notice: DraftNotice | null;
  /** Puts the kept draft back (the view stays). */
  readonly restoreDraft: () => void;
  /** Hides the notice; the kept draft stays in storage until another one displaces it. */
  readonly dismissNotice: () => void;
  /** Set when the browser refused to store the draft. */
  readonly storageError: string | null;
}

// ---------------------------------------------------------------- storage

function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    // Reading `localStorage` itself throws in sandboxed iframes with storage blocked.
    return null;
  }
}

function readSlot(key: string): StoredDraft | null {
  try {
    const raw = storage()?.getItem(key);
    if (!raw) return null;
    const data = JSON.parse(raw) as { state?: Partial<AppState>; savedAt?: unknown };
    if (typeof data !== "object" || data === null || typeof data.state !== "object" || data.state === null) return null;
    const state = withDefaults({ ...data.state, view: DEFAULT_VIEW });
    return { state, savedAt: typeof data.savedAt === "number" ? data.savedAt : null };
  } catch {
    return null;
  }
}

/** Returns an error message, or null when stored. */
function writeSlot(key: string, state: AppState): string | null {
  const store = storage();
  if (!store) return "Your browser does not let this page store a draft: copy a link to keep your work.";
  try {
    store.setItem(key, JSON.stringify({ state: contentOf(state), savedAt: Date.now() }));
    return null;
  } catch {
    return "Your draft could not be saved in this browser (storage is full or blocked): copy a link to keep your work.";
  }
}

function clearSlot(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to do: the slot is unreadable anyway.
  }
}

/** The autosaved draft, or null. */
export function loadDraft(): StoredDraft | null {
  return readSlot(DRAFT_KEY);
}

// ---------------------------------------------------------------- content

export function contentOf(state: AppState): DraftContent {
  const { view: _view, ...content } = state;
  return content;
}

function argsKey(rows: readonly BuildArgRow[]): string {
  // Same reading as toAnalyzeOptions: trimmed keys, empty keys ignored, later rows win.
  const m = new Map<string, string>();
  for (const r of rows) if (r.key.trim() !== "") m.set(r.key.trim(), r.value);
  return JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when two states analyse the same text with the same options. */
export function sameContent(a: AppState, b: AppState): boolean {
  return (
    a.text === b.text &&
    a.buildPlatform === b.buildPlatform &&
    a.target === b.target &&
    a.fixStyle === b.fixStyle &&
    a.platforms.length === b.platforms.length &&
    a.platforms.every((p, i) => p === b.platforms[i]) &&
    argsKey(a.buildArgs) === argsKey(b.buildArgs)
  );
}

/** Work worth keeping: a text that is neither the default nor an untouched gallery example. */
export function isUserWork(state: AppState): boolean {
  return state.text !== DEFAULT_STATE.text && !EXAMPLES.some((e) => e.dockerfile === state.text);
}

// ---------------------------------------------------------------- hook

export interface DraftBoot {
  /** The state the app started with. */
  readonly state: AppState;
  /** A saved draft the start-up link displaced (see startSession in use-permalink.ts), or null. */
  readonly displacedDraft: StoredDraft | null;
}

/**
 * Autosaves `state` and keeps displaced drafts recoverable. Call once in App, right
 * after useReducer, with the boot value from startSession(); pass the returned
 * `dispatch` to the UI instead of the reducer's.
 */
export function useDraft(state: AppState, rawDispatch: AppDispatch, boot: DraftBoot): DraftApi {
  const [notice, setNotice] = useState<DraftNotice | null>(() =>
    boot.displacedDraft ? { kind: "link-opened", draft: boot.displacedDraft } : null,
  );
  const [storageError, setStorageError] = useState<string | null>(null);
  const stateRef = useRef(state);
  // The boot state is already stored, or came from a link: only a change is worth saving.
  const lastSaved = useRef<AppState>(boot.state);

  useEffect(() => {
    stateRef.current = state;
  }, [state]);

  // A draft displaced at start-up goes to the kept slot before anything can overwrite it.
  useEffect(() => {
    if (boot.displacedDraft) writeSlot(KEPT_DRAFT_KEY, boot.displacedDraft.state);
  }, [boot]);

  const save = useCallback(() => {
    const current = stateRef.current;
    if (sameContent(current, lastSaved.current)) return;
    lastSaved.current = current;
    setStorageError(writeSlot(DRAFT_KEY, current));
  }, []);

  useEffect(() => {
    if (sameContent(state, lastSaved.current)) return;
    const timer = setTimeout(save, SAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [state, save]);

  // A reload right after typing must still find the draft.
  useEffect(() => {
    const flush = () => save();
    const onVisibility = () => {
      if (document.visibilityState === "hidden") save();
    };
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [save]);

  const keep = useCallback((current: AppState, next: DraftNotice["kind"], example = "") => {
    const draft: StoredDraft = { state: current, savedAt: Date.now() };
    writeSlot(KEPT_DRAFT_KEY, current);
    setNotice(next === "link-opened" ? { kind: next, draft } : { kind: next, draft, example });
  }, []);

  const dispatch = useCallback<AppDispatch>(
    (action: AppAction) => {
      const current = stateRef.current;
      // Gallery examples and rule-page snippets replace the text wholesale.
      if (
        (action.type === "load-example" || action.type === "load-snippet") &&
        action.preset.text !== undefined &&
        action.preset.text !== current.text &&
        isUserWork(current)
      ) {
        keep(current, "example-loaded", action.type === "load-example" ? action.id : "");
      }
      rawDispatch(action);
    },
    [rawDispatch, keep],
  );

  const replaceKeepingDraft = useCallback(
    (next: AppState) => {
      const current = stateRef.current;
      if (isUserWork(current) && !sameContent(current, next)) keep(current, "link-opened");
      rawDispatch({ type: "replace", state: next });
    },
    [rawDispatch, keep],
  );

  const restoreDraft = useCallback(() => {
    if (!notice) return;
    const view = { ...stateRef.current.view, example: null, cell: null };
    rawDispatch({ type: "replace", state: { ...notice.draft.state, view } });
    clearSlot(KEPT_DRAFT_KEY);
    setNotice(null);
  }, [notice, rawDispatch]);

  const dismissNotice = useCallback(() => setNotice(null), []);

  return { dispatch, replaceKeepingDraft, notice, restoreDraft, dismissNotice, storageError };
}
