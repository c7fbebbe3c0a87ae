/**
 * The link encoder worker, started on first use. Loaded lazily (use-permalink.ts
 * imports it for big texts only), so neither this module nor the worker is
 * part of the first table's download.
 */
import type { SharedState } from "../../share/share-state";
import type { EncodeResult } from "../../share/url-encode";
import type { EncodeReply, EncodeRequest } from "./encode-protocol";

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (result: EncodeResult) => void>();

function start(): Worker {
  const w = new Worker(new URL("./encode.worker.ts", import.meta.url), { type: "module", name: "link-encoder" });
  w.onmessage = (event: MessageEvent<EncodeReply>) => {
    const resolve = waiting.get(event.data.id);
    waiting.delete(event.data.id);
    resolve?.(event.data.result);
  };
  w.onerror = (event) => {
    // Rejected as an encoding failure: the address keeps its last link, as for a too-long one.
    const result: EncodeResult = { ok: false, reason: `The share link could not be encoded: ${event.message}` };
    for (const resolve of waiting.values()) resolve(result);
    waiting.clear();
    worker?.terminate();
    worker = null;
  };
  return w;
}

/** tryEncodeState(state), in a worker. */
export function encodeOffThread(state: SharedState): Promise<EncodeResult> {
  const id = nextId++;
  const request: EncodeRequest = { id, state };
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    (worker ??= start()).postMessage(request);
  });
}
