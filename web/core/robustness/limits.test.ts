import { describe, expect, it } from "vitest";
import { inputLimitError, MAX_INPUT_BYTES, utf8Length } from "../limits";

describe("the input limit", () => {
  it("keeps a Dockerfile of exactly 1 MiB", () => {
    expect(inputLimitError("a".repeat(MAX_INPUT_BYTES))).toBeNull();
  });

  it("flags one byte more, naming the limit, the size and whose limit it is", () => {
    expect(inputLimitError("a".repeat(MAX_INPUT_BYTES + 1))).toBe(
      "This Dockerfile is 1.0 MiB (1,048,577 bytes); the playground analyses at most 1 MiB, so it was not analysed. " +
        "This is the playground's limit, not BuildKit's: it keeps the analysis fast. Remove what is not part of the Dockerfile and try again.",
    );
  });

  it("flags a 5 MB paste", () => {
    expect(inputLimitError("RUN true\n".repeat(582_542))).toMatch(/^This Dockerfile is 5\.0 MiB \(5,242,878 bytes\);/);
  });

  it("counts UTF-8 bytes, not UTF-16 units: 400,000 × é is 800,000 bytes, 400,000 × 日 is 1,200,000", () => {
    expect(inputLimitError("é".repeat(400_000))).toBeNull();
    expect(inputLimitError("日".repeat(400_000))).toMatch(/\(1,200,000 bytes\)/);
  });

  it("counts a surrogate pair as 4 bytes and a lone surrogate as U+FFFD (3 bytes), as TextEncoder does", () => {
    for (const s of ["\u{1F600}", "\uD800", "\uDC00x", "a\uD800\uD800b", "é日\u{1F600}\0"]) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
