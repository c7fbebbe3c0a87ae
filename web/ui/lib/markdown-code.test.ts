import { describe, expect, it } from "vitest";
import { code } from "./markdown-code";

describe("code", () => {
  it("keeps plain keys in a single-backtick span", () => {
    expect(code("//var/cache/apk")).toBe("`//var/cache/apk`");
  });

  it("flags backtick runs with a longer, padded fence", () => {
    expect(code("a`b``c")).toBe("``` a`b``c ```");
  });

  it("escapes pipes so a key cannot end the table cell", () => {
    expect(code("x|y")).toBe("`x\\|y`");
  });
});
