import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { MappedText } from "./source";
import { offsetAt, RunMappedText, sliceMapped, spanOf } from "./source";

/** "ab" from 10, "cde" from 20, "f" from 30, ending at 31: a logical line read in three pieces. */
const threeRuns = (): RunMappedText => new RunMappedText("abcdef", [0, 10, 2, 20, 5, 30], 0, 31);

/** The same text as a plain offsets array. */
const plain = (m: MappedText): MappedText => ({ text: m.text, offsets: Array.from(m.offsets) });

describe("RunMappedText", () => {
  it("maps each character through its run and keeps the end offset", () => {
    const m = threeRuns();
    expect(m.offsets).toEqual([10, 11, 20, 21, 22, 30, 31]);
    expect([0, 1, 2, 4, 5, 6].map((i) => m.offsetAt(i))).toEqual([10, 11, 20, 22, 30, 31]);
  });

  it("serialises as the plain text and offsets it stands for", () => {
    expect(JSON.parse(JSON.stringify(threeRuns().slice(1, 3)))).toEqual({ text: "bc", offsets: [11, 20, 21] });
  });

  it("keeps a single run without a table", () => {
    const m = RunMappedText.ofSource("FROM alpine AS a", 5, 11);
    expect(m.text).toBe("alpine");
    expect(m.offsets).toEqual([5, 6, 7, 8, 9, 10, 11]);
  });

  it("slices across runs, the end offset being the next character's unless given", () => {
    const m = threeRuns();
    const s = m.slice(1, 4);
    expect([s.text, s.offsets]).toEqual(["bcd", [11, 20, 21, 22]]);
    const t = s.slice(1, 3, 99);
    expect([t.text, t.offsets]).toEqual(["cd", [20, 21, 99]]);
    expect(m.slice(6, 6).offsets).toEqual([31]);
  });

  it("resolves offsetAt, sliceMapped and spanOf as the plain offsets array does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.nat(40),
        fc.nat(40),
        (pieces, x, y) => {
          // Pieces of the given lengths, each starting a gap after the previous one ends.
          const runs: number[] = [];
          let text = "";
          let offset = 0;
          for (const [length, gap] of pieces) {
            offset += gap;
            runs.push(text.length, offset);
            text += "x".repeat(length);
            offset += length;
          }
          const m = new RunMappedText(text, runs, 0, offset);
          const p = plain(m);
          const from = Math.min(x, y) % (text.length + 1);
          const to = Math.max(from, Math.max(x, y) % (text.length + 1));
          expect(offsetAt(m, from)).toBe(offsetAt(p, from));
          expect(spanOf(m, from, to)).toEqual(spanOf(p, from, to));
          expect(plain(sliceMapped(m, from, to))).toEqual(sliceMapped(p, from, to));
          expect(plain(sliceMapped(m, from, to, 7))).toEqual(sliceMapped(p, from, to, 7));
        },
      ),
      { numRuns: 300 },
    );
  });
});
