import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { contentSecurityPolicy } from "./build/csp-plugin";
import { monacoTrim } from "./build/monaco-trim-plugin";
import { privateCopies } from "./build/private-copy-plugin";

// A relative base lets dist/ be served from any sub-path (GitHub Pages, a docs folder…).
export default defineConfig({
  base: "./",
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Monaco without the code it never runs here and an icon font of the icons it can show (issue 7).
    monacoTrim({ editorModules: ["web/ui/editor/monaco-setup.ts"] }),
    // The link encoder loads after the first table: its deflater must not ride in the entry with the inflater.
    privateCopies([{ importer: "web/share/url-encode.ts", imports: ["fflate", "./base64url"] }]),
  ],
  resolve: {
    alias: {
      // Our loader can only hand out the bundled Monaco: no CDN fallback ships (see the module's comment).
      "@monaco-editor/loader": fileURLToPath(new URL("./web/ui/editor/monaco-loader.ts", import.meta.url)),
    },
  },
  worker: { format: "es" },
  build: {
    target: "es2022",
    // Every browser with module workers and ES2022 but Safari < 17 preloads modules natively; there,
    // lazy chunks load without the head start, which does not justify 0.6 kB in the first table.
    modulePreload: { polyfill: false },
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
});
