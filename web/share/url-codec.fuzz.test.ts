/**
 * Hostile share links (robustness issue): random text, random bytes, every
 * truncation, every bit flip, wrong versions, decompression bombs, invalid
 * UTF-8, JSON of the wrong shape, prototype-pollution attempts. Every case
 * gives { ok: false, reason } in plain words from the decoder's own list (the
 * catch-all safety net must never be what answers), or a complete, well-formed
 * state; nothing throws and nothing leaks into Object.prototype.
 */
import type * as Fflate from "fflate";
import { deflateSync } from "fflate";
import fc from "fast-check";
import { afterAll, describe, expect, it, vi } from "vitest";
import { decodeBase64Url, encodeBase64Url } from "./base64url";
import type { SharedState } from "./share-state";
import { FIX_STYLES, V1_DEFAULTS } from "./share-state";
import { decodeHash, encodeState, MAX_DECODED_BYTES, readLink } from "./url-codec";

// Counts what the codec's Inflate produces, to prove a bomb is refused before 1 MiB is passed by much.
const produced = vi.hoisted(() => ({ bytes: 0 }));
vi.mock("fflate", async (importOriginal) => {
  const real = await importOriginal<typeof Fflate>();
  class CountingInflate extends real.Inflate {
    constructor(cb: (data: Uint8Array, final: boolean) => void) {
      super((data, final) => {
        produced.bytes += data.length;
        cb(data, final);
      });
    }
  }
  return { ...real, Inflate: CountingInflate };
});

const NET = "This share link could not be read: it is damaged. Copy the whole link again.";
const INCOMPLETE =
  "This share link is incomplete: it ends before the Dockerfile does. It was probably cut off when it was copied; copy the whole link again.";
const NOT_A_LINK = "This is not a share link: it should start with “#v1=”.";
const EMPTY = "This share link is empty: nothing follows “#v1=”. It was probably cut off when it was copied.";
const BAD_DEFLATE = "This share link is damaged: its compressed data is invalid. Copy the whole link again.";
const NOT_UTF8 = "This share link is damaged: its content is not UTF-8 text, so the playground did not make it.";
const NOT_JSON = "This share link is damaged: its content is not the JSON the playground writes.";
const NOT_STATE = "This share link is damaged: its content is not a playground state.";
const TOO_BIG =
  "This share link holds more than 1 MiB of text, more than the playground opens; it was not made by the playground.";

