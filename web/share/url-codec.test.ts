import { readFileSync } from "node:fs";
import fc from "fast-check";
import { deflateSync, inflateSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decodeBase64Url, encodeBase64Url } from "./base64url";
import type { SharedState } from "./share-state";
import { FIX_STYLES, V1_DEFAULTS } from "./share-state";
import {
  decodeHash,
  encodeState,
  exampleLink,
  linkFor,
  MAX_DECODED_BYTES,
  readLink,
  ruleLink,
  tryEncodeState,
} from "./url-codec";

interface Fixtures {
  links: { name: string; hash: string; state: SharedState }[];
  broken: { name: string; hash: string; reason: string }[];
  pages: { name: string; hash: string; link: unknown }[];
}
const fixtures = JSON.parse(
  readFileSync(new URL("../../e2e/fixtures/links-v1.json", import.meta.url), "utf8"),
) as Fixtures;

/** The JSON inside a v1 hash, read with a decoder independent of ours. */
function wireOf(hash: string): string {
  const b64 = hash.slice("#v1=".length);
  return new TextDecoder().decode(inflateSync(Buffer.from(b64, "base64url")));
}
const rawLink = (json: string) =>
  `#v1=${Buffer.from(deflateSync(new TextEncoder().encode(json))).toString("base64url")}`;
const state = (o: Partial<SharedState>): SharedState => ({ ...V1_DEFAULTS, ...o });

describe("old links open forever (e2e/fixtures/links-v1.json)", () => {
  it("keeps the fixture file non-trivial", () => {
    expect(fixtures.links.length).toBeGreaterThanOrEqual(10);
    expect(fixtures.broken.length).toBeGreaterThanOrEqual(10);
  });
  for (const f of fixtures.links) {
    it(`keeps decoding: ${f.name}`, () => {
      expect(decodeHash(f.hash)).toEqual({ ok: true, state: f.state });
      expect(readLink(f.hash)).toEqual({ kind: "state", state: f.state });
    });
  }
  for (const f of fixtures.broken) {
    it(`flags a broken link in plain words: ${f.name}`, () => {
      expect(readLink(f.hash)).toEqual({ kind: "broken", reason: f.reason });
    });
  }
  for (const f of fixtures.pages) {
    it(`resolves ${f.name}`, () => {
      expect(readLink(f.hash)).toEqual(f.link);
    });
  }
});

describe("encodeState", () => {
  it("writes only non-default fields: the default state is an empty object", () => {
    expect(wireOf(encodeState(V1_DEFAULTS))).toBe("{}");
  });

  it("writes fields in a fixed order with build args sorted, so equal states give equal links", () => {
    const s = state({
      text: "FROM alpine\n",
      platforms: ["linux/arm/v7"],
      buildPlatform: "linux/arm64",
      buildArgs: { Z: "1", BUILDKIT_CACHE_MOUNT_NS: "ns" },
      target: "build",
      fixStyle: "TARGETARCH",
      view: { tab: "findings", cell: { mount: 2, platform: 0 }, rule: "cache-needs-locking" },
    });
    expect(wireOf(encodeState(s))).toBe(
      '{"d":"FROM alpine\\n","p":["linux/arm/v7"],"b":"linux/arm64","a":{"BUILDKIT_CACHE_MOUNT_NS":"ns","Z":"1"},' +
        '"t":"build","s":"TARGETARCH","v":{"t":"findings","c":[2,0],"r":"cache-needs-locking"}}',
    );
    const reordered = { ...s, buildArgs: { BUILDKIT_CACHE_MOUNT_NS: "ns", Z: "1" } };
    expect(encodeState(reordered)).toBe(encodeState(s));
  });

  it("keeps an empty platform list (it means the build platform), distinct from the default list", () => {
    expect(wireOf(encodeState(state({ platforms: [] })))).toBe('{"p":[]}');
  });

  it("uses only the base64url alphabet after the prefix", () => {
    const h = encodeState(state({ text: "FROM alpine\n".repeat(200) + "ü🐳\u0000" }));
    expect(h).toMatch(/^#v1=[A-Za-z0-9_-]+$/);
  });

  it("round-trips any state exactly", () => {
    const arbState: fc.Arbitrary<SharedState> = fc.record({
      text: fc.string({ unit: "binary", maxLength: 300 }),
      platforms: fc.array(fc.string({ maxLength: 20 }), { maxLength: 5 }),
      buildPlatform: fc.string({ maxLength: 20 }),
      buildArgs: fc
        .array(fc.tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 10 })), { maxLength: 4 })
        .map((entries) => Object.fromEntries([...new Map(entries)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))),
      target: fc.string({ maxLength: 10 }),
      fixStyle: fc.constantFrom(...FIX_STYLES),
      view: fc.record({
        tab: fc.string({ maxLength: 10 }),
        cell: fc.option(fc.record({ mount: fc.nat(), platform: fc.nat() }), { nil: null }),
        rule: fc.string({ maxLength: 10 }),
      }),
    });
    fc.assert(
      fc.property(arbState, (s) => {
        expect(decodeHash(encodeState(s))).toEqual({ ok: true, state: s });
      }),
    );
  });

  it("refuses states over 1 MiB in tryEncodeState and accepts exactly 1 MiB", () => {
    // {"d":"…"} adds 8 bytes around the text.
    const fits = state({ text: "a".repeat(MAX_DECODED_BYTES - 8) });
    const r = tryEncodeState(fits);
    expect(r.ok).toBe(true);
    expect(r.ok && decodeHash(r.hash)).toEqual({ ok: true, state: fits });
    const over = state({ text: "a".repeat(MAX_DECODED_BYTES - 7) });
    expect(tryEncodeState(over)).toEqual({
      ok: false,
      reason: "This Dockerfile is too large for a share link (1.0 MiB; links hold at most 1 MiB).",
    });
    expect(decodeHash(encodeState(over))).toEqual({
      ok: false,
      reason:
        "This share link holds more than 1 MiB of text, more than the playground opens; it was not made by the playground.",
    });
  });

  it("builds full URLs, replacing any hash already on the base", () => {
    const s = state({ text: "FROM alpine\n" });
    expect(linkFor("https://x.example/play/#v1=old", s)).toBe(`https://x.example/play/${encodeState(s)}`);
    expect(ruleLink("https://x.example/?embed#x", "cache-needs-locking")).toBe(
      "https://x.example/?embed#rule/cache-needs-locking",
    );
    expect(exampleLink("https://x.example/", "go-modules")).toBe("https://x.example/#example/go-modules");
  });
});

