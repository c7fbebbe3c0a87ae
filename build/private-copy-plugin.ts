/**
 * Gives a lazily loaded module private copies of some of its imports, in the
 * production build.
 *
 * When a module of the entry chunk and a lazy one import the same module, the
 * bundler keeps that one module in the entry chunk with everything either of
 * them uses: the link encoder's deflate (fflate) would ride in the entry chunk
 * with the decoder's inflate (same package, one file). Imported under another
 * id (the same file with a query), the lazy module gets a copy of its own,
 * tree-shaken to what it uses, in its own chunk. Each copy runs its module's
 * top-level code again: only for modules without state shared across copies.
 */
import { relative, sep } from "node:path";
import type { Plugin } from "vite";
import { cleanId } from "./module-id";

export interface PrivateCopies {
  /** The lazily loaded module, relative to the project root. */
  readonly importer: string;
  /** Import specifiers, as the importer writes them, that get a private copy. */
  readonly imports: readonly string[];
}

const QUERY = "private-copy";

export function privateCopies(rules: readonly PrivateCopies[]): Plugin {
  let root = process.cwd();
  return {
    name: "cache-mount-playground:private-copy",
    // The page's build only: the CLI (--ssr) loads everything up front anyway.
    apply: (_config, env) => env.command === "build" && env.isSsrBuild !== true,
    enforce: "pre",
    configResolved(config) {
      root = config.root;
    },
    async resolveId(source, importer, options) {
      if (importer === undefined) return null;
      const from = relative(root, cleanId(importer)).split(sep).join("/");
      const rule = rules.find((r) => r.importer === from && r.imports.includes(source));
      if (rule === undefined) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved === null) return null;
      return { ...resolved, id: `${resolved.id}${resolved.id.includes("?") ? "&" : "?"}${QUERY}` };
    },
  };
}
