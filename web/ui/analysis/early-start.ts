/**
 * Starts the first analysis as soon as this module is evaluated: before React's
 * first render, so the worker loads and analyses while React builds the page
 * (a share link's table shows sooner). The page's first state is read here,
 * once, and handed to the component that renders it (takeAppBoot /
 * takeEmbedBoot), so the link is decoded and the draft read only once.
 *
 * Mirrors web/main.tsx's choice between the embed view and the app.
 */
import { embedStart, type EmbedStart, isEmbedMode } from "../../share/ui/embed-start";
import { type Session, startSession } from "../hooks/use-permalink";
import { toAnalyzeOptions } from "../state";
import { AnalysisClient, spawnAnalysisWorker } from "../../worker/analysis-client";

export interface Boot<T> {
  /** What the page starts with. */
  readonly start: T;
  /** A client already analysing `start`'s text and options. */
  readonly client: AnalysisClient;
  /** The address's hash `start` was read from. */
  readonly hash: string;
}

let appBoot: Boot<Session> | null = null;
let embedBoot: Boot<EmbedStart> | null = null;

function begin(): void {
  const hash = location.hash;
  const client = new AnalysisClient(spawnAnalysisWorker);
  if (isEmbedMode()) {
    const start = embedStart(hash);
    client.request(start.state.text, toAnalyzeOptions(start.state));
    embedBoot = { start, client, hash };
  } else {
    const start = startSession(hash);
    client.request(start.state.text, toAnalyzeOptions(start.state));
    appBoot = { start, client, hash };
  }
}

function take<T>(boot: Boot<T> | null): Boot<T> | null {
  // A link opened in between (hashchange before the first render) makes the boot stale.
  if (boot === null || boot.hash !== location.hash) {
    boot?.client.stop();
    return null;
  }
  return boot;
}

/** The app's start, once (later calls, and a changed address, give null). */
export function takeAppBoot(): Boot<Session> | null {
  const boot = take(appBoot);
  appBoot = null;
  return boot;
}

/** The embed view's start, once. */
export function takeEmbedBoot(): Boot<EmbedStart> | null {
  const boot = take(embedBoot);
  embedBoot = null;
  return boot;
}

// Only on the playground's page (tests import these modules without a worker or a root).
if (typeof Worker === "function" && typeof document !== "undefined" && document.getElementById("root") !== null) {
  begin();
}
