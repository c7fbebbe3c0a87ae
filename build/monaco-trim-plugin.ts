/**
 * Takes out of the production build the parts of Monaco the playground never
 * shows (issue 7: the full editor within 1 MB gzip, without losing a feature):
 *
 * - modules it never runs are replaced with stand-ins (monaco-stubs.ts);
 * - the icon font keeps only the icons the bundled Monaco code can name
 *   (codicon-glyphs.ts, truetype-subset.ts): ~75 kB gzip becomes ~25 kB.
 *
 * The icons are read, when the build starts, from every Monaco module reachable
 * from `editorModules`' imports; when the bundle is written, the build fails if
 * it holds a Monaco module that was not read (the font could miss its icons) or
 * if a stand-in is imported from somewhere it was not written for.
 *
 * The subset font is written to node_modules/.cache/ under a name derived from
 * its content, and Monaco's codicon.css points at it, so the emitted file's
 * hash is that of the bytes shipped.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import type { Plugin } from "vite";
import { namedCodePoints, readCodicons } from "./codicon-glyphs";
import { cleanId } from "./module-id";
import { exportedNames, MONACO_STUBS, type MonacoStub } from "./monaco-stubs";
import { outlinesOf, subsetTrueType } from "./truetype-subset";

export interface MonacoTrimOptions {
  /** Our modules that import Monaco, relative to the project root (web/ui/editor/monaco-setup.ts). */
  readonly editorModules: readonly string[];
}

export const MONACO_TRIM_PLUGIN = "cache-mount-playground:monaco-trim";

