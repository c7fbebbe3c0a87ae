#!/usr/bin/env node
// The `cache-mount-playground` command. An installed package runs the bundle
// that `npm run build:cli` writes to dist-cli/main.js; a checkout without that
// bundle runs the TypeScript entry through tsx (a devDependency).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../", import.meta.url);
const bundle = new URL("dist-cli/main.js", root);

if (existsSync(fileURLToPath(bundle))) {
  await import(bundle.href);
} else {
  let api;
  try {
    api = await import("tsx/esm/api");
  } catch {
    process.stderr.write(
      "cache-mount-playground: the CLI is not built (dist-cli/main.js is missing) and tsx is not installed: run `npm run build:cli`\n",
    );
    process.exit(70);
  }
  api.register();
  await import(new URL("web/cli/main.ts", root).href);
}
