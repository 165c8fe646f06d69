// The office's pages are loaded on demand in a split build (issue 22), and the service worker
// precaches every chunk: with the server process stopped after one online visit, each office
// page opens from the service worker — its code from the cache, no request failing, no
// console error — as far as it can without the server (lists say they cannot load).
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { TestServer } from "../support/server";

/** Each lazy office page and a heading it draws without the server. */
const PAGES: [string, string][] = [
  ["/office", "今日巡查"],
  ["/office/follow-ups", "跟进事项"],
  ["/office/templates", "检查表"],
  ["/office/estate", "导入房屋与客户"],
  ["/office/registers", "登记表"],
  ["/office/staff", "员工"],
  ["/office/audit", "审计日志"],
  ["/office/complaints", "投诉登记表"],
  ["/office/fees", "费用催收"],
  ["/office/fees/register", "物管费催收登记表"],
  ["/office/notices", "公告登记"],
  ["/office/documents", "文件发放登记"],
  ["/office/activities", "社区活动登记"],
  ["/office/places", "地点登记"],
  ["/office/places/labels", "二维码标签"],
];

test("offline, proven: the server stopped, every office page loaded on demand opens from the service worker", async ({ page }) => {
  test.setTimeout(120_000);
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "chenfang", /\/office$/, server.url);
    await waitForServiceWorker(page);
    await server.stop();
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();

    // Every file the pages' code comes from is answered by the worker's cache.
    const notFromCache: string[] = [];
    page.on("response", (r) => {
      if (new URL(r.url()).pathname.startsWith("/pkg/") && !r.fromServiceWorker()) notFromCache.push(r.url());
    });
    const failed: string[] = [];
    page.on("requestfailed", (r) => {
      if (new URL(r.url()).pathname.startsWith("/pkg/")) failed.push(r.url());
    });
    for (const [path, heading] of PAGES) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.fromServiceWorker(), path).toBe(true);
      await waitForApp(page);
      await expect(page.locator("main h1").first(), path).toContainText(heading);
    }
    expect(failed).toEqual([]);
    expect(notFromCache).toEqual([]);
  } finally {
    await server.dispose();
  }
});
