import type { Page } from "@playwright/test";

/** Waits until Monaco is mounted (the page exposes it for tests). */
export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__cmp?.editor !== undefined);
}

/**
 * Replaces the editor text through Monaco's model: fast `keyboard.type` drops
 * characters under EditContext (stack-notes.md §5). Goes through the same
 * change events as typing, so the live analysis runs as it would for a user.
 */
export async function setEditorText(page: Page, text: string): Promise<void> {
  await waitForEditor(page);
  await page.evaluate((t) => {
    const editor = window.__cmp!.editor;
    const model = editor.getModel()!;
    editor.executeEdits("test", [{ range: model.getFullModelRange(), text: t }]);
  }, text);
}

export async function getEditorText(page: Page): Promise<string> {
  await waitForEditor(page);
  return page.evaluate(() => window.__cmp!.editor.getValue());
}
