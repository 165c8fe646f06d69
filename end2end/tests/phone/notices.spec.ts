// The notice boards (issue 18). With the server stopped, the butler's morning list shows the
// notice whose last day is today and the one a day late; she takes today's down with a photo
// of the cleared board, posts a new notice on two boards (an untitled one is refused with a
// message and nothing queued) and reports a damaged swing with a photo — the facility is out
// of use, its follow-up to 工程 safety-related and first in the queue though a later matter
// exists; reloaded, the page comes from the service worker and holds all of it. Server started: synced; the office's notice register shows who took it down and its
// photo, the new notice on its boards, what was up yesterday; the office moves the new
// notice's expiry date and the history says so; the office registers a checkpoint (a
// position off the globe is refused with a message).
import path from "node:path";
import { expect, test } from "../support/fixtures";
import { desktopAs, newFollowUp, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { localState } from "../support/idb";
import { TestServer } from "../support/server";
import { sheetRows } from "../support/xlsx";

const PHOTO = path.resolve(__dirname, "../../../public/icons/icon-512.png");
/** The estate's day (UTC+8) `days` from now, as YYYY-MM-DD. */
const estateDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
const TITLE = "停车场划线施工通知";
const FAULT = "秋千链条断了一根，已用警示带围起";

test("offline, the butler takes down today's expired notice with a photo and posts one on two boards; synced, the office's register shows both and moves an expiry date", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    // The demo's morning: one notice ends today, one ended yesterday and is still up.
    await expect(page.getByTestId("notices-due-count")).toHaveText("2 条公告到期待取下");
    await page.getByTestId("notices-tile").click();
    const due = page.getByTestId("due-notice");
    await expect(due).toHaveCount(2);
    const today = due.filter({ has: page.getByTestId("notice-state").filter({ hasText: "今日到期" }) });
    await expect(today).toHaveCount(1);
    await expect(due.filter({ has: page.getByTestId("notice-state").filter({ hasText: "已过期 1 天" }) })).toHaveCount(1);
    const title = (await today.getAttribute("data-title"))!;
    await expect(today.getByTestId("notice-boards-named")).toContainText("公告栏");

    await server.stop();
    // Taken down with a photo of the cleared board.
    await today.getByTestId("take-down-photo").setInputFiles(PHOTO);
    await expect(today.getByTestId("photo")).toHaveCount(1);
    await today.getByTestId("take-down").click();
    await expect(due).toHaveCount(1);
    const gone = page.getByTestId("notices-down").getByTestId("notice").filter({ hasText: title });
    await expect(gone.first()).toBeVisible();
    await expect(gone.first().getByTestId("state-chip")).toHaveText("待同步");
    await expect(gone.first().getByTestId("notice-taken-down")).toContainText("王静");

    // An untitled notice is refused with the message, and nothing is queued.
    const queued = (await localState(page)).outboxSeqs.length;
    const boards = page.getByTestId("notice-board");
    await boards.nth(0).check();
    await boards.nth(1).check();
    await page.getByTestId("post-notice").click();
    await expect(page.getByTestId("notice-error")).toHaveText("请填写公告标题（200 字以内）");
    expect((await localState(page)).outboxSeqs.length).toBe(queued);
    // An end before the start is refused too.
    await page.getByTestId("notice-title").fill(TITLE);
    await page.getByTestId("notice-expires-on").fill(estateDay(-1));
    await page.getByTestId("post-notice").click();
    await expect(page.getByTestId("notice-error")).toContainText("到期日期不能早于张贴日期");
    expect((await localState(page)).outboxSeqs.length).toBe(queued);
    await page.getByTestId("notice-issuer").selectOption("engineering");
    await page.getByTestId("notice-expires-on").fill(estateDay(3));
    await page.getByTestId("post-notice").click();
    await expect(page.getByTestId("notice-saved")).toBeVisible();
    const posted = page.getByTestId("notices-up").getByTestId("notice").filter({ hasText: TITLE });
    await expect(posted).toHaveCount(1);
    await expect(posted).toContainText("工程部");
    await expect(posted.getByTestId("state-chip")).toHaveText("待同步");
    await expect(page.getByTestId("sync-status")).toContainText("2 条公告");

    // A recreation facility found damaged: without words it is refused, nothing queued; with
    // them and a photo, it is out of use and its follow-up goes to 工程.
    const swing = page.getByTestId("facility").first();
    const facility = (await swing.getAttribute("data-name"))!;
    await expect(swing.getByTestId("facility-state")).toHaveText("正常");
    await swing.getByTestId("report-fault").click();
    const waiting = (await localState(page)).outboxSeqs.length;
    await swing.getByTestId("save-fault").click();
    await expect(swing.getByTestId("fault-error")).toHaveText("请写明问题（200 字以内）");
    expect((await localState(page)).outboxSeqs.length).toBe(waiting);
    await swing.getByTestId("fault-text").fill(FAULT);
    await swing.getByTestId("fault-photo").setInputFiles(PHOTO);
    await expect(swing.getByTestId("photo")).toHaveCount(1);
    await swing.getByTestId("save-fault").click();
    await expect(swing.getByTestId("fault-saved")).toBeVisible();
    await expect(swing.getByTestId("facility-state")).toHaveText("停用/待修");
    await expect(swing.getByTestId("facility-fault")).toHaveText(FAULT);
    // A later, ordinary follow-up: the safety matter still comes first.
    await page.goto(`${server.url}/m/follow-ups`);
    await waitForApp(page);
    await newFollowUp(page, "3-1-201", "楼道灯不亮");
    await page.goto(`${server.url}/m/notices`);
    await waitForApp(page);

    // Reloaded with the server still stopped: from the service worker, both still there.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(due).toHaveCount(1);
    await expect(posted).toHaveCount(1);

    // Back: synced.
    await server.start();
    await page.goto(`${server.url}/m/notices`);
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await expect(posted.getByTestId("state-chip")).toHaveCount(0);

    // The office: today's register has the new notice on its two boards and the one taken
    // down today, by 王静, with its photo.
    const office = await desktopAs(browser, server.url);
    await office.goto(`${server.url}/office/notices`);
    await waitForApp(office);
    const row = office.getByTestId("notice-row").filter({ hasText: TITLE });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row.getByTestId("row-boards")).toContainText("、");
    const down = office.getByTestId("notice-row").filter({ has: office.getByTestId("row-taken-down").filter({ hasText: "王静" }) });
    await expect(down.filter({ hasText: title }).first()).toBeVisible();
    await expect(down.filter({ hasText: title }).first().getByTestId("photo")).toHaveCount(1);
    // Yesterday: the new notice was not up yet.
    await office.getByTestId("notices-day").fill(estateDay(-1));
    await expect(office.getByTestId("notices-figures")).toContainText(estateDay(-1));
    await expect(row).toHaveCount(0);
    await office.getByTestId("notices-day").fill(estateDay(0));
    // The office moves its end; the history says who and from when to when.
    await row.getByTestId("row-new-expiry").fill(estateDay(10));
    await row.getByTestId("row-change-expiry").click();
    await expect(row.getByTestId("row-expires")).toHaveText(estateDay(10));
    await expect(row.getByTestId("expiry-change")).toContainText(`${estateDay(3)} 改为 ${estateDay(10)}`);
    await expect(row.getByTestId("expiry-change")).toContainText("陈芳");
    await office.emulateMedia({ media: "print" });
    await expect(office.locator(".filters")).toBeHidden();
    await expect(row).toBeVisible();
    await office.emulateMedia({ media: "screen" });
    // Its .xlsx, as the screen filters it: the new notice's row with its history, the one
    // taken down with who did it.
    const href = (await office.getByTestId("export-xlsx").getAttribute("href"))!;
    expect(href).toContain(`day=${estateDay(0)}`);
    const cells = await sheetRows(await office.request.get(`${server.url}${href}`), "公告登记表");
    const mine = cells.find((r) => r.includes(TITLE))!;
    expect(mine).toContain("工程部");
    expect(mine.join(" ")).toContain(`${estateDay(3)} 改为 ${estateDay(10)}`);
    expect(cells.find((r) => r.includes(title) && r.includes("王静"))).toBeTruthy();

    // The fault: first in the queue though newer matters exist, marked safety-related; its
    // facility out of use on the office's register of places.
    await office.goto(`${server.url}/office/follow-ups`);
    await waitForApp(office);
    await expect(office.getByTestId("queue-row")).toHaveCount(2, { timeout: 20_000 });
    await expect(office.getByTestId("queue-row").first()).toContainText(FAULT);
    await expect(office.getByTestId("queue-row").first().getByTestId("safety-chip")).toHaveText("安全相关");
    await expect(office.getByTestId("queue-row").first()).toContainText(facility);
    await expect(office.getByTestId("queue-row").first()).toContainText("工程");

    // Places: the demo's are listed; a checkpoint registered; a position off the globe refused.
    await office.goto(`${server.url}/office/places`);
    await waitForApp(office);
    await expect(office.getByTestId("place-row").first()).toBeVisible({ timeout: 20_000 });
    await expect(office.getByTestId("place-row").filter({ hasText: facility }).filter({ hasText: "东区组团" }).getByTestId("place-state")).toHaveText("停用/待修");
    const before = await office.getByTestId("place-row").count();
    await office.getByTestId("place-cluster").selectOption({ label: "东区组团" });
    await office.getByTestId("place-kind").selectOption("checkpoint");
    await office.getByTestId("place-name").fill("南门岗");
    await office.getByTestId("place-location").fill("南门");
    await office.getByTestId("place-lat").fill("95");
    await office.getByTestId("place-lon").fill("121.47");
    await office.getByTestId("save-place").click();
    await expect(office.getByTestId("place-error")).toContainText("纬度在 -90 到 90 之间");
    await office.getByTestId("place-lat").fill("31.2291");
    await office.getByTestId("save-place").click();
    await expect(office.getByTestId("place-saved")).toBeVisible();
    await expect(office.getByTestId("place-row")).toHaveCount(before + 1);
    await expect(office.getByTestId("place-row").filter({ hasText: "南门岗" })).toContainText("巡查点");
    await expect(office.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });

    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});
