/**
 * The share-link codec: pure, synchronous, versioned, and it never throws.
 *
 *   #v1=<base64url(deflate-raw(UTF-8 JSON))>   the whole playground state
 *   #rule/<id>                                 a rule page
 *   #example/<id>                              a gallery example
 *
 * The v1 JSON holds only fields that differ from the frozen V1_DEFAULTS:
 * `d` Dockerfile, `p` platforms, `b` build platform, `a` build args, `t` target,
 * `s` fix style, `v` view (`t` tab, `c` [mount, platform] cell, `r` rule page).
 * Raw DEFLATE + base64url is 31–37 % shorter than lz-string from medium files up
 * (stack-notes.md §6); fflate keeps it synchronous and identical in Node and browsers.
 *
 * Every link ever produced must keep opening: e2e/fixtures/links-v1.json pins them.
 */
import { deflateSync, Inflate } from "fflate";
import { decodeBase64Url, encodeBase64Url } from "./base64url";
import type { SharedCell, SharedState, SharedView } from "./share-state";
import { FIX_STYLES, V1_DEFAULTS } from "./share-state";

/** Decoded links larger than this are refused before inflating further (a zip bomb fits in a tweet). */
export const MAX_DECODED_BYTES = 1024 * 1024;

/** Input is inflated this many bytes at a time; DEFLATE expands at most ~1032×, so one step adds ≤ ~0.5 MiB. */
const INFLATE_STEP = 512;

export type DecodeResult =
  { readonly ok: true; readonly state: SharedState } | { readonly ok: false; readonly reason: string };

export type EncodeResult =
  { readonly ok: true; readonly hash: string } | { readonly ok: false; readonly reason: string };

/** Everything the address's `#…` part can ask for. */
export type Link =
  /** No link (empty hash, or an in-page anchor that is not ours). */
  | { readonly kind: "none" }
  | { readonly kind: "state"; readonly state: SharedState }
  | { readonly kind: "rule"; readonly id: string }
  | { readonly kind: "example"; readonly id: string }
  /** Looks like one of our links but cannot be opened; `reason` is for the user. */
  | { readonly kind: "broken"; readonly reason: string };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const VERSIONED = /^v(\d+)(?:=|$)/;

// ---------------------------------------------------------------- encoding

/** The v1 JSON object for a state: non-default fields only, in a fixed order, build args sorted. */
function toWire(state: SharedState): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  if (state.text !== V1_DEFAULTS.text) wire.d = state.text;
  if (!sameList(state.platforms, V1_DEFAULTS.platforms)) wire.p = [...state.platforms];
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
  return stripHash(base) + encodeState(state);
}

/** `#rule/<id>` on `base`. */
export function ruleLink(base: string, id: string): string {
  return `${stripHash(base)}#rule/${encodeURIComponent(id)}`;
}

/** `#example/<id>` on `base`. */
export function exampleLink(base: string, id: string): string {
  return `${stripHash(base)}#example/${encodeURIComponent(id)}`;
}

// ---------------------------------------------------------------- decoding

/** Reads any of our links from a `location.hash` (with or without the `#`). Never throws. */
export function readLink(hash: string): Link {
  const h = hash.startsWith("#") ? hash.slice(1) : hash;
  if (h === "") return { kind: "none" };
  if (VERSIONED.test(h)) {
    const r = decodeHash(h);
    return r.ok ? { kind: "state", state: r.state } : { kind: "broken", reason: r.reason };
  }
  for (const kind of ["rule", "example"] as const) {
    if (h.startsWith(`${kind}/`)) {
      const id = safeDecodeURIComponent(h.slice(kind.length + 1));
      if (id !== null && ID.test(id)) return { kind, id };
      return {
        kind: "broken",
        reason: `This ${kind} link does not name a ${kind}: “${shorten(id ?? h.slice(kind.length + 1))}” is not a ${kind} id.`,
      };
    }
  }
  // Some other in-page anchor: not ours to judge.
  return { kind: "none" };
}

/** Decodes a `#v1=…` hash (with or without the `#`) into a complete state. Never throws. */
export function decodeHash(hash: string): DecodeResult {
  try {
    return decodeUnsafe(hash.startsWith("#") ? hash.slice(1) : hash);
  } catch {
    // Every known failure is reported below with its own words; this is the net under them.
    return fail("This share link could not be read: it is damaged. Copy the whole link again.");
  }
}

