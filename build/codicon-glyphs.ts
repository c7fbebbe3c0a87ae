/**
 * Which of Monaco's icons (codicons) the bundled code can show, read from its
 * source: the rest of the icon font can go (truetype-subset.ts).
 *
 * Monaco names an icon by its key (`Codicon.lightbulbAutofix`, the minifier
 * keeps property names), by its id in a string (`ThemeIcon.fromId('…')`,
 * `$(id)` in a label, a `codicon-<id>` class), or through an icon of its own
 * registered with a codicon as its default (`registerIcon('x', Codicon.add)`),
 * which is the key again. The scan is deliberately loose: any identifier equal
 * to a key, and any dash-separated run of words equal to an id, keeps the icon.
 * Keeping a few too many costs bytes; missing one would draw a blank.
 */

export interface Codicon {
  /** The property name on `Codicon`, e.g. `lightbulbAutofix`. */
  readonly key: string;
  /** The id in class names and labels, e.g. `lightbulb-autofix`. */
  readonly id: string;
  readonly codePoint: number;
}

/** `key: register('id', 0xea60)` (codiconsLibrary.js) or `key: register('id', 'other-id')` (codicons.js). */
const REGISTER = /^\s*([\w$]+):\s*register\('([\w.-]+)',\s*(?:0x([0-9a-fA-F]+)|'([\w.-]+)')\)/gm;

/** The icon table, from codiconsLibrary.js's source, then codicons.js's (whose icons point at the library's ids). */
export function readCodicons(...sources: readonly string[]): Codicon[] {
  const byId = new Map<string, number>();
  const icons: Codicon[] = [];
  for (const source of sources) {
    for (const m of source.matchAll(REGISTER)) {
      const [, key, id, hex, ref] = m as unknown as [string, string, string, string | undefined, string | undefined];
      const codePoint = hex !== undefined ? Number.parseInt(hex, 16) : byId.get(ref ?? "");
      if (codePoint === undefined) throw new Error(`codicon-glyphs: ${id} refers to an unknown codicon ${ref}`);
      byId.set(id, codePoint);
      icons.push({ key, id, codePoint });
    }
  }
  return icons;
}

/** The code points of the icons `sources` may name (see the module comment). */
export function namedCodePoints(sources: Iterable<string>, icons: readonly Codicon[]): Set<number> {
  const words = new Set<string>();
  for (const source of sources) {
    for (const [token] of source.matchAll(/[\w$]+(?:-[\w$]+)*/g)) {
      words.add(token);
      if (!token.includes("-")) continue;
      // `codicon-lightbulb-autofix` names `lightbulb-autofix`: every run of its words counts.
      const parts = token.split("-");
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j <= parts.length; j++) words.add(parts.slice(i, j).join("-"));
      }
    }
  }
  const out = new Set<number>();
  for (const icon of icons) if (words.has(icon.key) || words.has(icon.id)) out.add(icon.codePoint);
  return out;
}
