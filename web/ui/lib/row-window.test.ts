import { describe, expect, it } from "vitest";
import { visibleRows } from "./row-window";

const base = { viewport: 800, rowPx: 50, total: 2000, overscan: 8, minimum: 30 };

describe("visibleRows", () => {
  it("keeps the first rows of a table at the top of the page", () => {
    expect(visibleRows({ ...base, top: 300 })).toEqual({ start: 0, end: 30 });
  });

  it("resolves the rows under a viewport scrolled into the table, with overscan", () => {
    // Body top 5,000 px above the viewport: rows 100–116 are visible.
    expect(visibleRows({ ...base, top: -5000 })).toEqual({ start: 92, end: 124 });
  });

  it("keeps the minimum when the viewport is short", () => {
    expect(visibleRows({ ...base, viewport: 100, top: -5000 })).toEqual({ start: 92, end: 122 });
  });

  it("keeps the last rows when scrolled past the table", () => {
    expect(visibleRows({ ...base, top: -200_000 })).toEqual({ start: 1970, end: 2000 });
  });

  it("keeps a short table whole", () => {
    expect(visibleRows({ ...base, total: 12, top: -100 })).toEqual({ start: 0, end: 12 });
  });
});
