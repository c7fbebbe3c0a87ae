/**
 * Monaco modules the playground's build replaces with stand-ins (monaco-trim-plugin.ts).
 *
 * `monaco-editor/editor` (the tree-shakeable entry) and the hover feature still
 * import code for things this editor never turns on: the GPU renderer, the
 * multi-file diff editor, and the hover's hooks into colour pickers, inlay
 * hints, inline completions and go-to-definition, features we do not register.
 * Tree-shaking cannot drop them (they are reached through classes that are
 * kept). Each stand-in exports the same names, behaves as the real module does
 * when its feature is absent, and throws if the feature is ever switched on.
 *
 * The build fails if Monaco changes under these stand-ins: a module's exports
 * differ from the stand-in's, or a module other than `importers` imports it
 * (a newly registered feature that needs the real module).
 */

export interface MonacoStub {
  /** Path under monaco-editor/esm/vs/. */
  readonly module: string;
  /** The only modules (same form) that may import it: the uses the stand-in was written for. */
  readonly importers: readonly string[];
  /** The stand-in's source: ES module, same export names as the original. */
  readonly code: string;
}

/** Thrown when a left-out feature is reached after all: loud, never a silent half-working editor. */
const LEFT_OUT = `function leftOut(what) { throw new Error(what + " is left out of this build (build/monaco-stubs.ts)"); }`;

export const MONACO_STUBS: readonly MonacoStub[] = [
  {
    // Only constructed when the `experimentalGpuAcceleration` option is "on" (view.js); we leave it "off".
    module: "editor/browser/gpu/viewGpuContext.js",
    importers: ["editor/browser/view.js", "editor/browser/viewParts/viewLinesGpu/viewLinesGpu.js"],
    code: `${LEFT_OUT}
export class ViewGpuContext { constructor() { leftOut("Monaco's GPU renderer"); } }`,
  },
  {
    module: "editor/browser/viewParts/viewLinesGpu/viewLinesGpu.js",
    importers: ["editor/browser/view.js"],
    code: `${LEFT_OUT}
export class ViewLinesGpu { constructor() { leftOut("Monaco's GPU renderer"); } }`,
  },
  {
    // Only monaco.editor.createMultiFileDiffEditor constructs it; the Fix tab uses the two-file diff editor.
    module: "editor/browser/widget/multiDiffEditor/multiDiffEditorWidget.js",
    importers: ["editor/standalone/browser/standaloneEditor.js"],
    code: `${LEFT_OUT}
export class MultiDiffEditorWidget { constructor() { leftOut("Monaco's multi-file diff editor"); } }`,
  },
  {
    // Colour decorations come from the colorPicker feature, which is not registered: never on one.
    module: "editor/contrib/colorPicker/browser/hoverColorPicker/hoverColorPicker.js",
    importers: ["editor/contrib/hover/browser/contentHoverController.js"],
    code: `export function isOnColorDecorator() { return false; }`,
  },
  {
    // Only `instanceof` tests in the hover; the participant is registered by the colorPicker feature only.
    module: "editor/contrib/colorPicker/browser/hoverColorPicker/hoverColorPickerParticipant.js",
    importers: ["editor/contrib/hover/browser/contentHoverRendered.js"],
    code: `${LEFT_OUT}
export class ColorHover { constructor() { leftOut("Monaco's colour picker"); } }
export class HoverColorPickerParticipant { constructor() { leftOut("Monaco's colour picker"); } }`,
  },
  {
    // Only an `instanceof` test in the hover; registered by the inlayHints feature only.
    module: "editor/contrib/inlayHints/browser/inlayHintsHover.js",
    importers: ["editor/contrib/hover/browser/contentHoverRendered.js"],
    code: `${LEFT_OUT}
export class InlayHintsHover { constructor() { leftOut("Monaco's inlay hints"); } }`,
  },
  {
    // The hover asks whether the inline-suggestion dropdown is open; without inline completions it never is.
    module: "editor/contrib/inlineCompletions/browser/hintsWidget/inlineCompletionsHintsWidget.js",
    importers: ["editor/contrib/hover/browser/contentHoverController.js"],
    code: `${LEFT_OUT}
export class InlineSuggestionHintsContentWidget {
  static get dropDownVisible() { return false; }
  constructor() { leftOut("Monaco's inline completions"); }
}
export class InlineCompletionsHintsWidget { constructor() { leftOut("Monaco's inline completions"); } }
export class CustomizedMenuWorkbenchToolBar { constructor() { leftOut("Monaco's inline completions"); } }`,
  },
  {
    // "Show definition preview hover" asks for this contribution and stops when there is none. Without
    // it, go-to-definition (no provider for Dockerfile anyway) and its peek views stay out of the build.
    module: "editor/contrib/gotoSymbol/browser/link/goToDefinitionAtPosition.js",
    importers: ["editor/contrib/hover/browser/hoverActions.js"],
    code: `${LEFT_OUT}
export class GotoDefinitionAtPositionEditorContribution {
  static ID = "editor.contrib.gotodefinitionatposition";
  static get() { return null; }
  constructor() { leftOut("Monaco's go-to-definition"); }
}`,
  },
];

/** The names an ES module exports (`export class X`, `export function f`, `export { a, b as c }`). */
export function exportedNames(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(
    /^export\s+(?:default\s+)?(?:async\s+)?(?:class|function\*?|const|let|var)\s+([\w$]+)/gm,
  )) {
    names.add(m[1]!);
  }
  for (const m of code.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    for (const part of m[1]!.split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop();
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}
