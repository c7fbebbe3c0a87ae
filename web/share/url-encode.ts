/**
 * Writing share links: a state becomes `#v1=…` (the format: url-codec.ts).
 *
 * A module of its own because the page needs it only after the first table:
 * use-permalink.ts loads it for the address bar and "Copy link", and the build
 * gives it private copies of fflate and base64url.ts
 * (build/private-copy-plugin.ts), so the entry chunk carries only the inflater.
 */
import { deflateSync } from "fflate";
import { sameItems } from "../core/util/same-items";
import { encodeBase64Url } from "./base64url";
import type { SharedState } from "./share-state";
import { MAX_DECODED_BYTES, V1_DEFAULTS } from "./share-state";

export type EncodeResult =
  { readonly ok: true; readonly hash: string } | { readonly ok: false; readonly reason: string };

/** The v1 JSON object for a state: non-default fields only, in a fixed order, build args sorted. */
function toWire(state: SharedState): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  if (state.text !== V1_DEFAULTS.text) wire.d = state.text;
  if (!sameItems(state.platforms, V1_DEFAULTS.platforms)) wire.p = [...state.platforms];
  if (state.buildPlatform !== V1_DEFAULTS.buildPlatform) wire.b = state.buildPlatform;
  const argNames = Object.keys(state.buildArgs).sort();
  // Sorted so that equal states give equal links.
  if (argNames.length > 0) wire.a = Object.fromEntries(argNames.map((k) => [k, state.buildArgs[k]]));
  if (state.target !== V1_DEFAULTS.target) wire.t = state.target;
  if (state.fixStyle !== V1_DEFAULTS.fixStyle) wire.s = state.fixStyle;
  const view: Record<string, unknown> = {};
  if (state.view.tab !== "") view.t = state.view.tab;
  if (state.view.cell) view.c = [state.view.cell.mount, state.view.cell.platform];
  if (state.view.rule !== "") view.r = state.view.rule;
  if (Object.keys(view).length > 0) wire.v = view;
  return wire;
}

/** The UTF-8 JSON a v1 link compresses. JSON.stringify escapes lone surrogates, so any JS string round-trips. */
function wireBytes(state: SharedState): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(toWire(state)));
}

function hashOf(bytes: Uint8Array): string {
  return `#v1=${encodeBase64Url(deflateSync(bytes, { level: 9 }))}`;
}

/** `#v1=…` for a state, or a reason when the link could not be opened again (over 1 MiB). */
export function tryEncodeState(state: SharedState): EncodeResult {
  const bytes = wireBytes(state);
  if (bytes.length > MAX_DECODED_BYTES) {
    return {
      ok: false,
      reason: `This Dockerfile is too large for a share link (${formatMiB(bytes.length)}; links hold at most 1 MiB).`,
    };
  }
  return { ok: true, hash: hashOf(bytes) };
}

/** `#v1=…` for a state. States over 1 MiB give a link that decoding refuses: use tryEncodeState to know. */
export function encodeState(state: SharedState): string {
  return hashOf(wireBytes(state));
}

/** A full playground URL: `base` without its hash, then the state's hash. */
export function linkFor(base: string, state: SharedState): string {
  const i = base.indexOf("#");
  return (i < 0 ? base : base.slice(0, i)) + encodeState(state);
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
