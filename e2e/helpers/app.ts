import type { Locator, Page, TestInfo } from "@playwright/test";
import { waitForEditor } from "./editor";
import { expect } from "@playwright/test";

/** The per-platform table, located by its caption. */
export function keysTable(page: Page): Locator {
  return page.getByRole("table", { name: /cache key per target platform/i });
}

export function summary(page: Page): Locator {
  return page.locator(".summary");
}

/** Opens the examples menu and loads one example by its title. */
export async function loadExample(page: Page, title: string | RegExp): Promise<void> {
  await page.getByRole("button", { name: "Examples" }).click();
  await page.getByRole("list", { name: "Examples" }).getByRole("button", { name: title }).click();
}

/** Cursor position in Monaco (1-based). */
export async function cursor(page: Page): Promise<{ lineNumber: number; column: number } | null> {
  await waitForEditor(page);
  return page.evaluate(() => {
    const p = window.__cmp!.editor.getPosition();
    return p ? { lineNumber: p.lineNumber, column: p.column } : null;
  });
}

/** Error markers Monaco currently shows. */
export async function errorMarkers(page: Page): Promise<{ message: string; line: number }[]> {
  return page.evaluate(() => {
    const { monaco, editor } = window.__cmp!;
    return monaco.editor
      .getModelMarkers({ resource: editor.getModel()!.uri })
      .filter((m) => m.severity === monaco.MarkerSeverity.Error)
      .map((m) => ({ message: m.message, line: m.startLineNumber }));
  });
}

/** Saves a full-page screenshot as a test artifact (a file under test-results/, attached to the report). */
export async function attachScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: "image/png" });
}

/**
 * Keeps Monaco's chunk from loading (the request stays pending), for tests that
 * only read the table, options or pages: the read-only fallback stays on screen
 * and the 3 MB editor is never parsed, which keeps the suite fast on 2 cores.
 */
export async function withoutEditor(page: Page): Promise<void> {
  await page.route(/monaco-setup-[^/]*\.js$/, () => {});
}

/**
 * On the default example: waits for its error marker, clicks into the flagged
 * --mount (a real click: the lightbulb shows for the cursor's line when the
 * editor has focus) and returns that line and the visible lightbulb.
 */
export async function lightbulbOnFirstError(page: Page): Promise<{ line: number; bulb: Locator }> {
  await expect(summary(page)).toContainText("1 unsafe collision");
  await expect.poll(async () => (await errorMarkers(page)).length).toBeGreaterThan(0);
  const line = (await errorMarkers(page))[0]!.line;
  await page
    .locator(".view-line")
    .nth(line - 1)
    .click({ position: { x: 80, y: 5 } });
  const bulb = page.locator(".lightBulbWidget, .codicon-lightbulb-autofix, .codicon-gutter-lightbulb-auto-fix").first();
  await expect(bulb).toBeVisible();
  return { line, bulb };
}
