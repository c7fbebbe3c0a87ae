import type { Page } from "@playwright/test";
import { lightbulbOnFirstError } from "./helpers/app";
import { waitForEditor } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

/**
 * The build ships Monaco's icon font with only the icons its code can name
 * (build/monaco-trim-plugin.ts); a missing one would draw nothing. This opens
 * every editor feature that shows icons and checks that each icon on the page
 * draws ink in the shipped font.
 */

interface Icon {
  readonly className: string;
  readonly char: string;
}

/** Each distinct icon glyph in the page, with its ink width in the codicon font (0 = blank). */
async function iconInk(page: Page): Promise<{ icon: Icon; ink: number }[]> {
  return page.evaluate(async () => {
    const found = new Map<string, string>();
    for (const el of document.querySelectorAll<HTMLElement>(".codicon[class*='codicon-']")) {
      const content = getComputedStyle(el, "::before").content;
      // `"\ueb13"` → the character; `none`/`normal` for icons drawn another way.
      const char = /^"(.+)"$/u.exec(content)?.[1];
      if (char === undefined) continue;
      const className = [...el.classList].filter((c) => c.startsWith("codicon-")).join(" ");
      found.set(char, className);
    }
    const canvas = document.createElement("canvas");
    const ctx = canvas.getContext("2d")!;
    ctx.font = "16px codicon";
    const out: { icon: { className: string; char: string }; ink: number }[] = [];
    for (const [char, className] of found) {
      await document.fonts.load("16px codicon", char);
      const m = ctx.measureText(char);
      out.push({ icon: { className, char }, ink: m.actualBoundingBoxLeft + m.actualBoundingBoxRight });
    }
    return out;
  });
}

test("every icon the editor shows is drawn by the shipped icon font", async ({ page }) => {
  test.setTimeout(60_000);
  const seen = new Map<string, { icon: Icon; ink: number }>();
  const collect = async () => {
    for (const r of await iconInk(page)) seen.set(r.icon.char, r);
  };

  await page.goto("./");
  await waitForEditor(page);

  // The lightbulb and its menu of quick fixes.
  const { line, bulb } = await lightbulbOnFirstError(page);
  await collect();
  await bulb.click();
  await expect(page.locator(".action-widget").filter({ visible: true })).toBeVisible();
  await collect();
  await page.keyboard.press("Escape");

  // The marker navigation widget (F8): severity icon, arrows, close.
  await page.evaluate(() => window.__cmp!.editor.focus());
  await page.keyboard.press("F8");
  await expect(page.locator(".marker-widget")).toBeVisible();
  await collect();
  await page.keyboard.press("Escape");

  // Find and replace (Ctrl+F, then the replace toggle).
  await page.keyboard.press("Control+f");
  const find = page.locator(".find-widget");
  await expect(find).toBeVisible();
  await find.locator(".toggle.codicon, .button.toggle").first().click();
  await expect(find.locator(".replace-part")).toBeVisible();
  await collect();
  await page.keyboard.press("Escape");

  // The hover on a --mount, with its marker part and status bar.
  await page.locator(".view-line").nth(1).getByText("--mount", { exact: false }).first().hover();
  await expect(page.locator(".monaco-hover").filter({ hasText: "Cache mount" })).toBeVisible();
  await collect();

  // The context menu.
  await page
    .locator(".view-line")
    .nth(line - 1)
    .click({ button: "right", position: { x: 80, y: 5 } });
  await expect(page.locator(".monaco-menu").filter({ visible: true })).toBeVisible();
  await collect();
  await page.keyboard.press("Escape");

  // The diff editor in the Fix tab.
  await page.getByRole("tab", { name: "Fix" }).click();
  await expect(page.locator(".monaco-diff-editor")).toBeVisible();
  await collect();

  const icons = [...seen.values()];
  // The features above show well over a dozen distinct icons: fewer means the page was not read.
  expect(icons.length).toBeGreaterThanOrEqual(12);
  const blank = icons.filter((r) => !(r.ink > 0)).map((r) => r.icon.className);
  expect(blank, "icons drawn blank by the shipped font").toEqual([]);
});
