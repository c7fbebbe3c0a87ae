import { readFileSync } from "node:fs";
import { attachScreenshot, keysTable, summary, withoutEditor } from "./helpers/app";
import { getEditorText, waitForEditor } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

const exampleFile = (id: string) => readFileSync(new URL(`../web/examples/${id}.Dockerfile`, import.meta.url), "utf8");

test("every example loads with its lesson", async ({ page }) => {
  await page.goto("./");
  await waitForEditor(page);
  const menuButton = page.getByRole("button", { name: "Examples" });
  await menuButton.click();
  const items = page.getByRole("list", { name: "Examples" }).getByRole("button");
  // The items (with their lessons) load on demand when the menu first opens.
  await expect(items.first()).toBeFocused();
  const count = await items.count();
  expect(count).toBeGreaterThanOrEqual(12);
  await page.keyboard.press("Escape");
  await expect(menuButton).toBeFocused();

  for (let i = 0; i < count; i++) {
    await menuButton.click();
    const item = items.nth(i);
    const id = await item.getAttribute("data-example-id");
    const title = (await page.locator(".examples-list .example-title").nth(i).textContent())!.trim();
    await item.click();
    const lesson = page.getByRole("complementary", { name: `Lesson: ${title}` });
    await expect(lesson).toBeVisible();
    expect((await lesson.getByRole("paragraph").allTextContents()).length).toBe(2);
    await expect.poll(() => getEditorText(page)).toBe(exampleFile(id!));
    await expect(keysTable(page)).toBeVisible();
    await expect(summary(page)).toContainText("cache mount");
  }
});

test("examples open by keyboard alone", async ({ page }) => {
  await withoutEditor(page);
  await page.goto("./");
  const menuButton = page.getByRole("button", { name: "Examples" });
  await menuButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("list", { name: "Examples" }).getByRole("button").first()).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(page.getByRole("button", { name: "The forgotten ARG" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("complementary", { name: "Lesson: The forgotten ARG" })).toBeVisible();
  await expect(keysTable(page).getByRole("cell", { name: /^\/apk- same cache as/ })).toHaveCount(2);
});

test("a rule page opens from a finding and its bad example loads", async ({ page }, testInfo) => {
  await page.goto("./");
  await waitForEditor(page);
  await page.getByRole("link", { name: "cross-platform-cache-collision" }).click();
  const rule = page.getByRole("article", { name: /Rule cross-platform-cache-collision/ });
  await expect(rule.getByRole("heading", { name: "Why" })).toBeVisible();
  await attachScreenshot(page, testInfo, "rule-page");
  const bad = (await rule.getByRole("region", { name: "Bad" }).locator("pre").first().textContent())!;
  await rule
    .getByRole("button", { name: /Load the bad example/ })
    .first()
    .click();
  await expect(rule).toHaveCount(0);
  await expect.poll(() => getEditorText(page)).toBe(bad);
});

test("a #rule/<id> address opens that rule page directly", async ({ page }) => {
  await withoutEditor(page);
  await page.goto("./#rule/undeclared-platform-arg");
  await expect(page.getByRole("heading", { name: "Rule undeclared-platform-arg" })).toBeFocused();
  await page.getByRole("button", { name: "Back to results" }).click();
  await expect(keysTable(page)).toBeVisible();
});

test("the learn view explains the gotcha beside the live example", async ({ page }, testInfo) => {
  await page.goto("./");
  await page.getByRole("button", { name: "What is this?" }).click();
  await expect(page.getByRole("tab", { name: "Learn" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("heading", { name: "Why platforms collide" })).toBeVisible();
  await waitForEditor(page);
  await attachScreenshot(page, testInfo, "learn");
  await page.getByRole("button", { name: "Show the forgotten ARG" }).click();
  await expect(page.getByRole("complementary", { name: "Lesson: The forgotten ARG" })).toBeVisible();
});

test("an unbuilt stage shows 'not built' until it is the target", async ({ page }) => {
  await withoutEditor(page);
  await page.goto("./#example/unbuilt-stage");
  const table = keysTable(page);
  await expect(table.getByRole("cell", { name: "not built" })).toHaveCount(2);
  await page.getByLabel("Target stage").selectOption("test");
  await expect(table.getByRole("cell", { name: "not built" })).toHaveCount(2);
  await expect(table.getByRole("cell", { name: /^\/\/var\/cache\/apk same cache as/ })).toHaveCount(2);
});
