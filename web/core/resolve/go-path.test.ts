import { describe, expect, it } from "vitest";
import { clean, join } from "./go-path";

// Go's own table (src/path/path_test.go cleantests).
const CLEAN: [string, string][] = [
  ["", "."],
  ["abc", "abc"],
  ["abc/def", "abc/def"],
  ["a/b/c", "a/b/c"],
  [".", "."],
  ["..", ".."],
  ["../..", "../.."],
  ["../../abc", "../../abc"],
  ["/abc", "/abc"],
  ["/", "/"],
  ["abc/", "abc"],
  ["abc/def/", "abc/def"],
  ["a/b/c/", "a/b/c"],
  ["./", "."],
  ["../", ".."],
  ["../../", "../.."],
  ["/abc/", "/abc"],
  ["abc//def//ghi", "abc/def/ghi"],
  ["//abc", "/abc"],
  ["///abc", "/abc"],
  ["//abc//", "/abc"],
  ["abc//", "abc"],
  ["abc/./def", "abc/def"],
  ["/./abc/def", "/abc/def"],
  ["abc/.", "abc"],
  ["abc/def/ghi/../jkl", "abc/def/jkl"],
  ["abc/def/../ghi/../jkl", "abc/jkl"],
  ["abc/def/..", "abc"],
  ["abc/def/../..", "."],
  ["/abc/def/../..", "/"],
  ["abc/def/../../..", ".."],
  ["/abc/def/../../..", "/"],
  ["abc/def/../../../ghi/jkl/../../../mno", "../../mno"],
  ["abc/./../def", "def"],
  ["abc//./../def", "def"],
  ["abc/../../././../def", "../../def"],
  // Cache targets of the spec (§3).
  ["/root//.cache/", "/root/.cache"],
  ["./node_modules/", "node_modules"],
  ["/a/../b", "/b"],
  ["/..", "/"],
  ["a/..", "."],
  // Names that start with dots are not `.` or `..` elements.
  [".cache", ".cache"],
  ["/root/.cache/go-build", "/root/.cache/go-build"],
  ["/a/..b/...", "/a/..b/..."],
  ["/a/.b/", "/a/.b"],
  ["a/b/.", "a/b"],
  ["/a/b/..", "/a"],
];

describe("path.Clean", () => {
  it.each(CLEAN)("cleans %j to %j", (input, want) => {
    expect(clean(input)).toBe(want);
  });
  it("keeps a clean result clean", () => {
    for (const [, want] of CLEAN) expect(clean(want)).toBe(want);
  });
});

describe("path.Join", () => {
  it.each([
    [["/", "", "x"], "/x"],
    [["/", "/app", "./node_modules/"], "/app/node_modules"],
    [["/", "/app", ""], "/app"],
    [["/", "", ""], "/"],
    [["/", "/app", "../.."], "/"],
    [["", ""], ""],
    [["a", "b/", "/c"], "a/b/c"],
  ] as [string[], string][])("joins %j to %j", (parts, want) => {
    expect(join(...parts)).toBe(want);
  });
});
