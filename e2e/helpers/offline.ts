import { test as base, expect } from "@playwright/test";

/**
 * Every test runs offline: requests that leave localhost are aborted and recorded,
 * and the test fails if any was attempted. CSP violations and uncaught page errors
 * fail the test too.
 */
export const test = base.extend<{ guard: { blocked: string[]; pageErrors: string[] } }>({
  guard: [
    async ({ context, page }, use) => {
      const blocked: string[] = [];
      const pageErrors: string[] = [];
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        const local = url.hostname === "localhost" || url.hostname === "127.0.0.1";
        if (local || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
        blocked.push(url.href);
        return route.abort("blockedbyclient");
      });
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await use({ blocked, pageErrors });
      expect(blocked, "requests that left localhost").toEqual([]);
      expect(pageErrors, "uncaught errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
