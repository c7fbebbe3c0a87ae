import type * as Fflate from "fflate";
import { deflateSync } from "fflate";
import { describe, expect, it, vi } from "vitest";
import { encodeBase64Url } from "./base64url";
import { decodeHash, MAX_DECODED_BYTES } from "./url-codec";

// Counts what the codec's Inflate actually produces, to prove it stops early.
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

describe("the 1 MiB limit", () => {
  it("stops inflating a 64 MiB bomb shortly after 1 MiB", () => {
    const bomb = new Uint8Array(64 * 1024 * 1024).fill(0x61);
    const hash = `#v1=${encodeBase64Url(deflateSync(bomb, { level: 9 }))}`;
    produced.bytes = 0;
    expect(decodeHash(hash)).toEqual({
      ok: false,
      reason:
        "This share link holds more than 1 MiB of text, more than the playground opens; it was not made by the playground.",
    });
    expect(produced.bytes).toBeGreaterThan(MAX_DECODED_BYTES);
    expect(produced.bytes).toBeLessThan(2 * MAX_DECODED_BYTES);
  });
});
