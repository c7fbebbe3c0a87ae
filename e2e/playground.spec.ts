import { attachScreenshot, cursor, keysTable, summary, withoutEditor } from "./helpers/app";
import { getEditorText, setEditorText, waitForEditor } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

test("the default example shows the unsafe collision, labelled in words", async ({ page }, testInfo) => {
  await page.goto("./");
  const table = keysTable(page);
  await expect(summary(page)).toHaveText("2 platforms · 1 cache mount · 1 unsafe collision");
  await expect(table.getByRole("columnheader", { name: "linux/amd64" })).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "linux/arm64" })).toBeVisible();
  await expect(
    table.getByRole("cell", { name: /^\/\/var\/cache\/apk same cache as linux\/arm64 — unsafe/ }),
  ).toBeVisible();
  await expect(
    table.getByRole("cell", { name: /^\/\/var\/cache\/apk same cache as linux\/amd64 — unsafe/ }),
  ).toBeVisible();
  const finding = page
    .getByRole("region", { name: /findings/i })
    .getByRole("listitem")
    .first();
  await expect(finding).toContainText("error");
  await expect(finding.getByRole("link", { name: "cross-platform-cache-collision" })).toHaveAttribute(
    "href",
    "#rule/cross-platform-cache-collision",
  );
  await waitForEditor(page);
  await attachScreenshot(page, testInfo, "results");
});

test("declaring TARGETARCH and using it in the id separates the caches", async ({ page }) => {
  await page.goto("./");
  await setEditorText(
    page,
    [
      "FROM alpine:latest AS base",
      "ARG TARGETARCH",
      "RUN --mount=type=cache,id=${TARGETARCH}/var/cache/apk,sharing=locked,target=/var/cache/apk \\",
      "    apk add python3 py3-pip py3-wheel",
      "",
    ].join("\n"),
  );
  const table = keysTable(page);
  await expect(table.getByRole("cell", { name: /^\/amd64\/var\/cache\/apk$/ })).toBeVisible();
  await expect(table.getByRole("cell", { name: /^\/arm64\/var\/cache\/apk$/ })).toBeVisible();
  await expect(table.getByRole("cell").filter({ hasText: /same cache/ })).toHaveCount(0);
  await expect(summary(page)).toHaveText("2 platforms · 1 cache mount · 0 unsafe collisions");
});

test("the first results appear before Monaco has loaded", async ({ page }) => {
  let release: () => void = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/monaco-setup-[^/]*\.js$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto("./");
  await expect(
    keysTable(page)
      .getByRole("cell", { name: /same cache as/ })
      .first(),
  ).toBeVisible();
  await expect(page.getByLabel(/read-only while the editor loads/)).toContainText("apk add python3");
  await expect(page.locator(".monaco-editor")).toHaveCount(0);
  release();
  await waitForEditor(page);
});

test("switching platforms changes the columns; a bad platform shows BuildKit's message", async ({ page }) => {
  await withoutEditor(page);
  await page.goto("./");
  const table = keysTable(page);
  await page.getByRole("button", { name: "linux/arm/v7" }).click();
  await expect(table.getByRole("columnheader", { name: "linux/arm/v7" })).toBeVisible();
  await page.getByRole("button", { name: "linux/arm64", exact: true }).click();
  await expect(table.getByRole("columnheader", { name: "linux/arm64" })).toHaveCount(0);
  await expect(table.getByRole("columnheader")).toHaveText(["Cache mount", "linux/amd64", "linux/arm/v7"]);

  await page.getByRole("button", { name: "Docker official images" }).click();
  await expect(table.getByRole("columnheader")).toHaveCount(9);

  const field = page.getByLabel("--platform (buildx syntax)");
  await field.fill("linux/x86_64, foo");
  const options = page.getByRole("region", { name: "Build options" });
  await expect(options.getByText(/failed to parse target platform foo/)).toBeVisible();
  await expect(field).toHaveAttribute("aria-invalid", "true");
  await field.fill("linux/x86_64,linux/aarch64");
  await expect(options.getByText("Normalized:")).toContainText("linux/amd64,linux/arm64");
});

test("the explain panel shows the derivation of a selected cell", async ({ page }, testInfo) => {
  await page.goto("./");
  const table = keysTable(page);
  await table.getByRole("button", { name: /same cache as linux\/amd64/ }).click();
  const explain = page.getByRole("region", { name: "How the key was derived" });
  await expect(explain).toContainText("on linux/arm64");
  const steps = explain.getByRole("list", { name: "Derivation steps" }).getByRole("listitem");
  expect(await steps.count()).toBeGreaterThanOrEqual(3);
  await expect(explain.getByRole("list", { name: "Derivation steps" })).toContainText("//var/cache/apk");
  await expect(explain).toContainText(/unsafe/);
  await waitForEditor(page);
  await attachScreenshot(page, testInfo, "explain");
});

