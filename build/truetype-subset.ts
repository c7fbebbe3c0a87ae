/**
 * Empties the outlines of the glyphs nobody will see in a TrueType font.
 *
 * Monaco's icon font (codicon.ttf, ~650 icons) is 75 kB gzip, and the editor
 * shows a few dozen of them. Glyph ids, the character map and the metrics stay
 * as they are (every lookup still lands on a glyph, an emptied one draws
 * nothing); only `glyf`/`loca` shrink, and `post` drops its glyph names
 * (version 3, which renderers never need). Checksums are recomputed.
 *
 * Table layout: OpenType spec, "Font file" (table directory), "cmap" formats 4
 * and 12, "glyf" (composite glyphs), "loca", "post" and "head".
 */

interface Table {
  readonly tag: string;
  readonly offset: number;
  readonly length: number;
}

export interface SubsetResult {
  /** The new font. */
  readonly font: Uint8Array;
  /** Glyphs with an outline left (.notdef and the components of composite glyphs included). */
  readonly keptGlyphs: number;
  readonly totalGlyphs: number;
  /** Code points asked for that the font does not map. */
  readonly unmapped: readonly number[];
}

/** A font keeping the outlines of the glyphs that `keep`'s code points map to, and of glyph 0. */
export function subsetTrueType(font: Uint8Array, keep: Iterable<number>): SubsetResult {
  const { tables, head, longLoca, numGlyphs, loca, glyf, cmap } = readGlyphs(font);

  const glyphs = new Set<number>([0]);
  const unmapped: number[] = [];
  for (const cp of keep) {
    const g = cmap.get(cp);
    if (g === undefined) unmapped.push(cp);
    else glyphs.add(g);
  }
  // A composite glyph draws other glyphs: keep those too.
  for (const g of [...glyphs]) for (const c of components(font, glyf.offset, loca, g)) glyphs.add(c);

  const pieces: Uint8Array[] = [];
  const newLoca = new Uint32Array(numGlyphs + 1);
  let size = 0;
  for (let g = 0; g < numGlyphs; g++) {
    newLoca[g] = size;
    if (!glyphs.has(g)) continue;
    const data = font.subarray(glyf.offset + loca[g]!, glyf.offset + loca[g + 1]!);
    pieces.push(data);
    size += data.length;
    // 4-byte aligned glyphs: even offsets for the short loca format, and aligned reads for everyone.
    const pad = (4 - (data.length % 4)) % 4;
    if (pad > 0) {
      pieces.push(new Uint8Array(pad));
      size += pad;
    }
  }
  newLoca[numGlyphs] = size;

  const newGlyf = concat(pieces, size);
  const useLongLoca = longLoca || size > 0x1fffe;
  const locaBytes = new Uint8Array((numGlyphs + 1) * (useLongLoca ? 4 : 2));
  const locaView = viewOf(locaBytes);
  for (let g = 0; g <= numGlyphs; g++) {
    if (useLongLoca) locaView.setUint32(g * 4, newLoca[g]!);
    else locaView.setUint16(g * 2, newLoca[g]! / 2);
  }

  const replaced = new Map<string, Uint8Array>([
    ["glyf", newGlyf],
    ["loca", locaBytes],
  ]);
  const post = tables.find((t) => t.tag === "post");
  if (post !== undefined && post.length >= 32) {
    const p = font.slice(post.offset, post.offset + 32);
    viewOf(p).setUint32(0, 0x00030000);
    replaced.set("post", p);
  }
  const newHead = font.slice(head.offset, head.offset + head.length);
  viewOf(newHead).setInt16(50, useLongLoca ? 1 : 0);
  replaced.set("head", newHead);

  return {
    font: writeFont(font, tables, replaced),
    keptGlyphs: [...glyphs].filter((g) => g < numGlyphs && loca[g + 1]! > loca[g]!).length,
    totalGlyphs: numGlyphs,
    unmapped,
  };
}

