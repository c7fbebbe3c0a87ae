import { describe, expect, it } from "vitest";
import { flat } from "./flat";

describe("flat", () => {
  it("keeps the text of the template literal, numbers included", () => {
    const name = "build";
    const line = 12;
    expect(flat`Stage ${name} on line ${line}.`).toBe("Stage build on line 12.");
  });
  it("keeps templates with no value, or only values", () => {
    expect(flat`plain`).toBe("plain");
    expect(flat``).toBe("");
    expect(flat`${"a"}${"b"}`).toBe("ab");
  });
  it("keeps every value, however many", () => {
    expect(flat`${1}-${2}-${3}-${4}-${5}-${6}.`).toBe("1-2-3-4-5-6.");
    expect(flat`<${"a"}|${"b"}|${"c"}|${"d"}|${"e"}>`).toBe("<a|b|c|d|e>");
  });
});