test("clicking a finding moves the cursor to its line; clicking a row reveals its RUN", async ({ page }) => {
  await page.goto("./");
  await waitForEditor(page);
  await page.getByRole("button", { name: /^line 2, column \d+/ }).click();
  expect((await cursor(page))?.lineNumber).toBe(2);
  expect(await page.evaluate(() => window.__cmp!.editor.hasTextFocus())).toBe(true);

  await page.evaluate(() => window.__cmp!.editor.setPosition({ lineNumber: 1, column: 1 }));
  await keysTable(page)
    .getByRole("button", { name: /line 2/ })
    .click();
  expect((await cursor(page))?.lineNumber).toBe(2);
});

test("a pasted build command sets platforms, build args and target", async ({ page }) => {
  await withoutEditor(page);
  await page.goto("./");
  await page.getByText("Build args and paste a build command").click();
  await page
    .getByLabel("Paste a build command")
    .fill(
      "docker buildx build --platform=linux/amd64,linux/s390x \\\n  --build-arg BUILDKIT_CACHE_MOUNT_NS=proj -t x .",
    );
  await page.getByRole("button", { name: "Use these options" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Applied" })).toContainText(
    "platforms linux/amd64,linux/s390x",
  );
  const table = keysTable(page);
  await expect(table.getByRole("columnheader")).toHaveText(["Cache mount", "linux/amd64", "linux/s390x"]);
  await expect(page.getByLabel(/Namespace/)).toHaveValue("proj");
  await expect(table.getByRole("cell", { name: /^proj\/\/var\/cache\/apk/ })).toHaveCount(2);
  await expect(page.getByLabel(/read-only while the editor loads/)).toContainText("apk add");
});

test("the layout stacks and stays readable at 390 px", async ({ page }, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("./");
  await waitForEditor(page);
  const table = keysTable(page);
  await expect(table).toBeVisible();
  const editorBox = await page.locator(".editor-pane").boundingBox();
  const resultsBox = await page.locator(".results-pane").boundingBox();
  expect(editorBox && resultsBox && editorBox.y + editorBox.height <= resultsBox.y + 1).toBe(true);
  // Nothing but the table's own scroller may be wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await attachScreenshot(page, testInfo, "phone-390");
});

test("hovering a --mount lists its cache key and execution platform per platform", async ({ page }) => {
  await page.goto("./");
  await waitForEditor(page);
  await expect(
    keysTable(page)
      .getByRole("cell", { name: /same cache as/ })
      .first(),
  ).toBeVisible();
  await page.locator(".view-line").nth(1).getByText("--mount", { exact: false }).first().hover();
  const hover = page.locator(".monaco-hover").filter({ hasText: "Cache mount" });
  await expect(hover).toBeVisible();
  await expect(hover.getByRole("table")).toContainText("linux/arm64");
  await expect(hover.getByRole("table")).toContainText("//var/cache/apk");
  await expect(hover.getByRole("table")).toContainText("Runs on");
});

test("Ctrl+M lets Tab leave the editor, as the hint says", async ({ page }) => {
  await page.goto("./");
  await waitForEditor(page);
  await expect(page.getByText(/lets Tab leave the editor/)).toBeVisible();
  await page.evaluate(() => window.__cmp!.editor.focus());
  await page.keyboard.press("Control+m");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => window.__cmp!.editor.hasTextFocus())).toBe(false);
  expect(await getEditorText(page)).not.toContain("\t");
});

test("a bad mount option is squiggled exactly, with BuildKit's message and its did-you-mean fix", async ({ page }) => {
  await page.goto("./");
  const text = "FROM alpine\nRUN --mount=type=cache,target=/c,sharing=lock true\n";
  await setEditorText(page, text);
  const message = 'unsupported sharing value "lock" (did you mean locked?)';
  await expect
    .poll(() =>
      page.evaluate(() => {
        const { monaco, editor } = window.__cmp!;
        return monaco.editor
          .getModelMarkers({ resource: editor.getModel()!.uri })
          .map((m) => [m.message, m.startLineNumber, m.startColumn, m.endColumn]);
      }),
    )
    .toEqual([[message, 2, text.split("\n")[1]!.indexOf("sharing=lock") + 1, 46]]);
  await expect(keysTable(page).getByRole("cell", { name: "build fails" })).toHaveCount(2);
  const finding = page
    .getByRole("region", { name: /findings/i })
    .getByRole("listitem")
    .first();
  await expect(finding).toContainText(message);
  await finding.getByRole("button", { name: /^Fix: Replace it with locked/ }).click();
  await expect.poll(() => getEditorText(page)).toBe(text.replace("sharing=lock ", "sharing=locked "));
  await expect(keysTable(page).getByRole("cell", { name: "build fails" })).toHaveCount(0);
});
