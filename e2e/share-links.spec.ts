/**
 * Sharing with others: links reproduce the analysis exactly, broken links say what
 * is wrong, drafts are never lost, the Markdown export and the embed view work.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { SharedState } from "../web/share/share-state";
import { V1_DEFAULTS } from "../web/share/share-state";
import { decodeHash, encodeState } from "../web/share/url-codec";
import { getEditorText, setEditorText, waitForEditor } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

interface Fixtures {
  links: { name: string; hash: string; state: SharedState }[];
  broken: { name: string; hash: string; reason: string }[];
}
const fixtures = JSON.parse(readFileSync(new URL("./fixtures/links-v1.json", import.meta.url), "utf8")) as Fixtures;
const linkNamed = (name: string) => {
  const link = fixtures.links.find((l) => l.name === name);
  if (!link) throw new Error(`no fixture link named ${name}`);
  return link;
};

const DRAFT = ["FROM alpine:3.20 AS mine", "RUN --mount=type=cache,target=/var/cache/apk apk add curl", ""].join("\n");

/** Everything a link restores except the view, read back from the address the app rewrote. */
async function addressState(page: Page): Promise<Omit<SharedState, "view">> {
  // The app rewrites the address ~300 ms after a change; wait until it holds a v1 link.
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v1=/);
  const decoded = decodeHash(await page.evaluate(() => location.hash));
  if (!decoded.ok) throw new Error(decoded.reason);
  const { view: _view, ...rest } = decoded.state;
  return rest;
}

function withoutView(state: SharedState): Omit<SharedState, "view"> {
  const { view: _view, ...rest } = state;
  return rest;
}

async function tableText(page: Page): Promise<string> {
  const table = page.getByRole("table", { name: /cache key/i });
  await expect(table).toBeVisible();
  return table.innerText();
}

/** Types a draft and waits until it is autosaved. */
async function typeDraft(page: Page, text: string): Promise<void> {
  await setEditorText(page, text);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem("cache-mount-playground:draft:v1") ?? ""))
    .toContain(JSON.stringify(text).slice(1, -1));
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
});

test("a copied link opens the same text, options and table in a fresh browser", async ({ page, browser }) => {
  // Every field set, but on the results view (the fixture opens a rule page, which has no table).
  const start = { ...linkNamed("every field set, CRLF line ends kept"), hash: "" };
  start.hash = encodeState({ ...start.state, view: V1_DEFAULTS.view });
  await page.goto(`./${start.hash}`);
  await waitForEditor(page);
  const text = `${start.state.text}# edited before sharing\r\n`;
  await setEditorText(page, text);
  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Link copied" })).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/localhost:\d+\/[^#]*#v1=[A-Za-z0-9_-]+$/);
  const table = await tableText(page);

  const fresh = await browser.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(link);
    expect(await getEditorText(other)).toBe(text);
    expect(await addressState(other)).toEqual({ ...withoutView(start.state), text });
    expect(await tableText(other)).toBe(table);
  } finally {
    await fresh.close();
  }
});

test("every fixture link still opens with its text and options", async ({ page }) => {
  test.setTimeout(120_000);
  for (const link of fixtures.links) {
    await page.goto("about:blank");
    await page.goto(`./${link.hash}`);
    await expect(page.getByRole("alert").filter({ hasText: "could not be opened" })).toHaveCount(0);
    expect(await getEditorText(page), link.name).toBe(link.state.text);
    expect(await addressState(page), link.name).toEqual(withoutView(link.state));
  }
});

test("a broken link says what is wrong and the draft stays", async ({ page, context }) => {
  test.setTimeout(120_000);
  await page.goto("./");
  await typeDraft(page, DRAFT);
  for (const broken of fixtures.broken) {
    const other = await context.newPage();
    await other.goto(`./${broken.hash}`);
    await expect(other.getByRole("alert").filter({ hasText: "could not be opened" })).toContainText(broken.reason);
    expect(await getEditorText(other), broken.name).toBe(DRAFT);
    if (broken === fixtures.broken.at(-1)) {
      // The app keeps working: an edit is analysed and autosaved.
      await typeDraft(other, `${DRAFT}# still working\n`);
      await expect(other.getByRole("table", { name: /cache key/i })).toContainText("mine");
    }
    await other.close();
  }
});

