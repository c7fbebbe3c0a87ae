/**
 * Monaco from the bundle, never a CDN (stack-notes.md §2).
 * Only the lazily loaded editor pane imports this module, so Monaco stays out
 * of the entry chunk and the first table renders before it arrives.
 */
import { loader } from "@monaco-editor/react";
// The 0.56+ tree-shakeable entry; the old `esm/vs/editor/editor.api` deep path builds an empty module.
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/codeAction/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/diffEditor/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
// Ctrl+M: lets Tab move focus out of the editor (keyboard users; the hint under the editor says so).
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/languages/definitions/dockerfile/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

// Without this, @monaco-editor/loader fetches Monaco from a CDN (and a pinned, older version).
loader.config({ monaco });

export { monaco };

/**
 * Monaco's own themes with colours nudged to WCAG AA: in vs-dark, keywords and
 * variables on the diff editor's green "inserted" background fall to ~2.5:1.
 */
monaco.editor.defineTheme("cmp-dark", {
  base: "vs-dark",
  inherit: true,
  rules: [
    { token: "keyword", foreground: "79b8ff" },
    { token: "variable", foreground: "a5d6ff" },
  ],
  colors: {
    "diffEditor.insertedTextBackground": "#2ea04333",
    "diffEditor.insertedLineBackground": "#2ea04318",
    "diffEditor.removedTextBackground": "#f8514933",
    "diffEditor.removedLineBackground": "#f8514918",
  },
});
monaco.editor.defineTheme("cmp-light", {
  base: "vs",
  inherit: true,
  rules: [],
  colors: {
    "diffEditor.insertedTextBackground": "#2ea04333",
    "diffEditor.insertedLineBackground": "#2ea0431a",
    "diffEditor.removedTextBackground": "#cf222e26",
    "diffEditor.removedLineBackground": "#cf222e14",
  },
});

export const themeName = (scheme: "light" | "dark"): string => (scheme === "dark" ? "cmp-dark" : "cmp-light");
