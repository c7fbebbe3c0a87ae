/**
 * Links come from strangers: a link whose Dockerfile, build args, target and
 * view hold HTML and script must render all of it as text, run none of it,
 * and trip no Content-Security-Policy (build/csp-plugin.ts). Every test here
 * fails on any CSP violation, in the page or its workers.
 */
import type { Page } from "@playwright/test";
import type { SharedState } from "../web/share/share-state";
import { V1_DEFAULTS } from "../web/share/share-state";
import { encodeState } from "../web/share/url-codec";
import { keysTable } from "./helpers/app";
import { waitForEditor } from "./helpers/editor";
import { expect, test as offline } from "./helpers/offline";

declare global {
  interface Window {
    __pwned?: unknown;
    __cspViolation?: (report: string) => void;
  }
}

/**
 * Records CSP violations: the page's `securitypolicyviolation` events (through a binding, so
 * reloads and navigations keep reporting) and Chromium's console errors, which also cover workers.
 * Fails the test on any, and on any dialog (alert, confirm, prompt) a payload might open.
 */
const test = offline.extend<{ security: { csp: string[]; dialogs: string[] } }>({
  security: [
    async ({ context, page }, use) => {
      const csp: string[] = [];
      const dialogs: string[] = [];
      await context.exposeBinding("__cspViolation", (_source, report: string) => void csp.push(report));
      await context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          window.__cspViolation?.(
            `${e.effectiveDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`,
          );
        });
      });
      context.on("console", (m) => {
        if (m.type() === "error" && /Content Security Policy/i.test(m.text())) csp.push(m.text());
      });
      page.on("dialog", (d) => {
        dialogs.push(`${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      await use({ csp, dialogs });
      expect(csp, "Content-Security-Policy violations").toEqual([]);
      expect(dialogs, "dialogs opened by a payload").toEqual([]);
    },
    { auto: true },
  ],
});

// No quotes: the flag splitter would remove them (buildkit-semantics.md §1.4).
const IMG = "<img src=x onerror=window.__pwned=1>";
const SVG = "<svg/onload=window.__pwned=2>";
const SCRIPT = "</script><script>window.__pwned=3</script>";
const JS_URL = "javascript:window.__pwned=4";

/** Payloads in a comment, a stage name, mount ids and targets, a command, and a build arg's value. */
const DOCKERFILE = [
  `# ${IMG} ${SCRIPT}`,
  "FROM alpine:3.20 AS base",
  "ARG X",
  `RUN --mount='type=cache,id=${IMG},target=/var/cache/${SVG}' apk add "${SCRIPT}"`,
  `RUN --mount=type=cache,target=${JS_URL} true`,
  "RUN --mount=type=cache,id=$X,target=/x true",
  "",
].join("\n");

const STATE: SharedState = {
  ...V1_DEFAULTS,
  text: DOCKERFILE,
  platforms: ["linux/amd64", "linux/arm64"],
  buildArgs: { X: JS_URL, [IMG]: SCRIPT },
  view: { tab: IMG, cell: { mount: 0, platform: 1 }, rule: "" },
};

/** Opens Monaco's hover (finding messages, mount keys) at a position, as the mouse or Ctrl+K Ctrl+I would. */
async function showHover(page: Page, lineNumber: number, column: number): Promise<void> {
  await page.evaluate(
    ([l, c]) => {
      const editor = window.__cmp!.editor;
      editor.focus();
      editor.setPosition({ lineNumber: l, column: c });
      editor.trigger("test", "editor.action.showHover", {});
    },
    [lineNumber, column] as const,
  );
}

/** Nothing ran, and nothing the link held became markup. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.__pwned), "window.__pwned").toBeUndefined();
  const markup = await page.evaluate(() => {
    const handlers = [...document.querySelectorAll("*")].flatMap((el) =>
      [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName.toLowerCase()}[${a.name}]`),
    );
    return {
      handlers,
      images: document.querySelectorAll('img[src="x"], svg[onload]').length,
      inlineScripts: [...document.scripts].filter((s) => s.src === "").length,
      jsLinks: [...document.querySelectorAll("a[href], area[href], iframe[src], form[action]")]
        .map((el) => el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("action") ?? "")
        .filter((u) => /^\s*javascript:/i.test(u)),
    };
  });
  expect(markup).toEqual({ handlers: [], images: 0, inlineScripts: 0, jsLinks: [] });
}

test("a link full of HTML and script shows it as text and runs none of it", async ({ page }) => {
  await page.goto(`./${encodeState(STATE)}`);
  await waitForEditor(page);
  // The payloads are there, as text: in the cache keys and in the findings.
  await expect(keysTable(page).getByText(`/${IMG}`, { exact: true }).first()).toBeVisible();
  await expect(keysTable(page).getByText(`/${JS_URL}`, { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("region", { name: /findings/i })).toContainText(SVG);
  await expectInert(page);

  // Monaco's hover on the mount shows the finding messages. (Before the Fix tab: after it, hovers
  // throw "InstantiationService has been disposed", a DiffPane bug reported to its owner.)
  await showHover(page, 4, 20);
  await expect(page.locator(".monaco-hover").filter({ hasText: "onerror" }).first()).toBeVisible();
  await expectInert(page);

  // Every other view that shows Dockerfile text: each cell's derivation, the fix and its diff, the intro.
  const cells = keysTable(page).getByRole("cell").filter({ hasText: IMG });
  const count = await cells.count();
  expect(count).toBe(2);
  for (let i = 0; i < count; i++) await cells.nth(i).click();
  await page.getByRole("tab", { name: "Fix" }).click();
  // Leave the tab only once the diff is computed: leaving earlier trips a Monaco race (reported).
  await expect(page.locator(".monaco-diff-editor :is(.line-insert, .char-insert)").first()).toBeAttached();
  await page.getByRole("tab", { name: "Learn" }).click();
  await page.getByRole("tab", { name: "Results" }).click();
  await expectInert(page);

  // The build-arg editor holds the payload name and value as input values, not markup.
  await page.getByText(/^Build args \(2\)/).click();
  await expect(page.getByRole("textbox", { name: "Build arg 1 name" })).toHaveValue(IMG);
  await expect(page.getByRole("textbox", { name: "Build arg 1 value" })).toHaveValue(SCRIPT);
  await expectInert(page);
});

test("a link whose target stage is a script shows BuildKit's error as text", async ({ page }) => {
  await page.goto(`./${encodeState({ ...STATE, target: SCRIPT })}`);
  await waitForEditor(page);
  await expect(page.getByRole("region", { name: /findings/i })).toContainText(
    `target stage "${SCRIPT}" could not be found`,
  );
  await expectInert(page);
});

test("a Dockerfile whose errors quote HTML shows them as text, in the findings and the editor's markers", async ({
  page,
}) => {
  const text = `FROM alpine\n${IMG}\n`;
  await page.goto(`./${encodeState({ ...STATE, text })}`);
  await waitForEditor(page);
  await expect(page.getByRole("region", { name: /findings/i })).toContainText(
    `unknown instruction: ${IMG.split(" ")[0]}`,
  );
  await showHover(page, 2, 3);
  await expect(page.locator(".monaco-hover").filter({ hasText: "unknown instruction" }).first()).toBeVisible();
  await expectInert(page);
});

test("javascript: and HTML in rule and example links open nothing", async ({ page }) => {
  for (const hash of [
    `#rule/${JS_URL}`,
    `#rule/${encodeURIComponent(IMG)}`,
    `#example/${encodeURIComponent(SCRIPT)}`,
  ]) {
    await page.goto(`./${hash}`);
    await expect(
      page
        .getByRole("table", { name: /cache key/i })
        .or(page.getByRole("alert"))
        .first(),
    ).toBeVisible();
    await expectInert(page);
  }
});

test("the embed view of the same link runs none of it either", async ({ page }) => {
  await page.goto(`./?embed${encodeState(STATE)}`);
  await expect(page.getByText(`/${IMG}`, { exact: true }).first()).toBeVisible();
  await expectInert(page);
});

test("the built page declares the Content-Security-Policy before any script, and the browser enforces it", async ({
  page,
  security,
}) => {
  const html = await (await page.request.get("./")).text();
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  expect(meta?.[1]).toBe(
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
      "worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
  );
  expect(html.indexOf("Content-Security-Policy")).toBeLessThan(html.indexOf("<script"));

  await page.goto("./");
  await expect(keysTable(page)).toBeVisible();
  // An inline script and a string timer (eval) are refused, and reported as violations.
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "window.__pwned = 'inline'";
    document.head.append(script);
    setTimeout("window.__pwned = 'eval'" as unknown as () => void, 0);
  });
  await expect.poll(() => security.csp.length).toBe(2);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(security.csp.filter((v) => v.startsWith("script-src"))).toHaveLength(2);
  // Provoked on purpose: not a failure of this test.
  security.csp.length = 0;
});
