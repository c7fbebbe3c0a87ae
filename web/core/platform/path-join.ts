/** Go path.Clean (lexical: collapse `//`, drop `.`, resolve `..`). */
export function goPathClean(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  let leadingDotDots = 0;
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (out.length > leadingDotDots) out.pop();
      else if (!rooted) {
        out.push("..");
        leadingDotDots++;
      }
      continue;
    }
    out.push(seg);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

/** Go path.Join: the non-empty elements joined by `/`, cleaned; "" if all are empty. */
export function goPathJoin(...elems: string[]): string {
  const nonEmpty = elems.filter((e) => e !== "");
  return nonEmpty.length === 0 ? "" : goPathClean(nonEmpty.join("/"));
}
