// @ts-check
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "dist-cli/", "node_modules/", "test-results/", "playwright-report/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    files: ["web/ui/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // The core is pure and synchronous: it runs unchanged in a Worker, the CLI and tests.
    files: ["web/core/**/*.ts"],
    ignores: ["web/core/**/*.test.ts"],
    languageOptions: { globals: { ...globals.es2022 } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "web/core is pure: no Node APIs." },
            { group: ["react", "react-dom", "react/*", "react-dom/*"], message: "web/core is pure: no React." },
            {
              group: ["monaco-editor", "monaco-editor/*", "@monaco-editor/*"],
              message: "web/core is pure: no Monaco.",
            },
            {
              group: ["**/ui/**", "**/share/**", "**/worker/**", "**/cli/**"],
              message: "web/core must not depend on the faces built on it.",
            },
            { group: ["fs", "path", "os", "child_process", "process"], message: "web/core is pure: no Node APIs." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        ...[
          "window",
          "document",
          "localStorage",
          "sessionStorage",
          "navigator",
          "location",
          "process",
          "Buffer",
          "fetch",
          "setTimeout",
          "setInterval",
          "performance",
        ].map((name) => ({
          name,
          message: "web/core is pure: no DOM, Node, clock or I/O globals.",
        })),
      ],
      "no-restricted-properties": [
        "error",
        { object: "Date", property: "now", message: "web/core reads no clock." },
        { object: "Math", property: "random", message: "web/core is deterministic." },
      ],
    },
  },
);
