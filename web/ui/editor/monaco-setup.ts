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
import "monaco-editor/languages/definitions/dockerfile/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";

self.MonacoEnvironment = { getWorker: () => new EditorWorker() };

// Without this, @monaco-editor/loader fetches Monaco from a CDN (and a pinned, older version).
loader.config({ monaco });

export { monaco };
