import { setEditorText } from "./helpers/editor";
import { expect, test } from "./helpers/offline";

test("the default example shows the apk cache colliding on amd64 and arm64", async ({ page }) => {
  await page.goto("./");
  const table = page.getByRole("table", { name: /cache key/i });
  await expect(table).toBeVisible();
  const cells = table.getByRole("cell");
  await expect(cells.filter({ hasText: "//var/cache/apk" })).toHaveCount(2);
  await expect(cells.filter({ hasText: /same cache|collides/i })).toHaveCount(2);
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
  const table = page.getByRole("table", { name: /cache key/i });
  await expect(table.getByRole("cell", { name: /\/amd64\/var\/cache\/apk/ })).toBeVisible();
  await expect(table.getByRole("cell", { name: /\/arm64\/var\/cache\/apk/ })).toBeVisible();
  await expect(table.getByRole("cell").filter({ hasText: /same cache|collides/i })).toHaveCount(0);
});