const CODICON_DIR = "base/browser/ui/codicons/codicon/";
/** The icon table itself names every icon: not a use. */
const ICON_TABLES = ["base/common/codiconsLibrary.js", "base/common/codicons.js"];
/** Static and dynamic imports and re-exports, as Monaco's ESM and our TypeScript write them. */
const IMPORT =
  /(?:^|[\s;])(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

export function monacoTrim(options: MonacoTrimOptions): Plugin {
  let root = process.cwd();
  /** …/monaco-editor/esm/vs/, with a trailing separator. */
  let vs = "";
  /** Monaco modules read for icons (absolute paths). */
  const walked = new Set<string>();
  /** Absolute path of the subset font. */
  let subsetFont = "";
  let summary = "";
  const stubByPath = new Map<string, MonacoStub>();

  const rel = (id: string) => cleanId(id).slice(vs.length).split(sep).join("/");
  const inMonaco = (id: string) => vs !== "" && cleanId(id).startsWith(vs);

  return {
    name: MONACO_TRIM_PLUGIN,
    // The page's build only: the CLI's (--ssr) has no Monaco.
    apply: (_config, env) => env.command === "build" && env.isSsrBuild !== true,
    enforce: "pre",

    configResolved(config) {
      root = config.root;
    },

    async buildStart() {
      const entry = await this.resolve("monaco-editor/editor", join(root, "index.html"));
      if (entry === null) this.error("monaco-trim: cannot resolve monaco-editor/editor");
      vs = dirname(cleanId(entry.id)) + sep;
      stubByPath.clear();
      for (const stub of MONACO_STUBS) {
        const file = join(vs, stub.module);
        if (!existsSync(file))
          this.error(`monaco-trim: ${stub.module} is gone from monaco-editor: update monaco-stubs.ts`);
        const real = exportedNames(readFileSync(file, "utf8")).join(", ");
        const standIn = exportedNames(stub.code).join(", ");
        if (real !== standIn) {
          this.error(
            `monaco-trim: ${stub.module} now exports ${real}, its stand-in ${standIn}: update monaco-stubs.ts`,
          );
        }
        stubByPath.set(file, stub);
      }

      // Walk Monaco from our modules' imports, reading every module (stand-ins instead of what they replace).
      walked.clear();
      const queue: string[] = [];
      for (const module of options.editorModules) {
        const file = resolve(root, module);
        for (const spec of importsOf(readFileSync(file, "utf8"))) {
          if (!spec.startsWith("monaco-editor")) continue;
          const r = await this.resolve(spec.replace(/\?.*$/, ""), file);
          if (r === null) this.error(`monaco-trim: cannot resolve ${spec} from ${module}`);
          queue.push(cleanId(r.id));
        }
      }
      const sources: string[] = [];
      while (queue.length > 0) {
        const file = queue.pop()!;
        // A missing file is a path in a comment (`{@link import('…')}`): a real import would fail the build.
        if (walked.has(file) || !file.startsWith(vs) || !existsSync(file)) continue;
        walked.add(file);
        const code = stubByPath.get(file)?.code ?? readFileSync(file, "utf8");
        if (!ICON_TABLES.includes(rel(file))) sources.push(code);
        if (!file.endsWith(".js")) continue;
        for (const spec of importsOf(code)) if (spec.startsWith(".")) queue.push(resolve(dirname(file), spec));
      }

      const icons = readCodicons(...ICON_TABLES.map((t) => readFileSync(join(vs, t), "utf8")));
      if (icons.length < 100) this.error("monaco-trim: the codicon table's format changed: update codicon-glyphs.ts");
      const keep = namedCodePoints(sources, icons);
      const original = readFileSync(join(vs, CODICON_DIR, "codicon.ttf"));
      const subset = subsetTrueType(original, keep);
      if (subset.unmapped.length > 0) {
        const cps = subset.unmapped.map((cp) => cp.toString(16)).join(", ");
        this.error(`monaco-trim: codicon.ttf has no glyph for U+${cps}`);
      }
      // Every kept icon must draw exactly what it drew before.
      const before = outlinesOf(original, keep);
      const after = outlinesOf(subset.font, keep);
      for (const [cp, bytes] of before) {
        const now = after.get(cp);
        if (now === undefined || Buffer.compare(bytes, now) !== 0)
          this.error(`monaco-trim: the subset font lost the glyph of U+${cp.toString(16)}`);
      }

      const hash = createHash("sha256").update(subset.font).digest("hex").slice(0, 16);
      const dir = join(root, "node_modules", ".cache", "cache-mount-playground", `codicon-${hash}`);
      subsetFont = join(dir, "codicon.ttf");
      if (!existsSync(subsetFont)) {
        mkdirSync(dir, { recursive: true });
        // Written aside, then renamed: a build running in parallel never reads half a font.
        const partial = `${subsetFont}.${process.pid}.partial`;
        writeFileSync(partial, subset.font);
        renameSync(partial, subsetFont);
      }
      summary =
        `monaco-trim: ${walked.size} Monaco modules read; codicon.ttf keeps ${subset.keptGlyphs} of ` +
        `${subset.totalGlyphs} glyphs (${original.length} → ${subset.font.length} bytes); ${stubByPath.size} stand-ins`;
    },

    load(id) {
      if (!inMonaco(id)) return null;
      return stubByPath.get(cleanId(id))?.code ?? null;
    },

    transform(code, id) {
      if (!inMonaco(id) || rel(id) !== `${CODICON_DIR}codicon.css`) return null;
      const url = "url(./codicon.ttf)";
      if (!code.includes(url))
        this.error(`monaco-trim: codicon.css no longer loads ${url}: update monaco-trim-plugin.ts`);
      const path = relative(dirname(cleanId(id)), subsetFont)
        .split(sep)
        .join("/");
      return { code: code.replaceAll(url, `url(${path})`), map: null };
    },

    generateBundle(_options, bundle) {
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        for (const id of Object.keys(output.modules)) {
          if (inMonaco(id) && !walked.has(cleanId(id))) {
            this.error(
              `monaco-trim: ${rel(id)} is in the bundle but was not read for icons: ` +
                `add the module that imports it to editorModules in vite.config.ts`,
            );
          }
        }
      }
      for (const [file, stub] of stubByPath) {
        for (const importer of this.getModuleInfo(file)?.importers ?? []) {
          if (!stub.importers.includes(rel(importer))) {
            this.error(
              `monaco-trim: ${rel(importer)} imports ${stub.module}, whose stand-in was not written for it: ` +
                `update monaco-stubs.ts`,
            );
          }
        }
      }
      this.info(summary);
    },
  };
}

function importsOf(code: string): string[] {
  const specs: string[] = [];
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec !== undefined) specs.push(spec);
  }
  return specs;
}