/** Every reason the decoder gives for these cases: its own words, never the safety net's. */
const KNOWN = new Set([INCOMPLETE, NOT_A_LINK, EMPTY, BAD_DEFLATE, NOT_UTF8, NOT_JSON, NOT_STATE, TOO_BIG]);
const KNOWN_PATTERNS = [
  /^This share link contains “.+” \(character \d+ after “#v1=”\), which share links never contain\. It was probably changed when it was pasted; copy the whole link again\.$/su,
  /^This share link is damaged: its .+ should be .+\. The playground did not make it\.$/su,
  /^This share link uses format v\d+, made by a newer version of the playground than this one, which opens v1 links\. Reload the page to get the newest version\.$/u,
  /^This share link uses an unknown format \(v\d+\); the playground opens v1 links\.$/u,
];

const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** Decodes one hostile hash and checks the answer; returns it for more specific checks. */
function decodeChecked(hash: string): ReturnType<typeof decodeHash> {
  const r = decodeHash(hash);
  if (r.ok) {
    expectWellFormed(r.state);
    // A state that opened must survive being shared again.
    expect(decodeHash(encodeState(r.state))).toEqual(r);
  } else {
    expect(r.reason).not.toBe(NET);
    if (!KNOWN.has(r.reason) && !KNOWN_PATTERNS.some((p) => p.test(r.reason))) {
      throw new Error(`unexpected reason for ${JSON.stringify(hash.slice(0, 80))}: ${r.reason}`);
    }
  }
  return r;
}

function expectWellFormed(s: SharedState): void {
  expect(typeof s.text).toBe("string");
  expect(s.platforms.every((p) => typeof p === "string")).toBe(true);
  expect(typeof s.buildPlatform).toBe("string");
  expect(Object.getPrototypeOf(s.buildArgs)).toBe(Object.prototype);
  expect(Object.values(s.buildArgs).every((v) => typeof v === "string")).toBe(true);
  expect(typeof s.target).toBe("string");
  expect(FIX_STYLES).toContain(s.fixStyle);
  expect(typeof s.view.tab).toBe("string");
  expect(typeof s.view.rule).toBe("string");
  if (s.view.cell !== null)
    expect(Number.isSafeInteger(s.view.cell.mount) && Number.isSafeInteger(s.view.cell.platform)).toBe(true);
}

const linkOf = (json: string | Uint8Array) =>
  `#v1=${encodeBase64Url(deflateSync(typeof json === "string" ? new TextEncoder().encode(json) : json))}`;

const sharedState: fc.Arbitrary<SharedState> = fc.record({
  text: fc.string({ unit: "binary", maxLength: 300 }),
  platforms: fc.array(fc.constantFrom("linux/amd64", "linux/arm64", "linux/arm/v7", "x"), { maxLength: 4 }),
  buildPlatform: fc.constantFrom("linux/amd64", "linux/arm64"),
  buildArgs: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
  target: fc.string({ maxLength: 10 }),
  fixStyle: fc.constantFrom(...FIX_STYLES),
  view: fc.record({
    tab: fc.string({ maxLength: 6 }),
    cell: fc.option(fc.record({ mount: fc.nat(50), platform: fc.nat(5) })),
    rule: fc.string({ maxLength: 10 }),
  }),
});

afterAll(() => {
  // Nothing any link held reached Object.prototype.
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
});

// Thousands of decodes per test: generous on a loaded CI box.
vi.setConfig({ testTimeout: 120_000 });

describe("decodeHash on hostile links", () => {
  it("answers 2,000 random strings in its own words", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => void decodeChecked(s)),
      { seed: 81, numRuns: 2000 },
    );
  });

  it("answers 2,000 random payloads after #v1= in its own words", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => void decodeChecked(`#v1=${encodeBase64Url(b)}`)),
      { seed: 82, numRuns: 2000 },
    );
  });

  it("flags every truncation of 40 links (random states) as broken", () => {
    for (const s of fc.sample(sharedState, { seed: 83, numRuns: 40 })) {
      const hash = encodeState(s);
      expect(decodeChecked(hash)).toEqual({ ok: true, state: s });
      for (let n = 0; n < hash.length; n++) expect(decodeChecked(hash.slice(0, n)).ok, `cut at ${n}`).toBe(false);
    }
  });

  it("answers every single-bit flip of the compressed bytes of 15 links", () => {
    // DEFLATE has no checksum: a flip may still decode, to another well-formed state.
    for (const s of fc.sample(sharedState, { seed: 84, numRuns: 15 })) {
      const b = decodeBase64Url(encodeState(s).slice(4));
      if (!b.ok) throw new Error("encodeState wrote bad base64url");
      for (let i = 0; i < b.bytes.length; i++) {
        for (let bit = 0; bit < 8; bit++) {
          const flipped = b.bytes.slice();
          flipped[i] = (flipped[i] ?? 0) ^ (1 << bit);
          decodeChecked(`#v1=${encodeBase64Url(flipped)}`);
        }
      }
    }
  });

  it("answers 2,000 links with one character replaced, inserted or removed", () => {
    const base = encodeState({
      ...V1_DEFAULTS,
      text: "FROM alpine\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n",
    });
    const edit = fc.tuple(
      fc.nat(base.length - 1),
      fc.constantFrom("replace", "insert", "remove"),
      fc.string({ unit: "binary", minLength: 1, maxLength: 2 }),
    );
    fc.assert(
      fc.property(edit, ([at, how, c]) => {
        const i = Math.max(4, at);
        const hash = base.slice(0, i) + (how === "remove" ? "" : c) + base.slice(how === "insert" ? i : i + 1);
        decodeChecked(hash);
      }),
      { seed: 85, numRuns: 2000 },
    );
  });

  it("flags wrong versions in plain words", () => {
    const newer = (v: string) =>
      `This share link uses format v${v}, made by a newer version of the playground than this one, which opens v1 links. Reload the page to get the newest version.`;
    const cases: [string, string][] = [
      ["#v0=abc", "This share link uses an unknown format (v0); the playground opens v1 links."],
      ["#v01=abc", "This share link uses an unknown format (v01); the playground opens v1 links."],
      ["#v2=abc", newer("2")],
      ["#v99999999999999999999999=abc", newer("99999999999999999999999")],
      ["#v=abc", NOT_A_LINK],
      ["#V1=abc", NOT_A_LINK],
      ["#v1", EMPTY],
      ["#v1=", EMPTY],
      [" #v1=abc", NOT_A_LINK],
    ];
    for (const [hash, reason] of cases) expect(decodeChecked(hash), hash).toEqual({ ok: false, reason });
  });
});

