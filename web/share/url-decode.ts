/**
 * Reading share links (the format: url-codec.ts): pure, synchronous, and it
 * never throws. Also the short `#rule/…` and `#example/…` links.
 *
 * Apart from the encoder (url-encode.ts) because the first table needs only
 * this half: the page's entry chunk carries it, the encoder loads later.
 */
import { Inflate } from "fflate";
import { decodeBase64Url } from "./base64url";
import type { SharedCell, SharedState, SharedView } from "./share-state";
import { FIX_STYLES, MAX_DECODED_BYTES, V1_DEFAULTS } from "./share-state";

/** Decoded links larger than this are refused before inflating further (a zip bomb fits in a tweet). */
export { MAX_DECODED_BYTES };

/** Input is inflated this many bytes at a time; DEFLATE expands at most ~1032×, so one step adds ≤ ~0.5 MiB. */
const INFLATE_STEP = 512;

export type DecodeResult =
  { readonly ok: true; readonly state: SharedState } | { readonly ok: false; readonly reason: string };

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

// ---------------------------------------------------------------- links

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
