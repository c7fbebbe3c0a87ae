/**
 * Template literals that make one flat string. `+` and plain templates build
 * a tree of partial strings in V8 (a cons string per piece), and the Report
 * keeps every trace sentence, key and identity alive: those trees were most
 * of the resolver's retained memory, copied by every garbage collection
 * while the analysis runs, and flattened again by whatever reads the text
 * (rules hashing keys, the worker's structured clone). Joining the pieces
 * writes one string of the final length instead.
 */
export function flat(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  const parts = new Array<string | number>(strings.length + values.length);
  parts[0] = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) {
    parts[2 * i + 1] = values[i] ?? "";
    parts[2 * i + 2] = strings[i + 1] ?? "";
  }
  return parts.join("");
}