/** The tables both functions read: the glyph count, where each outline is, and the character map. */
function readGlyphs(font: Uint8Array) {
  const tables = readTables(font);
  const view = viewOf(font);
  const head = table(tables, "head");
  const longLoca = view.getInt16(head.offset + 50) === 1;
  const numGlyphs = view.getUint16(table(tables, "maxp").offset + 4);
  const loca = readLoca(font, table(tables, "loca"), numGlyphs, longLoca);
  const glyf = table(tables, "glyf");
  const cmap = readCmap(font, table(tables, "cmap"));
  return { tables, head, longLoca, numGlyphs, loca, glyf, cmap };
}

/** The outline bytes of the glyph each code point maps to (empty when emptied or unmapped). */
export function outlinesOf(font: Uint8Array, codePoints: Iterable<number>): Map<number, Uint8Array> {
  const { numGlyphs, loca, glyf, cmap } = readGlyphs(font);
  const out = new Map<number, Uint8Array>();
  for (const cp of codePoints) {
    const g = cmap.get(cp);
    out.set(
      cp,
      g === undefined || g >= numGlyphs
        ? new Uint8Array(0)
        : font.subarray(glyf.offset + loca[g]!, glyf.offset + loca[g + 1]!),
    );
  }
  return out;
}

// ---------------------------------------------------------------- reading

function viewOf(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function readTables(font: Uint8Array): Table[] {
  const view = viewOf(font);
  const version = view.getUint32(0);
  // 0x00010000, or 'true' (Apple). 'OTTO' (CFF outlines) and collections have no glyf table.
  if (version !== 0x00010000 && version !== 0x74727565) {
    throw new Error(`truetype-subset: not a TrueType font (sfnt version 0x${version.toString(16)})`);
  }
  const count = view.getUint16(4);
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const at = 12 + i * 16;
    const tag = String.fromCharCode(font[at]!, font[at + 1]!, font[at + 2]!, font[at + 3]!);
    const offset = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    if (offset + length > font.length) throw new Error(`truetype-subset: table ${tag} runs past the end of the font`);
    tables.push({ tag, offset, length });
  }
  return tables;
}

function table(tables: readonly Table[], tag: string): Table {
  const t = tables.find((x) => x.tag === tag);
  if (t === undefined) throw new Error(`truetype-subset: the font has no ${tag} table`);
  return t;
}

/** Glyph offsets into `glyf`, numGlyphs + 1 of them. */
function readLoca(font: Uint8Array, loca: Table, numGlyphs: number, long: boolean): Uint32Array {
  const view = viewOf(font);
  const out = new Uint32Array(numGlyphs + 1);
  for (let g = 0; g <= numGlyphs; g++) {
    out[g] = long ? view.getUint32(loca.offset + g * 4) : view.getUint16(loca.offset + g * 2) * 2;
  }
  return out;
}

/**
 * Code point → glyph id, from every Unicode subtable in formats 4 and 12
 * (renderers pick one; they should agree, and keeping the union is safe).
 */
function readCmap(font: Uint8Array, cmap: Table): Map<number, number> {
  const view = viewOf(font);
  const map = new Map<number, number>();
  const count = view.getUint16(cmap.offset + 2);
  for (let i = 0; i < count; i++) {
    const rec = cmap.offset + 4 + i * 8;
    const platform = view.getUint16(rec);
    const encoding = view.getUint16(rec + 2);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    const sub = cmap.offset + view.getUint32(rec + 4);
    const format = view.getUint16(sub);
    if (format === 4) readFormat4(view, sub, map);
    else if (format === 12) readFormat12(view, sub, map);
  }
  return map;
}

function readFormat4(view: DataView, sub: number, map: Map<number, number>): void {
  const segX2 = view.getUint16(sub + 6);
  const ends = sub + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const rangeOffsets = deltas + segX2;
  for (let s = 0; s < segX2; s += 2) {
    const start = view.getUint16(starts + s);
    const end = view.getUint16(ends + s);
    const delta = view.getUint16(deltas + s);
    const rangeOffset = view.getUint16(rangeOffsets + s);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let g: number;
      if (rangeOffset === 0) g = (cp + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsets + s + rangeOffset + (cp - start) * 2);
        g = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (g !== 0 && !map.has(cp)) map.set(cp, g);
    }
  }
}

