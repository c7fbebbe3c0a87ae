/**
 * The address bar is always a permalink: the only module that touches
 * `location.hash` (with history.replaceState, so typing adds no history entries).
 *
 * Start-up order (startSession): a link in the address wins and is shown; the
 * autosaved draft it displaces is kept and offered back (use-draft.ts); a broken
 * link shows its reason and the app opens the draft instead. The link format
 * itself lives in web/share/url-codec.ts.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import type { SharedState } from "../../share/share-state";
import type { Link } from "../../share/url-decode";
import { exampleLink, readLink, ruleLink } from "../../share/url-decode";
import type * as UrlEncode from "../../share/url-encode";
import type { EncodeResult } from "../../share/url-encode";
import type { AppDispatch, AppState, BuildArgRow, Tab } from "../state";
import { DEFAULT_STATE, DEFAULT_VIEW, exampleAction, reducer } from "../state";
import type { DraftApi, DraftBoot, StoredDraft } from "./use-draft";
import { isUserWork, loadDraft, sameContent, useDraft } from "./use-draft";

const WRITE_DELAY_MS = 300;
/**
 * Texts this long (~500 lines) are encoded in a worker: deflating them here
 * would block typing (a 10,000-line Dockerfile takes ~100 ms).
 */
const ENCODE_OFF_THREAD_CHARS = 16 * 1024;
const TABS: readonly Tab[] = ["results", "fix", "learn"];

// ---------------------------------------------------------------- the encoder

/**
 * The link encoder (share/url-encode.ts, with its deflater) is not needed for
 * the first table: it loads with the first address update, 300 ms after the
 * page's first state, and is used synchronously from then on.
 */
let encoder: typeof UrlEncode | null = null;
let encoderLoad: Promise<typeof UrlEncode> | null = null;

/** Loads the link encoder now (tests do, so that links are written synchronously as they were before). */
export function loadEncoder(): Promise<typeof UrlEncode> {
  encoderLoad ??= import("../../share/url-encode").then(
    (module) => (encoder = module),
    (error: unknown) => {
      encoderLoad = null; // offline for a moment: the next change or click tries again
      throw error;
    },
  );
  return encoderLoad;
}

const ENCODER_UNAVAILABLE: EncodeResult = {
  ok: false,
  reason: "The share link could not be made: the page could not load its link encoder. Check the connection.",
};

/** tryEncodeState on this thread: now when the encoder is loaded, else once it is. */
function encodeHere(shared: SharedState): EncodeResult | Promise<EncodeResult> {
  if (encoder !== null) return encoder.tryEncodeState(shared);
  return loadEncoder().then(
    (module) => module.tryEncodeState(shared),
    () => ENCODER_UNAVAILABLE,
  );
}

// ---------------------------------------------------------------- mapping

/** App state → link state. Build-arg rows become a map read exactly as toAnalyzeOptions reads them. */
export function toShared(state: AppState): SharedState {
  const args = new Map<string, string>();
  for (const row of state.buildArgs) {
    const key = row.key.trim();
    if (key !== "") args.set(key, row.value);
  }
  // fromEntries, not assignment: a build arg named "__proto__" stays a build arg.
  const buildArgs = Object.fromEntries(args);
  return {
    text: state.text,
    platforms: state.platforms,
    buildPlatform: state.buildPlatform,
    buildArgs,
    target: state.target,
    fixStyle: state.fixStyle,
    view: {
      tab: state.view.tab === "results" ? "" : state.view.tab,
      cell: state.view.cell ? { mount: state.view.cell.mount, platform: state.view.cell.platformIndex } : null,
      rule: state.view.rule ?? "",
    },
  };
}

/** Link state → app state. An unknown tab falls back to the results (a newer link on an older app). */
export function fromShared(shared: SharedState): AppState {
  const buildArgs: BuildArgRow[] = Object.entries(shared.buildArgs).map(([key, value]) => ({ key, value }));
  const tab = TABS.find((t) => t === shared.view.tab) ?? "results";
  return {
    text: shared.text,
    platforms: shared.platforms,
    buildPlatform: shared.buildPlatform,
    buildArgs,
    target: shared.target,
    fixStyle: shared.fixStyle,
    view: {
      tab,
      cell: shared.view.cell ? { mount: shared.view.cell.mount, platformIndex: shared.view.cell.platform } : null,
      rule: shared.view.rule === "" ? null : shared.view.rule,
      example: null,
    },
  };
}

