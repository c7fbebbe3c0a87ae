/**
 * Share-link length on the real-world corpus: our `#v1=` encoding (raw DEFLATE
 * level 9 + base64url of the link JSON, web/share/url-codec.ts) against lz-string's
 * compressToEncodedURIComponent (the TypeScript playground's `#code/` scheme).
 *
 *   npx tsx scripts/link-size.ts [corpus-dir]
 *
 * Lengths are of the part after the prefix (`#v1=` / `#code/`), in characters;
 * each file is encoded as a link with only its Dockerfile set (the other fields at
 * their defaults), which is what a link to the default platforms holds.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import LZString from "lz-string";
import { V1_DEFAULTS } from "../web/share/share-state";
import { decodeHash, encodeState } from "../web/share/url-codec";

const dir = process.argv[2] ?? new URL("../../shared/corpus", import.meta.url).pathname;

interface Row {
  readonly name: string;
  readonly bytes: number;
  readonly ours: number;
  readonly lz: number;
}

const rows: Row[] = [];
for (const entry of readdirSync(dir).sort()) {
  const file = join(dir, entry, "Dockerfile");
  if (!statSync(join(dir, entry)).isDirectory()) continue;
  const text = readFileSync(file, "utf8");
  const state = { ...V1_DEFAULTS, text };
  const hash = encodeState(state);
  const back = decodeHash(hash);
  if (!back.ok || back.state.text !== text) throw new Error(`${entry}: the link does not round-trip`);
  const lz = LZString.compressToEncodedURIComponent(text);
  if (LZString.decompressFromEncodedURIComponent(lz) !== text)
    throw new Error(`${entry}: lz-string does not round-trip`);
  rows.push({ name: entry, bytes: Buffer.byteLength(text), ours: hash.length - "#v1=".length, lz: lz.length });
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

const ours = rows.map((r) => r.ours);
const lz = rows.map((r) => r.lz);
const ratios = rows.map((r) => r.ours / r.lz);
console.log(`files:                 ${rows.length} (${dir})`);
console.log(
  `Dockerfile UTF-8 bytes: total ${fmt(sum(rows.map((r) => r.bytes)))}, median ${fmt(median(rows.map((r) => r.bytes)))}`,
);
console.log(`ours (#v1= deflate-raw + base64url): total ${fmt(sum(ours))}, median ${fmt(median(ours))} characters`);
console.log(`lz-string (compressToEncodedURIComponent): total ${fmt(sum(lz))}, median ${fmt(median(lz))} characters`);
console.log(
  `ratio ours / lz-string: total ${(sum(ours) / sum(lz)).toFixed(3)}, median of per-file ratios ${median(ratios).toFixed(3)} ` +
    `(min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)})`,
);
console.log(`ours shorter on ${rows.filter((r) => r.ours < r.lz).length} of ${rows.length} files`);