function readFormat12(view: DataView, sub: number, map: Map<number, number>): void {
  const groups = view.getUint32(sub + 12);
  for (let i = 0; i < groups; i++) {
    const at = sub + 16 + i * 12;
    const start = view.getUint32(at);
    const end = view.getUint32(at + 4);
    const first = view.getUint32(at + 8);
    for (let cp = start; cp <= end; cp++) if (!map.has(cp)) map.set(cp, first + (cp - start));
  }
}

/** The glyphs a composite glyph is made of, recursively. */
function components(font: Uint8Array, glyfOffset: number, loca: Uint32Array, glyph: number): number[] {
  const out: number[] = [];
  const view = viewOf(font);
  const visit = (g: number, depth: number) => {
    const start = loca[g];
    const end = loca[g + 1];
    if (start === undefined || end === undefined || end - start < 10 || depth > 16) return;
    let at = glyfOffset + start;
    if (view.getInt16(at) >= 0) return;
    at += 10;
    for (;;) {
      const flags = view.getUint16(at);
      const component = view.getUint16(at + 2);
      out.push(component);
      visit(component, depth + 1);
      at += 4 + (flags & 0x0001 ? 4 : 2); // ARG_1_AND_2_ARE_WORDS
      if (flags & 0x0008)
        at += 2; // WE_HAVE_A_SCALE
      else if (flags & 0x0040)
        at += 4; // WE_HAVE_AN_X_AND_Y_SCALE
      else if (flags & 0x0080) at += 8; // WE_HAVE_A_TWO_BY_TWO
      if (!(flags & 0x0020)) break; // MORE_COMPONENTS
    }
  };
  visit(glyph, 0);
  return out;
}

// ---------------------------------------------------------------- writing

function concat(pieces: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The sum of the big-endian 32-bit words of `bytes`, zero-padded (the OpenType table checksum). */
function checksum(bytes: Uint8Array): number {
  let sum = 0;
  const whole = bytes.length - (bytes.length % 4);
  const view = viewOf(bytes);
  for (let i = 0; i < whole; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  if (whole < bytes.length) {
    let last = 0;
    for (let i = whole; i < whole + 4; i++) last = (last << 8) | (bytes[i] ?? 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** The font again, same directory order, with some tables replaced, 4-byte aligned, checksums recomputed. */
function writeFont(font: Uint8Array, tables: readonly Table[], replaced: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const headerSize = 12 + tables.length * 16;
  const bodies = tables.map((t) => replaced.get(t.tag) ?? font.subarray(t.offset, t.offset + t.length));
  let size = headerSize;
  for (const b of bodies) size += b.length + ((4 - (b.length % 4)) % 4);
  const out = new Uint8Array(size);
  const view = viewOf(out);
  out.set(font.subarray(0, 12));
  let at = headerSize;
  let headAt = -1;
  tables.forEach((t, i) => {
    let body = bodies[i]!;
    if (t.tag === "head") {
      headAt = at;
      // checkSumAdjustment counts as 0 in the head table's own checksum (a copy: never write into the input).
      body = body.slice();
      viewOf(body).setUint32(8, 0);
    }
    out.set(body, at);
    const rec = 12 + i * 16;
    out.set(font.subarray(rec, rec + 4), rec);
    view.setUint32(rec + 4, checksum(body));
    view.setUint32(rec + 8, at);
    view.setUint32(rec + 12, body.length);
    at += body.length + ((4 - (body.length % 4)) % 4);
  });
  if (headAt >= 0) view.setUint32(headAt + 8, (0xb1b0afba - checksum(out)) >>> 0);
  return out;
}
