/**
 * The page under stress: a 5 MB paste, an analysis that fails, crashes or
 * hangs, and the network going away. The page stays responsive, keeps the
 * last good results with the error beside them, says which limit it reached,
 * and every test fails on any Content-Security-Policy violation (as in
 * security.spec.ts) besides the offline guard of helpers/offline.ts.
 */
import type { Page, Route } from "@playwright/test";
import { keysTable, summary } from "./helpers/app";
import { getEditorText, setEditorText, waitForEditor } from "./helpers/editor";
import { expect, test as offline } from "./helpers/offline";

declare global {
  interface Window {
    __cspViolation?: (report: string) => void;
    __frameGaps?: number[];
  }
}

const test = offline.extend<{ csp: string[] }>({
  csp: [
    async ({ context }, use) => {
      const csp: string[] = [];
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
      await use(csp);
      expect(csp, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

const SMALL = "FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n";
const SMALL_SUMMARY = "2 platforms · 1 cache mount · 1 unsafe collision";
const SEPARATE =
  "FROM alpine:3.20\nARG TARGETARCH\nRUN --mount=type=cache,id=apk-$TARGETARCH,target=/var/cache/apk apk add git\n";
const SEPARATE_SUMMARY = "2 platforms · 1 cache mount · 0 unsafe collisions";

/**
 * Serves the analysis worker with a test hook appended: texts holding `@@fail@@` get a failure
 * reply, `@@crash@@` throws inside the worker, `@@slow@@` keeps it busy for 60 s.
 */
async function sabotageWorker(page: Page): Promise<void> {
  await page.route(/analysis\.worker-[^/]*\.js$/, async (route: Route) => {
    const response = await route.fetch();
    const hook = `
      const __analyse = self.onmessage;
      self.onmessage = (event) => {
        const text = event.data.text;
        if (text.includes("@@fail@@")) return self.postMessage({ id: event.data.id, ok: false, error: "simulated failure" });
        if (text.includes("@@crash@@")) throw new Error("simulated crash");
        if (text.includes("@@slow@@")) { const end = Date.now() + 60000; while (Date.now() < end); }
        return __analyse.call(self, event);
      };`;
    await route.fulfill({ response, body: (await response.text()) + hook });
  });
}

/** The banner of a failed analysis (Monaco has role="alert" regions of its own). */
const failure = (page: Page) => page.getByRole("alert").filter({ hasText: "The analysis failed" });

async function openWith(page: Page, text: string): Promise<void> {
  await page.goto("./");
  await waitForEditor(page);
  await setEditorText(page, text);
}

test("a 5 MB paste keeps the page responsive and says which limit it reached", async ({ page }, testInfo) => {
  await openWith(page, SMALL);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);
  let big = "FROM golang:1.23\n";
  for (let i = 0; big.length < 5_000_000; i++)
    big += `RUN --mount=type=cache,target=/root/.cache/${i % 100} go build ./...\n`;

  // Record how long the main thread goes without a frame while the paste is digested.
  await page.evaluate(() => {
    window.__frameGaps = [];
    let last = performance.now();
    const tick = (now: number) => {
      window.__frameGaps!.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await setEditorText(page, big);

  // The page answers: other views open, other fields take input, while the worker has the paste.
  await page.getByRole("tab", { name: "Learn" }).click();
  await expect(page.getByRole("tab", { name: "Learn" })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("tab", { name: "Results" }).click();
  const ns = page.getByRole("textbox", { name: "Namespace (BUILDKIT_CACHE_MOUNT_NS)" });
  await ns.fill("proj");
  await expect(ns).toHaveValue("proj");
  expect((await getEditorText(page)).length).toBe(big.length);

  // The user is told which limit was reached and why (web/core/limits.ts).
  await expect(page.getByText(/the playground analyses at most 1 MiB/).first()).toBeVisible({ timeout: 30_000 });
  const gaps = await page.evaluate(() => window.__frameGaps ?? []);
  testInfo.annotations.push({
    type: "longest frame gap after the paste",
    description: `${Math.round(Math.max(0, ...gaps.slice(1)))} ms`,
  });
});

test("typing after a 5 MB paste cancels its analysis and shows the new results", async ({ page }) => {
  await openWith(page, SMALL);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);
  await setEditorText(
    page,
    `FROM golang:1.23\n${"RUN --mount=type=cache,target=/root/.cache/go-build go build ./...\n".repeat(75_000)}`,
  );
  await setEditorText(page, SEPARATE);
  await expect(summary(page)).toHaveText(SEPARATE_SUMMARY);
  await expect(keysTable(page).getByRole("cell", { name: /^\/apk-arm64$/ })).toBeVisible();
});

test("a failed analysis keeps the last good results, with the error beside them", async ({ page }) => {
  await sabotageWorker(page);
  await openWith(page, SMALL);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);
  const before = await keysTable(page).innerText();

  await setEditorText(page, `${SMALL}# @@fail@@\n`);
  await expect(failure(page)).toHaveText(
    "The analysis failed: simulated failure. The results below are from the last successful run.",
  );
  expect(await keysTable(page).innerText()).toBe(before);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);

  // The next good text clears the error and shows its own results.
  await setEditorText(page, SEPARATE);
  await expect(summary(page)).toHaveText(SEPARATE_SUMMARY);
  await expect(failure(page)).toHaveCount(0);
});

test("a crash inside the worker keeps the last good results, and the next edit recovers", async ({ page }) => {
  await sabotageWorker(page);
  await openWith(page, SMALL);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);
  const before = await keysTable(page).innerText();

  await setEditorText(page, `${SMALL}# @@crash@@\n`);
  await expect(failure(page)).toContainText("The analysis failed: The analysis worker failed:");
  await expect(failure(page)).toContainText("simulated crash");
  expect(await keysTable(page).innerText()).toBe(before);

  await setEditorText(page, SEPARATE);
  await expect(summary(page)).toHaveText(SEPARATE_SUMMARY);
  await expect(failure(page)).toHaveCount(0);
});

test("a hung analysis keeps the last good results, and the next edit cancels it", async ({ page }) => {
  await sabotageWorker(page);
  await openWith(page, SMALL);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);
  const before = await keysTable(page).innerText();

  await setEditorText(page, `${SMALL}# @@slow@@\n`);
  await expect(page.getByText("updating…")).toBeVisible();
  expect(await keysTable(page).innerText()).toBe(before);
  // The hung run would take a minute; the new text is answered well before (the worker is replaced).
  await setEditorText(page, SEPARATE);
  await expect(summary(page)).toHaveText(SEPARATE_SUMMARY);
});

test("the page keeps analysing after the network goes away, even when a run must be cancelled", async ({
  page,
  context,
}) => {
  await sabotageWorker(page);
  await openWith(page, SMALL);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);
  await context.setOffline(true);
  await setEditorText(page, SEPARATE);
  await expect(summary(page)).toHaveText(SEPARATE_SUMMARY);
  // Cancelling replaces the worker: its script must come from the cache, not the network. The next
  // edit comes as a user's next keystroke would, after the 400 ms use-analysis.ts lets a run take.
  await setEditorText(page, `${SMALL}# @@slow@@\n`);
  await expect(page.getByText("updating…")).toBeVisible();
  await page.waitForTimeout(600);
  await setEditorText(page, SMALL);
  await expect(summary(page)).toHaveText(SMALL_SUMMARY);
});
