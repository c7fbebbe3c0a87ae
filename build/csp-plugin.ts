/**
 * The Content-Security-Policy of the production build, as a `<meta http-equiv>`
 * in index.html (static hosting such as GitHub Pages sets no headers). Only
 * for `vite build`: the dev server injects inline scripts (React Refresh's
 * preamble, the HMR client), which this policy rightly refuses.
 *
 * A meta policy cannot carry frame-ancestors, report-uri or sandbox; set those
 * as headers where the host allows it.
 */
import type { Plugin } from "vite";

const DIRECTIVES: readonly (readonly [string, ...string[]])[] = [
  ["default-src", "'self'"],
  // Only our own module files: no inline script, no eval, no wasm, no CDN.
  ["script-src", "'self'"],
  // Monaco builds its styles at run time: it appends <style> elements (themes, decorations, the
  // colours of each token) and sets style attributes in rendered hovers. It has no nonce support,
  // and a static host cannot mint per-response nonces anyway, so inline styles must be allowed.
  // Styles cannot run code; scripts stay locked down.
  ["style-src", "'self'", "'unsafe-inline'"],
  // Monaco's squiggly underlines and some of its CSS are data: images (SVG and PNG).
  ["img-src", "'self'", "data:"],
  ["font-src", "'self'"],
  // The analysis worker and Monaco's editor worker are module files of the build. Monaco only
  // falls back to blob: workers without MonacoEnvironment.getWorker, which monaco-setup.ts sets.
  ["worker-src", "'self'"],
  ["connect-src", "'self'"],
  ["object-src", "'none'"],
  ["base-uri", "'none'"],
  ["form-action", "'none'"],
];

/** The policy, one directive after another. */
export const CONTENT_SECURITY_POLICY = DIRECTIVES.map((d) => d.join(" ")).join("; ");

const META = `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}" />`;

/**
 * Puts the policy right after `<meta charset>` in the built index.html: a meta policy only
 * governs what comes after it, so it must precede every script and stylesheet.
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: "cache-mount-playground:csp",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler: (html) => {
        const anchor = /<meta charset[^>]*>/i.exec(html) ?? /<head(\s[^>]*)?>/i.exec(html);
        // A build that silently ships without its policy is worse than a failed build.
        if (anchor === null)
          throw new Error("csp-plugin: index.html has no <head> to put the Content-Security-Policy in");
        const end = anchor.index + anchor[0].length;
        return `${html.slice(0, end)}\n    ${META}${html.slice(end)}`;
      },
    },
  };
}