// ---------------------------------------------------------------- start-up

export interface Session extends DraftBoot {
  /** What the address asked for. */
  readonly link: Link;
  /** A broken link's reason (or an unknown example), for the notice; null otherwise. */
  readonly broken: string | null;
  /** Leave a short link (`#rule/…`, `#example/…`, a broken one) in the address until the state changes. */
  readonly keepHash: boolean;
}

/**
 * The state to start with, from the address's hash and the autosaved draft.
 * Pure apart from its defaults: call it once, e.g. `useState(() => startSession())`.
 */
export function startSession(
  hash: string = typeof location === "undefined" ? "" : location.hash,
  draft: StoredDraft | null = loadDraft(),
): Session {
  const base = draft?.state ?? DEFAULT_STATE;
  const link = readLink(hash);
  const displacing = (state: AppState) =>
    draft && isUserWork(draft.state) && !sameContent(draft.state, state) ? draft : null;
  switch (link.kind) {
    case "state": {
      const state = fromShared(link.state);
      return { link, state, displacedDraft: displacing(state), broken: null, keepHash: false };
    }
    case "example": {
      const action = exampleAction(link.id);
      if (!action) {
        const broken = `This example link names no example the playground has: “${link.id}”. Your draft is open instead.`;
        return { link, state: base, displacedDraft: null, broken, keepHash: true };
      }
      const state = reducer({ ...base, view: DEFAULT_VIEW }, action);
      return { link, state, displacedDraft: displacing(state), broken: null, keepHash: true };
    }
    case "rule":
      return {
        link,
        state: { ...base, view: { ...DEFAULT_VIEW, rule: link.id } },
        displacedDraft: null,
        broken: null,
        keepHash: true,
      };
    case "broken":
      return { link, state: base, displacedDraft: null, broken: link.reason, keepHash: true };
    case "none":
      return { link, state: base, displacedDraft: null, broken: null, keepHash: false };
  }
}

// ---------------------------------------------------------------- hook

export type LinkResult = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string };

export interface PermalinkApi {
  /** The reason the link in the address could not be opened, for a notice; null when fine. */
  readonly broken: string | null;
  readonly dismissBroken: () => void;
  /** Set when the state cannot become a link (over 1 MiB); the address then keeps its last link. */
  readonly linkError: string | null;
  /** The permalink of the current state (for "Copy link"), computed on demand (the encoder may still be loading). */
  readonly currentLink: () => Promise<LinkResult>;
  /** `#rule/<id>` on this page's address (for rule links in the Markdown export). */
  readonly rulePageUrl: (id: string) => string;
  /** `#example/<id>` on this page's address. */
  readonly exampleUrl: (id: string) => string;
}

/** This page's address without its hash and without `?embed`. */
export function pageBase(): string {
  if (typeof location === "undefined") return "";
  const url = new URL(location.href);
  url.hash = "";
  url.searchParams.delete("embed");
  return url.href;
}

/**
 * Keeps the address bar a permalink of `state` and opens links pasted into this
 * tab. `open` replaces the state keeping the current draft recoverable (use
 * useDraft's replaceKeepingDraft); `dispatch` is useDraft's dispatch.
 */
