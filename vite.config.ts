import react from "@vitejs/plugin-react";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import { contentSecurityPolicy } from "./build/csp-plugin";

// A relative base lets dist/ be served from any sub-path (GitHub Pages, a docs folder…).
export default defineConfig({
  base: "./",
  plugins: [react(), contentSecurityPolicy()],
  resolve: {
    alias: {
      // Our loader can only hand out the bundled Monaco: no CDN fallback ships (see the module's comment).
      "@monaco-editor/loader": fileURLToPath(new URL("./web/ui/editor/monaco-loader.ts", import.meta.url)),
    },
  },
  worker: { format: "es" },
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 4000,
  },
});
