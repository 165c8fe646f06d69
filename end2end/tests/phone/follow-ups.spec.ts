// Follow-ups end to end (issue 3, scenario 11): a butler creates and comments follow-ups with
// the server stopped; they survive a reload as pending; the server starts and they sync; the
// office assigns one; the repairer resolves it on his phone; the office queue shows it all.
import { Browser } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { newFollowUp, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { TestServer } from "../support/server";
import { devices } from "@playwright/test";

async function desktop(browser: Browser) {
  return browser.newContext({ ...devices["Desktop Chrome"] });
}

test("create and comment offline, sync, assign, resolve on the repairer's phone, see it in the office queue", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步");

    // The server goes away; the butler keeps working.
    await server.stop();
    await newFollowUp(page, "3-1-0802", "楼道灯不亮");
    await expect(page.getByTestId("state-chip")).toHaveText("待同步");
    await page.getByTestId("comment-text").fill("已拍照，灯罩破损");
    await page.getByTestId("comment-send").click();
    await expect(page.getByTestId("comments")).toContainText("已拍照，灯罩破损");
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await newFollowUp(page, "3-2-1201", "厨房天花板渗水");
    await page.getByRole("link", { name: "跟进", exact: true }).click();

    // A reload with no server: the shell from the service worker, the records from IndexedDB.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await page.getByRole("button", { name: "全部" }).click();
    const list = page.getByTestId("follow-up-list");
    await expect(list.locator("li")).toHaveCount(2);
    await expect(list.getByTestId("state-chip")).toHaveText(["待同步", "待同步"]);
    // Three changes to two records: the status counts records.
    await expect(page.getByTestId("sync-status")).toContainText("2 条跟进待同步");
    await expect(page.getByTestId("sync-status")).toHaveAttribute("data-pending", "3");

    // Back online: everything syncs.
    await server.start();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await page.getByRole("button", { name: "全部" }).click();
    await expect(list.getByTestId("state-chip")).toHaveText(["已同步", "已同步"]);

    // The office assigns the leak to 赵强.
    const officeContext = await desktop(browser);
    const office = await officeContext.newPage();
    await signIn(office, "chenfang", /\/office$/, server.url);
    await office.getByRole("link", { name: "跟进事项" }).click();
    const queue = office.getByTestId("office-queue");
    await expect(queue.locator("tbody tr")).toHaveCount(2);
    await queue.getByRole("link", { name: "厨房天花板渗水" }).click();
    await office.getByTestId("assignee").selectOption({ label: "赵强" });
    await office.getByTestId("assign").click();
    await expect(office.getByTestId("follow-up-status")).toHaveText("已派单");
    await expect(office.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The repairer works it on his phone.
    const repairerContext = await browser.newContext({ ...devices["Pixel 7"] });
    const repairer = await repairerContext.newPage();
    await signIn(repairer, "zhaoqiang", /\/m$/, server.url);
    await repairer.getByRole("link", { name: "跟进", exact: true }).click();
    await repairer.getByRole("link", { name: /厨房天花板渗水/ }).click();
    await repairer.getByTestId("to-in_progress").click();
    await expect(repairer.getByTestId("follow-up-status")).toHaveText("处理中");
    await repairer.getByTestId("to-resolved").click();
    await expect(repairer.getByTestId("follow-up-status")).toHaveText("已解决");
    await expect(repairer.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The office sees all of it.
    await office.goto(`${server.url}/office/follow-ups`);
    await waitForApp(office);
    await expect(queue.locator("tbody tr")).toHaveCount(2);
    await office.getByTestId("filter-status").selectOption("resolved");
    await expect(queue.locator("tbody tr")).toHaveCount(1);
    await expect(queue).toContainText("厨房天花板渗水");
    await expect(queue).toContainText("赵强");
    await office.getByTestId("filter-status").selectOption("");
    await office.getByTestId("filter-department").selectOption("engineering");
    await expect(queue.locator("tbody tr")).toHaveCount(2);
    await queue.getByRole("link", { name: "楼道灯不亮" }).click();
    await expect(office.getByTestId("comments")).toContainText("已拍照，灯罩破损");

    expect(errors).toEqual([]);
    await officeContext.close();
    await repairerContext.close();
  } finally {
    await server.dispose();
  }
});

test("a public-area fault found on a round: resolved by engineering, the butler checks and closes it with no customer to tell or return-visit", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await page.locator(`[data-testid="round"][data-purpose="patrol"]`).getByTestId("start-round").click();
    await expect(page).toHaveURL(/\/m\/patrol\/runs\//);
    const failing = page.locator(`[data-testid="item"][data-key="facilities.intact"]`);
    await failing.getByTestId("fail").click();
    const panel = failing.getByTestId("fail-panel");
    await panel.getByTestId("fail-note").fill("5号楼门口路灯不亮");
    await panel.getByTestId("save-fail").click();
    await failing.getByTestId("item-follow-up").getByRole("link").click();
    await expect(page).toHaveURL(/\/m\/follow-ups\//);
    const followUp = page.url();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The office assigns it; engineering resolves it on the phone.
    const officeContext = await desktop(browser);
    const office = await officeContext.newPage();
    await signIn(office, "chenfang", /\/office$/, server.url);
    await office.getByRole("link", { name: "跟进事项" }).click();
    await office.getByTestId("office-queue").getByRole("link", { name: /5号楼门口路灯不亮/ }).click();
    await office.getByTestId("assignee").selectOption({ label: "赵强" });
    await office.getByTestId("assign").click();
    await expect(office.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    const repairerContext = await browser.newContext({ ...devices["Pixel 7"] });
    const repairer = await repairerContext.newPage();
    await signIn(repairer, "zhaoqiang", /\/m$/, server.url);
    await repairer.getByRole("link", { name: "跟进", exact: true }).click();
    await repairer.getByRole("link", { name: /5号楼门口路灯不亮/ }).click();
    await repairer.getByTestId("to-in_progress").click();
    await repairer.getByTestId("to-resolved").click();
    await expect(repairer.getByTestId("follow-up-status")).toHaveText("已解决");
    await expect(repairer.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The butler: nothing about a customer, one step that closes it after checking.
    await page.goto(followUp);
    await waitForApp(page);
    await expect(page.getByTestId("follow-up-status")).toHaveText("已解决", { timeout: 20_000 });
    await expect(page.getByTestId("public-area-hint")).toBeVisible();
    await expect(page.getByTestId("to-customer_informed")).toHaveCount(0);
    await expect(page.getByTestId("return-visit-form")).toHaveCount(0);
    await expect(page.getByTestId("to-closed")).toHaveText("已复核，关闭");
    await page.getByTestId("to-closed").click();
    await expect(page.getByTestId("follow-up-status")).toHaveText("已关闭");
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The office sees it closed, with no return visit waiting for it.
    await office.reload();
    await waitForApp(office);
    await expect(office.getByTestId("follow-up-status")).toHaveText("已关闭", { timeout: 20_000 });
    await expect(office.getByTestId("return-visit-form")).toHaveCount(0);
    expect(errors).toEqual([]);
    await officeContext.close();
    await repairerContext.close();
  } finally {
    await server.dispose();
  }
});
