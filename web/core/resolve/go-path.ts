/**
 * Go's `path` package (slash-separated paths), as BuildKit uses it on Linux:
 * `path.Clean` defaults the cache id (convert_runmount.go), `path.Join` /
 * `filepath.Join` place relative mount targets under WORKDIR and normalize
 * WORKDIR itself (util/system/path.go). Lexical only, like Go.
 */

/** Go `path.Clean`: collapse `//`, drop `.`, resolve `..` lexically, no trailing `/`, `""` → `.`. */
export function clean(p: string): string {
  if (p === "") return ".";
  // Most paths (cache targets, WORKDIRs) are already clean: no new string for them.
  if (isClean(p)) return p;
  const rooted = p.charCodeAt(0) === 47;
  const n = p.length;
  // `out` is built as a string; `dotdot` is the index where `..` can no longer backtrack.
  let out = rooted ? "/" : "";
  let r = rooted ? 1 : 0;
  let dotdot = rooted ? 1 : 0;
  while (r < n) {
    const c = p.charCodeAt(r);
    if (c === 47) {
      r++;
    } else if (c === 46 && (r + 1 === n || p.charCodeAt(r + 1) === 47)) {
      r++;
    } else if (c === 46 && p.charCodeAt(r + 1) === 46 && (r + 2 === n || p.charCodeAt(r + 2) === 47)) {
      r += 2;
      if (out.length > dotdot) {
        // Backtrack to the previous slash (but not before dotdot).
        let w = out.length - 1;
        while (w > dotdot && out.charCodeAt(w) !== 47) w--;
        out = out.slice(0, w);
      } else if (!rooted) {
        out = out.length > 0 ? out + "/.." : "..";
        dotdot = out.length;
      }
    } else {
      if ((rooted && out.length !== 1) || (!rooted && out.length !== 0)) out += "/";
      const start = r;
      while (r < n && p.charCodeAt(r) !== 47) r++;
      out += p.slice(start, r);
    }
  }
  return out === "" ? "." : out;
}

/** No empty, `.` or `..` element and no trailing `/` (Clean would keep such a path as it is). */
function isClean(p: string): boolean {
  const n = p.length;
  let start = p.charCodeAt(0) === 47 ? 1 : 0;
  if (start === n) return n === 1; // "/"
  for (let i = start; i <= n; i++) {
    if (i < n && p.charCodeAt(i) !== 47) continue;
    const len = i - start;
    if (len === 0) return false;
    if (p.charCodeAt(start) === 46 && (len === 1 || (len === 2 && p.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

/** Go `path.Join` (and `filepath.Join` on Linux): join the non-empty elements with `/`, then Clean. */
export function join(...elems: readonly string[]): string {
  const parts = elems.filter((e) => e !== "");
  return parts.length === 0 ? "" : clean(parts.join("/"));
}

/** Go `path.IsAbs`. */
export function isAbs(p: string): boolean {
  return p.charCodeAt(0) === 47;
}