describe("decodeHash", () => {
  it("accepts the hash with or without its #", () => {
    const h = encodeState(state({ text: "FROM alpine\n" }));
    expect(decodeHash(h.slice(1))).toEqual(decodeHash(h));
  });

  it("flags a build-args object with a non-text value", () => {
    expect(decodeHash(rawLink('{"a":{"X":1}}'))).toEqual({
      ok: false,
      reason:
        "This share link is damaged: its build arguments (“a”) should be names with text values. The playground did not make it.",
    });
  });

  it("flags content that is JSON but not an object", () => {
    expect(decodeHash(rawLink("[1,2]"))).toEqual({
      ok: false,
      reason: "This share link is damaged: its content is not a playground state.",
    });
  });

  it("flags an unknown older format in plain words", () => {
    expect(decodeHash("#v0=abc")).toEqual({
      ok: false,
      reason: "This share link uses an unknown format (v0); the playground opens v1 links.",
    });
  });

  it("flags a v1 prefix without =", () => {
    expect(readLink("#v1")).toEqual({
      kind: "broken",
      reason: "This share link is empty: nothing follows “#v1=”. It was probably cut off when it was copied.",
    });
  });

  it("flags every truncation of a link as broken", () => {
    const s = state({ text: "FROM alpine AS base\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n" });
    const h = encodeState(s);
    for (let n = 4; n < h.length; n++) {
      const r = readLink(h.slice(0, n));
      expect(r.kind).toBe("broken");
    }
  });

  it("never throws, whatever the hash", () => {
    const valid = encodeState(state({ text: "FROM alpine\nRUN --mount=type=cache,target=/root/.cache true\n" }));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary" }),
          fc.string().map((s) => `#v1=${s}`),
          fc.tuple(fc.nat(), fc.string({ minLength: 1, maxLength: 3 })).map(([at, s]) => {
            const i = 4 + (at % (valid.length - 4));
            return valid.slice(0, i) + s + valid.slice(i + 1);
          }),
          fc.uint8Array({ maxLength: 200 }).map((b) => `#v1=${encodeBase64Url(b)}`),
        ),
        (hash) => {
          const r = readLink(hash);
          expect(["none", "state", "rule", "example", "broken"]).toContain(r.kind);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("base64url", () => {
  it("matches Node's base64url for every length remainder", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        const back = decodeBase64Url(text);
        expect(back.ok && Array.from(back.bytes)).toEqual(Array.from(bytes));
      }),
    );
  });

  it("flags a length no byte string encodes to", () => {
    expect(decodeBase64Url("AAAAA")).toEqual({ ok: false, kind: "bad-length" });
  });

  it("flags the standard alphabet's + and /", () => {
    expect(decodeBase64Url("ab+c")).toEqual({ ok: false, kind: "bad-character", char: "+", position: 2 });
  });
});
