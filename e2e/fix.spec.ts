import { attachScreenshot, cursor, errorMarkers, keysTable, lightbulbOnFirstError, summary } from "./helpers/app";
import { getEditorText, waitForEditor } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

const ORIGINAL = `FROM alpine:latest AS base
RUN --mount=type=cache,sharing=locked,target=/var/cache/apk \\
    apk add python3 py3-pip py3-wheel
`;

test("applying the fix clears the error, and Ctrl+Z brings it back", async ({ page }, testInfo) => {
  await page.goto("./");
  await waitForEditor(page);
  await expect(summary(page)).toContainText("1 unsafe collision");
  await page.getByRole("tab", { name: "Fix" }).click();
  await expect(page.locator(".monaco-diff-editor")).toBeVisible();
  await attachScreenshot(page, testInfo, "fix");
  await page.getByRole("button", { name: "Apply to editor" }).click();

  await expect(summary(page)).toContainText("0 unsafe collisions");
  const fixed = await getEditorText(page);
  expect(fixed).toContain("TARGETPLATFORM");
  await expect.poll(() => errorMarkers(page)).toEqual([]);
  await page.getByRole("tab", { name: "Results" }).click();
  await expect(keysTable(page).getByRole("cell", { name: /same cache as/ })).toHaveCount(0);

  await page.evaluate(() => window.__cmp!.editor.focus());
  await page.keyboard.press("Control+z");
  await expect.poll(() => getEditorText(page)).toBe(ORIGINAL);
  await expect(summary(page)).toContainText("1 unsafe collision");
});

test("the Fix tab says what each change in the fixed Dockerfile is for", async ({ page }) => {
  await page.goto("./");
  await page.getByRole("tab", { name: "Fix" }).click();
  const applied = page.locator(".applied");
  await expect(applied.getByRole("heading", { name: "What the fixed Dockerfile changes" })).toBeVisible();
  // The default example has one fix: the collision's, in the default id style.
  await expect(applied.getByRole("listitem")).toHaveCount(1);
  await expect(applied.getByRole("listitem")).toContainText(
    "line 2 cross-platform-cache-collision: Make the id depend on the platform the RUN executes on: id=${TARGETPLATFORM}/var/cache/apk",
  );
  await page.getByRole("radio", { name: /^\$\{TARGETARCH\} / }).check();
  await expect(applied.getByRole("listitem")).toContainText("id=${TARGETARCH}/var/cache/apk");
  // Its rule link opens the rule's page.
  await applied.getByRole("link", { name: "cross-platform-cache-collision" }).click();
  await expect(page).toHaveURL(/#rule\/cross-platform-cache-collision$/);

  // Once applied, nothing is left to change, and the list goes with the diff.
  await page.goto("./");
  await page.getByRole("tab", { name: "Fix" }).click();
  await page.getByRole("button", { name: "Apply to editor" }).click();
  await expect(page.getByText("Nothing to fix automatically")).toBeVisible();
  await expect(page.locator(".applied")).toHaveCount(0);
});

test("the fix style selector changes the fixed Dockerfile", async ({ page }) => {
  await page.goto("./");
  await page.getByRole("tab", { name: "Fix" }).click();
  await page.getByRole("radio", { name: /^\$\{TARGETARCH\} / }).check();
  await page.getByRole("button", { name: "Apply to editor" }).click();
  await expect.poll(() => getEditorText(page)).toContain("TARGETARCH");
  expect(await getEditorText(page)).not.toContain("TARGETPLATFORM");
});

test("Apply waits for the run the new fix style started, even when it is slow", async ({ page }) => {
  // Every request reaches the analysis worker 400 ms late: long enough to click in between.
  await page.addInitScript(() => {
    const post = Worker.prototype.postMessage as (this: Worker, message: unknown) => void;
    Worker.prototype.postMessage = function (this: Worker, message: unknown) {
      setTimeout(() => post.call(this, message), 400);
    };
  });
  await page.goto("./");
  await expect(summary(page)).toContainText("1 unsafe collision");
  await page.getByRole("tab", { name: "Fix" }).click();
  await page.getByRole("radio", { name: /^\$\{TARGETARCH\} / }).check();
  // At once: the report on screen is still the TARGETPLATFORM one, so Apply must wait for the next.
  await page.getByRole("button", { name: "Apply to editor" }).click();
  await expect.poll(() => getEditorText(page)).toContain("TARGETARCH");
  expect(await getEditorText(page)).not.toContain("TARGETPLATFORM");
});

test("a quick fix from the lightbulb applies the finding's fix, undoably", async ({ page }) => {
  await page.goto("./");
  await waitForEditor(page);
  const { line, bulb } = await lightbulbOnFirstError(page);
  expect((await cursor(page))?.lineNumber).toBe(line);
  await bulb.click();
  const menu = page.locator(".action-widget").filter({ visible: true });
  await expect(menu).toBeVisible();
  await menu
    .getByText(/TARGETPLATFORM|platform/i)
    .first()
    .click();
  await expect.poll(() => getEditorText(page)).toContain("TARGETPLATFORM");
  await expect(summary(page)).toContainText("0 unsafe collisions");

  await page.evaluate(() => window.__cmp!.editor.focus());
  await page.keyboard.press("Control+z");
  await expect.poll(() => getEditorText(page)).toBe(ORIGINAL);
});

test("a finding's Fix button applies its edits and is undoable", async ({ page }) => {
  await page.goto("./");
  await waitForEditor(page);
  await page
    .getByRole("button", { name: /^Fix: / })
    .first()
    .click();
  await expect(summary(page)).toContainText("0 unsafe collisions");
  await page.evaluate(() => window.__cmp!.editor.focus());
  await page.keyboard.press("Control+z");
  await expect.poll(() => getEditorText(page)).toBe(ORIGINAL);
});
