import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { keysTable, withoutEditor } from "./helpers/app";
import { waitForEditor } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("the main views have no serious accessibility violations (light)", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("./");
  await waitForEditor(page);
  await expect(keysTable(page)).toBeVisible();
  expect(await seriousViolations(page), "results view").toEqual([]);

  await page.getByRole("tab", { name: "Fix" }).click();
  await expect(page.locator(".monaco-diff-editor")).toBeVisible();
  expect(await seriousViolations(page), "fix view").toEqual([]);

  await page.getByRole("tab", { name: "Learn" }).click();
  expect(await seriousViolations(page), "learn view").toEqual([]);

  await page.getByRole("link", { name: "cross-platform-cache-collision" }).click();
  await expect(page.getByRole("heading", { name: "Why" })).toBeVisible();
  expect(await seriousViolations(page), "rule page").toEqual([]);
});

// Dark mode changes colours only: scan the two views with the most colour (groups, diff).
test("the main views have no serious accessibility violations (dark)", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("./");
  await waitForEditor(page);
  await expect(keysTable(page)).toBeVisible();
  expect(await seriousViolations(page), "results view").toEqual([]);

  await page.getByRole("tab", { name: "Fix" }).click();
  await expect(page.locator(".monaco-diff-editor")).toBeVisible();
  expect(await seriousViolations(page), "fix view").toEqual([]);
});

test("the results can be reached and used with the keyboard alone", async ({ page }) => {
  await withoutEditor(page);
  await page.goto("./");
  // Tab only once the page has rendered its first results: a Tab pressed earlier lands on the bare document.
  await expect(page.getByRole("table", { name: /cache key/i })).toBeVisible();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to results" })).toBeFocused();
  await page.keyboard.press("Enter");
  // Tab through the options to the first table cell and select it with the keyboard.
  const cell = keysTable(page).getByRole("button", { name: /same cache as linux\/amd64/ });
  for (let i = 0; i < 40 && !(await cell.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(cell).toBeFocused();
  await expect(cell.locator("xpath=..")).toHaveClass(/hot/);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("region", { name: "How the key was derived" })).toContainText("on linux/arm64");
});
