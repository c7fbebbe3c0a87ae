/**
 * What the rest of the UI may ask of the editor. Types only: importing this
 * module never pulls Monaco into the entry chunk.
 */
import type { TextEdit } from "../../core/report/types";
import type { Range } from "../../core/source";

export interface EditorApi {
  /**
   * Scrolls `range` into view and puts the cursor at its start.
   * `focus` moves keyboard focus into the editor (finding clicks); otherwise the
   * range is only highlighted (table row clicks).
   */
  reveal(range: Range, options: { readonly focus: boolean }): void;
  /**
   * Applies edits whose offsets refer to `baseText` as one undoable step.
   * Returns false (and changes nothing) when the editor no longer holds `baseText`.
   */
  applyEdits(baseText: string, edits: readonly TextEdit[]): boolean;
  focus(): void;
}