export function usePermalink(
  state: AppState,
  session: Session,
  open: (next: AppState) => void,
  dispatch: AppDispatch,
): PermalinkApi {
  const [broken, setBroken] = useState<string | null>(session.broken);
  const [linkError, setLinkError] = useState<string | null>(null);
  // The hash the address holds for the current state; null = write one at the next change check.
  const written = useRef<string | null>(null);
  const kept = useRef<AppState | null>(session.keepHash ? session.state : null);

  useEffect(() => {
    const keptState = kept.current;
    if (keptState && sameContent(keptState, state) && sameView(keptState, state)) return;
    kept.current = null;
    let stale = false;
    const write = (r: EncodeResult) => {
      // A missing encoder is not the state's fault: keep the last link and try at the next change.
      if (stale || r === ENCODER_UNAVAILABLE) return;
      if (!r.ok) {
        setLinkError(r.reason);
        return;
      }
      setLinkError(null);
      if (r.hash === written.current && location.hash === r.hash) return;
      written.current = r.hash;
      if (location.hash !== r.hash) history.replaceState(history.state, "", r.hash);
    };
    const timer = setTimeout(() => {
      const shared = toShared(state);
      if (shared.text.length < ENCODE_OFF_THREAD_CHARS || typeof Worker !== "function") {
        const result = encodeHere(shared);
        if (result instanceof Promise) void result.then(write);
        else write(result);
      } else
        void import("../permalink/encode-off-thread")
          .then(({ encodeOffThread }) => encodeOffThread(shared))
          // Offline before the encoder worker ever loaded: encode here, as small texts are.
          .catch(() => encodeHere(shared))
          .then(write);
    }, WRITE_DELAY_MS);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [state]);

  // A link pasted into the address of an open tab changes only the hash: no reload.
  useEffect(() => {
    const onHashChange = () => {
      if (location.hash === written.current) return;
      const link = readLink(location.hash);
      switch (link.kind) {
        case "state":
          written.current = location.hash;
          setBroken(null);
          open(fromShared(link.state));
          return;
        case "rule":
          setBroken(null);
          dispatch({ type: "open-rule", rule: link.id });
          return;
        case "example": {
          const action = exampleAction(link.id);
          if (action) {
            setBroken(null);
            dispatch(action);
          } else {
            setBroken(`This example link names no example the playground has: “${link.id}”.`);
          }
          return;
        }
        case "broken":
          setBroken(link.reason);
          return;
        case "none":
          return;
      }
    };
    window.addEventListener("hashchange", onHashChange);
    return () => window.removeEventListener("hashchange", onHashChange);
  }, [open, dispatch]);

  // Reads the state at call time (a click): stable, so the share buttons do not re-render per keystroke.
  const latest = useRef(state);
  useEffect(() => {
    latest.current = state;
  }, [state]);
  const currentLink = useCallback(async (): Promise<LinkResult> => {
    const r = await encodeHere(toShared(latest.current));
    return r.ok ? { ok: true, url: pageBase() + r.hash } : r;
  }, []);

  const rulePageUrl = useCallback((id: string) => ruleLink(pageBase(), id), []);
  const exampleUrl = useCallback((id: string) => exampleLink(pageBase(), id), []);
  const dismissBroken = useCallback(() => setBroken(null), []);

  return useMemo(
    () => ({ broken, dismissBroken, linkError, currentLink, rulePageUrl, exampleUrl }),
    [broken, dismissBroken, linkError, currentLink, rulePageUrl, exampleUrl],
  );
}

function sameView(a: AppState, b: AppState): boolean {
  return (
    a.view.tab === b.view.tab &&
    a.view.rule === b.view.rule &&
    a.view.cell?.mount === b.view.cell?.mount &&
    a.view.cell?.platformIndex === b.view.cell?.platformIndex
  );
}

// ---------------------------------------------------------------- all together

export interface SharedPlayground {
  readonly state: AppState;
  /** Dispatch for the whole UI (loading an example keeps the current work recoverable). */
  readonly dispatch: AppDispatch;
  readonly draft: DraftApi;
  readonly permalink: PermalinkApi;
}

/**
 * The playground state with links and drafts wired in: a drop-in for
 * `useReducer(reducer, DEFAULT_STATE)` in App. Opens the link in the address (or
 * the saved draft) before the first render, autosaves, and keeps the address a permalink.
 * `boot` may supply that start-up session when it was read earlier.
 */
export function useSharedPlayground(boot?: () => Session | null): SharedPlayground {
  // `boot`: the session analysis/early-start.ts already read (and started analysing) before the first render.
  const [session] = useState(() => boot?.() ?? startSession());
  const [state, rawDispatch] = useReducer(reducer, session.state);
  const draft = useDraft(state, rawDispatch, session);
  const permalink = usePermalink(state, session, draft.replaceKeepingDraft, draft.dispatch);
  return { state, dispatch: draft.dispatch, draft, permalink };
}