function decodeUnsafe(h: string): DecodeResult {
  const m = VERSIONED.exec(h);
  if (!m) return fail("This is not a share link: it should start with “#v1=”.");
  const version = m[1] ?? "";
  if (version !== "1") {
    return fail(
      Number(version) > 1
        ? `This share link uses format v${version}, made by a newer version of the playground than this one, which opens v1 links. Reload the page to get the newest version.`
        : `This share link uses an unknown format (v${version}); the playground opens v1 links.`,
    );
  }
  const payload = h.slice(m[0].length);
  if (payload === "")
    return fail("This share link is empty: nothing follows “#v1=”. It was probably cut off when it was copied.");

  const b64 = decodeBase64Url(payload);
  if (!b64.ok) {
    return b64.kind === "bad-length"
      ? fail(INCOMPLETE)
      : fail(
          `This share link contains “${b64.char}” (character ${b64.position + 1} after “#v1=”), which share links never contain. It was probably changed when it was pasted; copy the whole link again.`,
        );
  }

  const inflated = inflateCapped(b64.bytes);
  if (!inflated.ok) return inflated;

  let json: string;
  try {
    json = new TextDecoder("utf-8", { fatal: true }).decode(inflated.bytes);
  } catch {
    return fail("This share link is damaged: its content is not UTF-8 text, so the playground did not make it.");
  }
  let wire: unknown;
  try {
    wire = JSON.parse(json);
  } catch {
    return fail("This share link is damaged: its content is not the JSON the playground writes.");
  }
  return fromWire(wire);
}

const INCOMPLETE =
  "This share link is incomplete: it ends before the Dockerfile does. It was probably cut off when it was copied; copy the whole link again.";

/** Inflates raw DEFLATE, stopping as soon as the output passes MAX_DECODED_BYTES. */
function inflateCapped(input: Uint8Array): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let over = false;
  const inflate = new Inflate((data) => {
    total += data.length;
    if (total > MAX_DECODED_BYTES) over = true;
    else chunks.push(data);
  });
  try {
    for (let at = 0; at < input.length && !over; at += INFLATE_STEP) {
      const end = Math.min(at + INFLATE_STEP, input.length);
      inflate.push(input.subarray(at, end), end === input.length);
    }
  } catch (e) {
    // fflate error code 0 is "unexpected EOF": the stream stops mid-way.
    const code = (e as { code?: unknown }).code;
    return fail(
      code === 0
        ? INCOMPLETE
        : "This share link is damaged: its compressed data is invalid. Copy the whole link again.",
    );
  }
  if (over) {
    return fail(
      "This share link holds more than 1 MiB of text, more than the playground opens; it was not made by the playground.",
    );
  }
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return { ok: true, bytes: out };
}

/** Checks the v1 JSON by hand and fills the defaults. Unknown fields are dropped. */
function fromWire(wire: unknown): DecodeResult {
  if (!isRecord(wire)) return fail("This share link is damaged: its content is not a playground state.");
  const bad = (field: string, what: string) =>
    fail(`This share link is damaged: its ${field} should be ${what}. The playground did not make it.`);

  let text = V1_DEFAULTS.text;
  if ("d" in wire) {
    if (typeof wire.d !== "string") return bad("Dockerfile (“d”)", "text");
    text = wire.d;
  }
  let platforms = V1_DEFAULTS.platforms;
  if ("p" in wire) {
    if (!Array.isArray(wire.p) || !wire.p.every((x) => typeof x === "string")) {
      return bad("platforms (“p”)", "a list of platform names");
    }
    platforms = wire.p as string[];
  }
  let buildPlatform = V1_DEFAULTS.buildPlatform;
  if ("b" in wire) {
    if (typeof wire.b !== "string") return bad("build platform (“b”)", "a platform name");
    buildPlatform = wire.b;
  }
  let buildArgs = V1_DEFAULTS.buildArgs;
  if ("a" in wire) {
    const a = wire.a;
    if (!isRecord(a) || !Object.values(a).every((x) => typeof x === "string")) {
      return bad("build arguments (“a”)", "names with text values");
    }
    // fromEntries defines own properties, so a "__proto__" build arg stays a build arg.
    buildArgs = Object.fromEntries(
      Object.keys(a)
        .sort()
        .map((k) => [k, a[k] as string]),
    );
  }
  let target = V1_DEFAULTS.target;
  if ("t" in wire) {
    if (typeof wire.t !== "string") return bad("target stage (“t”)", "a stage name");
    target = wire.t;
  }
  let fixStyle = V1_DEFAULTS.fixStyle;
  if ("s" in wire) {
    const s = FIX_STYLES.find((f) => f === wire.s);
    if (s === undefined) return bad("fix style (“s”)", `one of ${FIX_STYLES.join(", ")}`);
    fixStyle = s;
  }
  return {
    ok: true,
    state: { text, platforms, buildPlatform, buildArgs, target, fixStyle, view: viewFromWire(wire.v) },
  };
}

/** The view only decides what is on screen: invalid parts fall back to the default instead of failing. */
function viewFromWire(v: unknown): SharedView {
  if (!isRecord(v)) return V1_DEFAULTS.view;
  const tab = typeof v.t === "string" ? v.t : "";
  const rule = typeof v.r === "string" ? v.r : "";
  let cell: SharedCell | null = null;
  const c = v.c;
  if (Array.isArray(c) && c.length === 2 && c.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) {
    cell = { mount: c[0] as number, platform: c[1] as number };
  }
  return { tab, cell, rule };
}

// ---------------------------------------------------------------- helpers

function fail(reason: string): { ok: false; reason: string } {
  return { ok: false, reason };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function stripHash(url: string): string {
  const i = url.indexOf("#");
  return i < 0 ? url : url.slice(0, i);
}

function safeDecodeURIComponent(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function shorten(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