test("a broken link pasted into an open tab shows the message without losing the text", async ({ page }) => {
  await page.goto("./");
  await typeDraft(page, DRAFT);
  const cut = fixtures.broken[0]!;
  await page.evaluate((hash) => {
    location.hash = hash;
  }, cut.hash);
  await expect(page.getByRole("alert").filter({ hasText: "could not be opened" })).toContainText(cut.reason);
  expect(await getEditorText(page)).toBe(DRAFT);
});

test("reloading restores the draft", async ({ page }) => {
  await page.goto("./");
  await typeDraft(page, DRAFT);
  await page.reload();
  expect(await getEditorText(page)).toBe(DRAFT);
});

test("opening a share link shows its content and offers the saved draft back", async ({ page, context }) => {
  await page.goto("./");
  await typeDraft(page, DRAFT);
  const shared = linkNamed("non-ASCII text and no target platforms (empty list = the build platform)");
  const other = await context.newPage();
  await other.goto(`./${shared.hash}`);
  expect(await getEditorText(other)).toBe(shared.state.text);
  // The saved draft was not overwritten by merely opening the link.
  const stored = await other.evaluate(() => localStorage.getItem("cache-mount-playground:draft:v1") ?? "");
  expect(stored).toContain("alpine:3.20 AS mine");
  await other.getByRole("button", { name: "Restore your draft" }).click();
  expect(await getEditorText(other)).toBe(DRAFT);
});

test("loading an example over unsaved work keeps it recoverable", async ({ page }) => {
  await page.goto("./");
  await typeDraft(page, DRAFT);
  await page.evaluate(() => {
    location.hash = "#example/arm-variants";
  });
  await expect.poll(() => getEditorText(page)).not.toBe(DRAFT);
  await page.getByRole("button", { name: "Restore your draft" }).click();
  expect(await getEditorText(page)).toBe(DRAFT);
});

test("the Markdown export of the default example matches the expected text", async ({ page }) => {
  await page.goto("./");
  await tableText(page);
  const copy = page.getByRole("button", { name: "Copy as Markdown" });
  await expect(copy).toBeEnabled();
  await copy.click();
  await expect(page.getByRole("status").filter({ hasText: "Markdown copied" })).toBeVisible();
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#v1=/);
  const base = new URL("./", page.url()).href;
  const link = await page.evaluate(() => location.href);
  const fixture = new URL("./fixtures/markdown-default.md", import.meta.url);
  // After a deliberate change of wording: UPDATE_FIXTURES=1 rewrites the fixture (review its diff).
  if (process.env.UPDATE_FIXTURES)
    writeFileSync(fixture, markdown.replaceAll(link, "{{LINK}}").replaceAll(base, "{{BASE}}"));
  const expected = readFileSync(fixture, "utf8").replaceAll("{{BASE}}", base).replaceAll("{{LINK}}", link);
  expect(markdown).toBe(expected);
});

test("?embed shows a compact read-only view with a link to the playground", async ({ page }) => {
  const link = linkNamed("the default example on the default platforms");
  await page.goto(`./?embed${link.hash}`);
  const table = page.getByRole("table", { name: /cache key/i });
  await expect(table).toBeVisible();
  await expect(table.getByRole("cell").filter({ hasText: "//var/cache/apk" })).toHaveCount(2);
  const open = page.getByRole("link", { name: "Open in playground" });
  await expect(open).toHaveAttribute("href", new URL(`./${link.hash}`, page.url()).href.replace("?embed", ""));
  // Read-only: no editor, and nothing stored.
  await expect(page.locator(".monaco-editor")).toHaveCount(0);
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
});

test("the address is a canonical permalink after an edit", async ({ page }) => {
  await page.goto("./");
  await setEditorText(page, DRAFT);
  await expect
    .poll(() => page.evaluate(() => location.hash))
    .toBe(
      encodeState({
        ...linkNamed("empty state: every field at its v1 default").state,
        text: DRAFT,
      }),
    );
});