describe("decompression bombs", () => {
  it("opens a link of exactly 1 MiB of JSON and refuses one byte more", () => {
    const json = (n: number) => `{"d":"${"a".repeat(n - 8)}"}`;
    const at = decodeChecked(linkOf(json(MAX_DECODED_BYTES)));
    expect(at.ok && at.state.text.length).toBe(MAX_DECODED_BYTES - 8);
    expect(decodeChecked(linkOf(json(MAX_DECODED_BYTES + 1)))).toEqual({ ok: false, reason: TOO_BIG });
  });

  it("refuses a 22 KB link that would inflate to 16 MiB before inflating much past 1 MiB", () => {
    const hash = linkOf(new Uint8Array(16 * 1024 * 1024).fill(0x20));
    expect(hash.length).toBeLessThan(24_000);
    produced.bytes = 0;
    expect(decodeChecked(hash)).toEqual({ ok: false, reason: TOO_BIG });
    expect(produced.bytes).toBeLessThan(2 * MAX_DECODED_BYTES);
  });

  it("refuses a bomb that is valid JSON all the way (a 4 MiB Dockerfile of one repeated line)", () => {
    const hash = linkOf(`{"d":"${"RUN --mount=type=cache,target=/c true\\n".repeat(100_000)}"}`);
    produced.bytes = 0;
    expect(decodeChecked(hash)).toEqual({ ok: false, reason: TOO_BIG });
    expect(produced.bytes).toBeLessThan(2 * MAX_DECODED_BYTES);
  });

  it("refuses a bomb hidden after a valid state (trailing bytes past the JSON)", () => {
    const bytes = new Uint8Array(8 * 1024 * 1024).fill(0x20);
    bytes.set(new TextEncoder().encode('{"d":"FROM a"}'));
    produced.bytes = 0;
    expect(decodeChecked(linkOf(bytes))).toEqual({ ok: false, reason: TOO_BIG });
    expect(produced.bytes).toBeLessThan(2 * MAX_DECODED_BYTES);
  });
});

describe("content that is not the playground's", () => {
  it("flags invalid UTF-8 in plain words", () => {
    const prefix = [...new TextEncoder().encode('{"d":"')];
    for (const bad of [
      [0xff],
      [0xc3, 0x28],
      [0xed, 0xa0, 0x80],
      [0xc0, 0xaf],
      [0xe6, 0x97],
      [0xf4, 0x90, 0x80, 0x80],
    ]) {
      expect(decodeChecked(linkOf(Uint8Array.from([...prefix, ...bad, 0x22, 0x7d])))).toEqual({
        ok: false,
        reason: NOT_UTF8,
      });
    }
  });

  it("flags text that is not JSON, and JSON that is not an object, in plain words", () => {
    expect(decodeChecked(linkOf("not json"))).toEqual({ ok: false, reason: NOT_JSON });
    expect(decodeChecked(linkOf(`{"d":"${"x".repeat(10)}`))).toEqual({ ok: false, reason: NOT_JSON });
    for (const json of ["null", "[]", "1", '"d"', "true"])
      expect(decodeChecked(linkOf(json))).toEqual({ ok: false, reason: NOT_STATE });
  });

  it("answers 1,000 random JSON values in its own words", () => {
    const wire = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          d: fc.jsonValue(),
          p: fc.jsonValue(),
          a: fc.jsonValue(),
          t: fc.jsonValue(),
          s: fc.jsonValue(),
          v: fc.jsonValue(),
        },
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(wire, (w) => void decodeChecked(linkOf(JSON.stringify(w) ?? "null"))),
      { seed: 86, numRuns: 1000 },
    );
  });

  it("keeps __proto__ and constructor build args as build args, and leaves Object.prototype alone", () => {
    const r = decodeChecked(linkOf('{"a":{"__proto__":"x","constructor":"y"},"__proto__":{"polluted":"1"}}'));
    expect(r.ok && Object.keys(r.state.buildArgs)).toEqual(["__proto__", "constructor"]);
    expect(r.ok && Object.getPrototypeOf(r.state.buildArgs)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("answers a JSON array nested 400,000 deep without a stack overflow escaping", () => {
    // V8's JSON.parse is not recursive; the view is not an object, so it falls back to the default.
    expect(decodeChecked(linkOf(`{"v":${"[".repeat(400_000)}${"]".repeat(400_000)}}`))).toEqual({
      ok: true,
      state: V1_DEFAULTS,
    });
  });

  it("keeps lone surrogates that the JSON escapes", () => {
    const r = decodeChecked(linkOf('{"d":"\\ud800x\\udc00"}'));
    expect(r.ok && r.state.text).toBe("\uD800x\uDC00");
  });
});

describe("readLink on hostile page links", () => {
  it("flags rule and example links that name nothing, quoting them as text", () => {
    expect(readLink("#rule/javascript:alert(1)")).toEqual({
      kind: "broken",
      reason: "This rule link does not name a rule: “javascript:alert(1)” is not a rule id.",
    });
    expect(readLink("#example/%E0%A4%A")).toEqual({
      kind: "broken",
      reason: "This example link does not name a example: “%E0%A4%A” is not a example id.",
    });
  });

  it("answers 2,000 random rule and example links without throwing", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("#rule/", "#example/", "rule/", "#v1=", ""),
        fc.string({ unit: "binary", maxLength: 60 }),
        (p, s) => {
          const r = readLink(p + s);
          expect(["none", "state", "rule", "example", "broken"]).toContain(r.kind);
          if (r.kind === "broken") expect(r.reason).not.toBe(NET);
        },
      ),
      { seed: 87, numRuns: 2000 },
    );
  });
});
