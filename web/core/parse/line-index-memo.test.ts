import { describe, expect, it } from "vitest";
import { parseDockerfile } from "./index";
import { lineIndexOf } from "./line-index-memo";

describe("lineIndexOf", () => {
  it("keeps one LineIndex per parse and text", () => {
    const text = "FROM alpine\nRUN true\n";
    const parsed = parseDockerfile(text);
    const a = lineIndexOf(parsed, text);
    expect(lineIndexOf(parsed, text)).toBe(a);
    expect(a.lineOf(text.indexOf("RUN"))).toBe(2);
  });
  it("resolves a different text with a fresh index", () => {
    const text = "FROM alpine\nRUN true\n";
    const parsed = parseDockerfile(text);
    const a = lineIndexOf(parsed, text);
    const other = "\n\nFROM alpine\nRUN true\n";
    const b = lineIndexOf(parsed, other);
    expect(b).not.toBe(a);
    expect(b.lineOf(other.indexOf("RUN"))).toBe(4);
  });
});
