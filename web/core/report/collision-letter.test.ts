import { describe, expect, it } from "vitest";
import { collisionLetter } from "./collision-letter";

describe("collisionLetter", () => {
  it("counts A…Z, then AA…ZZ, then AAA, like spreadsheet columns", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(collisionLetter)).toEqual([
      "A",
      "B",
      "Z",
      "AA",
      "AB",
      "AZ",
      "BA",
      "ZZ",
      "AAA",
    ]);
  });

  it("gives every index its own letters", () => {
    const seen = new Set(Array.from({ length: 2000 }, (_, i) => collisionLetter(i)));
    expect(seen.size).toBe(2000);
  });
});
