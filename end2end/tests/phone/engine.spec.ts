// The sync engine is a chunk of its own, fetched right after the page is interactive (issue
// 22). A chunk that cannot be fetched — a page older than the server's build, whose chunk is
// gone — must not bring the app down: the page stays usable, says the app must be updated to
// sync, and a tap that would write says it could not; reloaded with the chunk there, it syncs.
import { devices } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";
import { TestServer } from "../support/server";

test("without the sync engine's chunk the phone says to update and writes nothing; with it, it syncs", async ({ browser }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    // No service worker: the chunk comes from the network, where it can be refused.
    const context = await browser.newContext({ ...devices["Pixel 7"], serviceWorkers: "block" });
    const page = await context.newPage();
    const errors = watchErrors(page);
    let refused = 0;
    await page.route(/\/pkg\/split_sync_engine\.[^/]*\.wasm$/, (route) => {
      refused += 1;
      return route.abort();
    });
    await signIn(page, "wangjing", /\/m$/, server.url);
    await expect(page.getByTestId("greeting")).toHaveText("你好，王静");
    await expect(page.getByTestId("sync-problem")).toHaveText("应用版本过旧，请更新后再同步（未同步的记录都会保留）");
    expect(refused).toBeGreaterThan(0);
    // The page still works: another screen opens (its records wait for the engine), and a
    // write says it could not be kept.
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await expect(page.getByRole("heading", { name: "今日巡查" })).toBeVisible();
    await page.goto(`${server.url}/m/follow-ups/new`);
    await waitForApp(page);
    await page.getByTestId("place").fill("2-1-0303");
    await page.getByTestId("title").fill("单元门禁失灵");
    await page.getByTestId("save").click();
    await expect(page.getByTestId("form-error")).toHaveText("同步组件未能下载，无法在本机保存：请联网后刷新页面");
    await expect(page).toHaveURL(/\/m\/follow-ups\/new$/);
    // What the browser logs is the refused fetch (and the split loader saying so), not a panic.
    expect(errors.some((e) => /panicked|unreachable|RuntimeError/.test(e))).toBe(false);
    expect(errors.filter((e) => !e.includes("split_sync_engine") && !e.includes("Failed to fetch"))).toEqual([]);

    // The chunk there again: reloaded, the phone syncs.
    await page.unroute(/\/pkg\/split_sync_engine\.[^/]*\.wasm$/);
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await expect(page.getByTestId("sync-problem")).toHaveCount(0);
    await context.close();
  } finally {
    await server.stop();
  }
});
