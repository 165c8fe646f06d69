// Community activities (issue 19). The office announces an activity of 10 places, 6 for 王静
// and 4 for 李明 (shares beyond the places refused with a message); both phones receive it.
// With the server stopped, each butler signs households up on their phone: one beyond her
// share is refused on the phone with a message and nothing is queued; reloaded, the page
// comes from the service worker and holds them. Server started: synced; the office sees the
// headcount, cannot take 王静's places below her sign-ups, moves the activity to this
// morning and records who came; 王静 records the feedback visit (refused without a rating);
// the office's register shows the average, and the .xlsx has the comments.
import { expect, test } from "../support/fixtures";
import { desktopAs, phoneAs, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { localState } from "../support/idb";
import { TestServer } from "../support/server";
import { sheetRows } from "../support/xlsx";
import type { Page } from "@playwright/test";

const TITLE = "E2E 冬至包饺子";

/** `ms` as a datetime-local input holds it in the estate's time (UTC+8). */
const local = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

/** Signs a household up on the activity's page: the first match for `find` (households
 * signed up already are not offered), `people`. Returns its unit. A sign-up taken clears the
 * form: wait for it with `taken`. */
async function signUp(page: Page, find: string, people: number) {
  await page.getByTestId("sign-up-find").fill(find);
  const match = page.getByTestId("sign-up-match").first();
  const unit = (await match.getAttribute("data-unit"))!;
  await match.click();
  await page.getByTestId("sign-up-people").fill(String(people));
  await page.getByTestId("sign-up-save").click();
  return unit;
}

async function taken(page: Page, unit: string) {
  await expect(page.locator(`[data-testid=sign-up][data-unit='${unit}']`)).toBeVisible();
  await expect(page.getByTestId("sign-up-find")).toHaveValue("");
}

async function openActivity(page: Page, base: string) {
  await page.goto(`${base}/m/activities`);
  await waitForApp(page);
  await page.locator(`[data-testid=activity][data-title='${TITLE}']`).getByTestId("activity-link").click();
  await expect(page.getByTestId("activity-title")).toHaveText(TITLE);
}

test("offline on two phones, sign-ups stay within each butler's share; synced, the office sees the headcount, who came and the feedback's average", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    // The office announces it: shares beyond the 10 places refused, then 6 and 4.
    const office = await desktopAs(browser, server.url);
    await office.goto(`${server.url}/office/activities`);
    await waitForApp(office);
    await expect(office.getByTestId("activity-row").first()).toBeVisible({ timeout: 20_000 });
    await office.getByTestId("activity-title-input").fill(TITLE);
    await office.getByTestId("activity-place").fill("会所活动室");
    await office.getByTestId("activity-description").fill("自带围裙，每户最多 4 人");
    await office.getByTestId("activity-capacity").fill("10");
    await office.locator("[data-testid=activity-share][data-butler='王静']").fill("6");
    await office.locator("[data-testid=activity-share][data-butler='李明']").fill("6");
    await office.getByTestId("activity-save").click();
    await expect(office.getByTestId("activity-error")).toHaveText("各管家名额之和不能超过总名额");
    await office.locator("[data-testid=activity-share][data-butler='李明']").fill("4");
    await expect(office.getByTestId("activity-unshared")).toHaveText("未分配 0 个名额");
    await office.getByTestId("activity-save").click();
    await expect(office.getByTestId("activity-saved")).toBeVisible();
    const row = office.locator(`[data-testid=activity-row][data-title='${TITLE}']`);
    await expect(row.getByTestId("col-capacity")).toHaveText("10");

    // Both phones receive it.
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await expect(page.getByTestId("activities-tile")).toBeVisible();
    await openActivity(page, server.url);
    await expect(page.getByTestId("my-share")).toHaveText("我的名额：已报 0 人 / 共 6 人，剩余 6 人");
    const li = await phoneAs(browser, "liming", server.url);
    await waitForServiceWorker(li);
    await expect(li.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await openActivity(li, server.url);

    await server.stop();
    // 王静: 4, then 3 more is beyond her 6 — refused on the phone, nothing queued — then 2.
    const first = await signUp(page, "-", 4);
    await taken(page, first);
    const queued = (await localState(page)).outboxSeqs.length;
    await signUp(page, "-", 3);
    await expect(page.getByTestId("sign-up-error")).toHaveText("超出您的名额：请联系服务中心调整名额");
    expect((await localState(page)).outboxSeqs.length).toBe(queued);
    await page.getByTestId("sign-up-people").fill("2");
    await page.getByTestId("sign-up-save").click();
    await expect(page.getByTestId("sign-up")).toHaveCount(2);
    await expect(page.getByTestId("sign-up-find")).toHaveValue("");
    await expect(page.getByTestId("my-share")).toHaveText("我的名额：已报 6 人 / 共 6 人，剩余 0 人");
    // A household signed up is not offered again.
    await page.getByTestId("sign-up-find").fill("-");
    await expect(page.getByTestId("sign-up-match").first()).toBeVisible();
    await expect(page.locator(`[data-testid=sign-up-match][data-unit='${first}']`)).toHaveCount(0);
    await page.getByTestId("sign-up-find").fill("");
    // 李明: 3 of his 4, then 2 refused.
    const his = await signUp(li, "-", 3);
    await taken(li, his);
    await signUp(li, "-", 2);
    await expect(li.getByTestId("sign-up-error")).toHaveText("超出您的名额：请联系服务中心调整名额");
    await expect(li.getByTestId("sign-up")).toHaveCount(1);

    // Reloaded with the server stopped: from the service worker, both sign-ups there.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(page.getByTestId("sign-up")).toHaveCount(2);
    await expect(page.getByTestId("sync-status")).toContainText("1 个活动的报名或回访");

    // Back: both synced.
    await server.start();
    for (const p of [page, li]) {
      await p.reload();
      await waitForApp(p);
      await expect(p.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    }

    // The office: the headcount; 王静's places cannot go below her 6.
    await office.goto(`${server.url}/office/activities`);
    await waitForApp(office);
    await expect(row.getByTestId("col-signed-up")).toHaveText("报名 3 户 9 人", { timeout: 30_000 });
    await row.getByTestId("activity-open").click();
    await expect(office.getByTestId("activity-headcount")).toHaveText("报名 3 户 9 人");
    await expect(office.locator("[data-testid=share-row][data-butler='王静'] [data-testid=share-used]")).toHaveText("6");
    await office.locator("[data-testid=activity-share][data-butler='王静']").fill("5");
    await office.getByTestId("activity-save").click();
    await expect(office.getByTestId("activity-error")).toHaveText("管家名额不能少于其已报名的人数");
    // Held this morning: who came.
    await office.locator("[data-testid=activity-share][data-butler='王静']").fill("6");
    const now = Date.now();
    await office.getByTestId("activity-starts").fill(local(now - 2 * 3600_000));
    await office.getByTestId("activity-deadline").fill(local(now - 3 * 3600_000));
    await office.getByTestId("activity-save").click();
    await expect(office.getByTestId("activity-saved")).toBeVisible();
    await expect(office.getByTestId("activity-stage").first()).toHaveText("已举办");
    const came = office.locator(`[data-testid=sign-up][data-unit='${first}']`);
    await came.getByTestId("attended-yes").click();
    await expect(came.getByTestId("sign-up-attended")).toHaveText("到场");

    // 王静's feedback visit: refused without a rating; recorded.
    await expect(async () => {
      await page.reload();
      await waitForApp(page);
      await expect(page.getByTestId("feedback-open").first()).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    const mine = page.locator(`[data-testid=sign-up][data-unit='${first}']`);
    await mine.getByTestId("feedback-open").click();
    await mine.getByTestId("feedback-save").click();
    await expect(mine.getByRole("alert")).toHaveText("请选择满意度（1–5 分）");
    await mine.getByTestId("feedback-rating").selectOption("4");
    await mine.getByTestId("feedback-comments").fill("饺子好吃，邻居们很热情");
    await mine.getByTestId("feedback-suggestions").fill("下次办元宵灯谜会");
    await mine.getByTestId("feedback-save").click();
    await expect(mine.getByTestId("sign-up-feedback")).toContainText("饺子好吃");
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });

    // The office's register: who came, the feedback and its average; the .xlsx.
    await office.goto(`${server.url}/office/activities`);
    await waitForApp(office);
    await expect(row.getByTestId("col-average")).toHaveText("4.0", { timeout: 30_000 });
    await expect(row.getByTestId("col-attended")).toHaveText("4");
    await expect(row.getByTestId("col-feedback")).toHaveText("1");
    const xlsx = await office.request.get(`${server.url}/api/v1/activities/register.xlsx`);
    expect(xlsx.status()).toBe(200);
    const reg = (await sheetRows(xlsx, "社区活动登记表")).find((r) => r.includes(TITLE))!;
    expect(reg).toContain("4.0");
    const lines = await sheetRows(xlsx, "报名与回访");
    const line = lines.find((r) => r[0] === TITLE && r[2] === first)!;
    expect(line).toContain("饺子好吃，邻居们很热情");
    expect(line).toContain("到场");

    expect(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|net::/.test(e))).toEqual([]);
    await li.context().close();
    await office.context().close();
  } finally {
    await server.dispose();
  }
});
