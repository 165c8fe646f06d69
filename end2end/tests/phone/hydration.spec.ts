// A page loaded on demand hydrates once its code has arrived. Meanwhile the phone's local store
// must not reach the screens: a record read before hydration would draw another page than the
// server rendered, and the hydration would panic (it did, now and then, in CI, on a case file
// opened after a restart). Here each chunk of code arrives two seconds late — time enough for
// the local store to load — and the page must still hydrate, then show the local records.
import { devices } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";
import { TestServer } from "../support/server";

test("a case file whose code arrives late hydrates as the server drew it, then shows the local records", async ({ browser }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    // No service worker: the chunks come from the network, where they can be held back.
    const context = await browser.newContext({ ...devices["Pixel 7"], serviceWorkers: "block" });
    const page = await context.newPage();
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByTestId("fees-tile").click();
    const row = page.locator('[data-testid="arrears-row"]').first();
    await expect(row).toBeVisible({ timeout: 20_000 });
    const href = (await row.getByRole("link").getAttribute("href"))!;

    let held = 0;
    await page.route(/\/pkg\/chunk_[^/]*\.wasm$/, async (route) => {
      held += 1;
      await new Promise((r) => setTimeout(r, 2_000));
      await route.continue();
    });
    const errors = watchErrors(page);
    await page.goto(`${server.url}${href}`);
    await waitForApp(page);
    // The case file is this phone's record: it is drawn after hydration, from the local store.
    await expect(page.getByTestId("case-file")).toBeVisible();
    expect(held).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  } finally {
    await server.stop();
  }
});
