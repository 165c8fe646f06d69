// Vacant units on the phone (issue 5): with the server stopped, the due list, an inspection that
// finds a leak (with a photo), the owner phoned; synced, the office sees it in the register,
// coverage went up and engineering has the follow-up. A move-in recorded offline leaves the
// vacant list and enters that week's move-in record; an inspection whose owner was not told is
// listed until it is recorded.
import { devices, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import path from "node:path";
import { desktopAs, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { TestServer } from "../support/server";
import { estateToday } from "../support/api";

const PHOTO = path.resolve(__dirname, "../../../public/icons/icon-192.png");

function item(page: Page, key: string) {
  return page.locator(`[data-testid="item"][data-key="${key}"]`);
}

async function coverageOf(office: Page, cluster: string): Promise<string> {
  const line = office.getByTestId("coverage-line").filter({ hasText: cluster });
  return (await line.getByTestId("coverage-figure").textContent()) ?? "";
}

test("a vacant unit inspected offline with a leak and a photo, the owner phoned; synced, the office and engineering see it", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    const office = await desktopAs(browser, server.url);
    await expect(office.getByTestId("coverage-line")).toHaveCount(2);
    const before = await coverageOf(office, "东区组团");
    expect(before).toMatch(/^0\/\d+ \(0%\)$/);

    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步");

    // No server from here on.
    await server.stop();
    await page.getByTestId("vacant-link").click();
    await expect(page).toHaveURL(/\/m\/vacant$/);
    const units = page.getByTestId("vacant-unit");
    await expect(units.first()).toBeVisible();
    const total = await units.count();
    expect(total).toBeGreaterThan(10);
    await expect(page.getByTestId("count-done")).toHaveText("本月已巡视 0");
    // Everything listed is still to do this month, overdue ones included.
    await expect(page.getByTestId("count-due")).toHaveText(`本月要巡视 ${total}`);
    const first = units.first();
    const code = (await first.getAttribute("data-unit"))!;
    await first.click();
    await expect(page.getByTestId("unit-code")).toHaveText(code);
    await expect(page.getByTestId("unit-state")).toHaveText("空置");
    await page.getByTestId("start-inspection").click();
    await expect(page.getByTestId("run-unit")).toHaveText(code);

    for (const key of ["vacant.doors_windows", "vacant.utilities_off", "vacant.no_cracks"]) {
      await item(page, key).getByTestId("pass").click();
      await expect(item(page, key).getByTestId("pass")).toHaveClass(/chosen/);
    }
    const leak = item(page, "vacant.no_leak");
    await leak.getByTestId("fail").click();
    const panel = leak.getByTestId("fail-panel");
    await panel.getByTestId("fail-note").fill("卫生间地漏渗水，楼下天花有水渍");
    // Where: the unit, not the section's title (issue 13, bug 2).
    await expect(panel.getByTestId("fail-place")).toHaveValue(code);
    await panel.getByTestId("photo-input").setInputFiles(PHOTO);
    await expect(panel.getByTestId("photo")).toHaveCount(1);
    await expect(panel.getByTestId("department")).toHaveValue("engineering");
    await panel.getByTestId("save-fail").click();
    await expect(leak).toHaveClass(/failed/);
    await page.getByTestId("finish").click();
    await expect(page.getByTestId("run-summary")).toBeVisible();

    // The patrol home's recent rounds name the unit inspected.
    await page.goto(`${server.url}/m/patrol`);
    await waitForApp(page);
    await expect(page.getByTestId("recent-run").first()).toContainText(code);

    // Not told yet: listed.
    await page.goto(`${server.url}/m/vacant`);
    await waitForApp(page);
    await expect(page.getByTestId("untold-inspection")).toHaveCount(1);
    await expect(page.getByTestId("untold-inspection")).toContainText(code);
    await expect(page.locator(`[data-testid="vacant-unit"][data-unit="${code}"]`)).toContainText("本月已巡视");
    await expect(page.getByTestId("count-done")).toHaveText("本月已巡视 1");

    // The owner was phoned a few minutes ago: the time is said, and a time not yet come is refused.
    await page.getByTestId("untold-inspection").getByRole("link").click();
    const notices = page.getByTestId("owner-notices");
    await notices.getByTestId("owner-channel").selectOption("phone");
    await notices.getByTestId("owner-said").fill("已电话告知业主地漏渗水，工程部将预约上门");
    const estateClock = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);
    await notices.getByTestId("owner-when").fill(estateClock(Date.now() + 2 * 3600_000));
    await notices.getByTestId("owner-save").click();
    await expect(notices.getByRole("alert")).toHaveText("告知时间不能晚于现在");
    await expect(notices.getByTestId("owner-notice")).toHaveCount(0);
    const told = estateClock(Date.now() - 5 * 60_000);
    await notices.getByTestId("owner-when").fill(told);
    await notices.getByTestId("owner-save").click();
    await expect(notices.getByTestId("owner-notice")).toContainText("电话");
    await expect(notices.getByTestId("owner-notice")).toContainText(told.slice(11, 16));
    await page.goto(`${server.url}/m/vacant`);
    await waitForApp(page);
    await expect(page.getByTestId("untold-inspection")).toHaveCount(0);

    // Back online: everything and the photo arrive.
    await server.start();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The office: the register, coverage, and engineering's follow-up.
    await office.reload();
    await waitForApp(office);
    await expect.poll(() => coverageOf(office, "东区组团")).toMatch(/^1\/\d+ \(\d+%\)$/);
    await office.getByRole("link", { name: "登记表" }).click();
    await office.getByTestId("tab-vacant").click();
    const row = office.locator(`[data-testid="vacant-row"][data-unit="${code}"]`);
    await expect(row.getByTestId("row-findings")).toContainText("卫生间地漏渗水");
    await expect(row.getByTestId("row-told")).toContainText("电话");
    await row.getByRole("link", { name: code }).click();
    await expect(office.getByTestId("detail-photo")).toHaveCount(1);
    await expect(office.getByTestId("detail-follow-up")).toContainText("工程");

    const repairer = await browser.newContext({ ...devices["Pixel 7"] });
    const phone = await repairer.newPage();
    await signIn(phone, "zhaoqiang", /\/m$/, server.url);
    await phone.getByRole("link", { name: "跟进", exact: true }).click();
    await phone.getByRole("button", { name: "全部" }).click();
    await expect(phone.getByTestId("follow-up-list")).toContainText("卫生间地漏渗水");
    // Engineering's phone says where to go: the unit; what was checked, the photo and when it
    // is due (engineering's default, 3 days) — a summary of the inspection it never receives.
    await phone.getByTestId("follow-up-list").getByText("卫生间地漏渗水").first().click();
    await expect(phone.getByTestId("follow-up-place")).toHaveText(code);
    await expect(phone.getByTestId("follow-up-item")).toHaveText("无漏水、漏气");
    await expect(phone.getByTestId("follow-up-photos").getByTestId("photo")).toHaveCount(1);
    await expect(phone.getByTestId("follow-up-photos").locator("img")).toBeVisible();
    await expect(phone.getByTestId("follow-up-due")).toHaveText(estateToday(Date.now() + 3 * 86_400_000));
    await expect(phone.getByTestId("follow-up-origin")).toHaveCount(0);
    // The office's copy links to the inspection it came from.
    await office.goto(`${server.url}${new URL(phone.url()).pathname.replace("/m/", "/office/")}`);
    await waitForApp(office);
    await office.getByTestId("follow-up-origin").click();
    await expect(office).toHaveURL(/\/office\/patrol\/runs\//);
    await expect(office.getByTestId("detail-photo")).toHaveCount(1);
    expect(errors).toEqual([]);
    await repairer.close();
    await office.context().close();
  } finally {
    await server.dispose();
  }
});

test("a move-in recorded offline leaves the vacant list and enters that week's move-in record", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "liming", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await page.goto(`${server.url}/m/vacant`);
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步");
    const units = page.getByTestId("vacant-unit");
    await expect(units.first()).toBeVisible();
    const total = await units.count();
    const code = (await units.first().getAttribute("data-unit"))!;

    await server.stop();
    await units.first().click();
    await page.getByTestId("occupancy-household").fill("赵六一家");
    await page.getByTestId("record-move-in").click();
    await expect(page.getByTestId("unit-state")).toHaveText("已入住");
    await expect(page.getByTestId("occupancy-change").first()).toContainText("赵六一家");
    await page.goto(`${server.url}/m/vacant`);
    await waitForApp(page);
    await expect(units).toHaveCount(total - 1);
    await expect(page.locator(`[data-testid="vacant-unit"][data-unit="${code}"]`)).toHaveCount(0);

    await server.start();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await expect(units).toHaveCount(total - 1);

    const office = await desktopAs(browser, server.url);
    await office.getByRole("link", { name: "登记表" }).click();
    await office.getByTestId("tab-records").click();
    await expect(office.locator(`[data-testid="move-in-line"][data-unit="${code}"]`)).toContainText("赵六一家");
    await expect(office.locator(`[data-testid="monthly-line"][data-unit="${code}"]`)).toHaveCount(0);
    await office.context().close();
  } finally {
    await server.dispose();
  }
});

test("an inspection started by mistake is discarded offline while nothing is answered; it counts nowhere, on the phone or in the office", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await page.goto(`${server.url}/m/vacant`);
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步");
    const first = page.getByTestId("vacant-unit").first();
    const code = (await first.getAttribute("data-unit"))!;

    await server.stop();
    await first.click();
    await page.getByTestId("start-inspection").click();
    await expect(page.getByTestId("run-unit")).toHaveText(code);
    // Two taps: the first asks, the second discards.
    await page.getByTestId("discard-run").click();
    await expect(page.getByTestId("confirm-discard")).toBeVisible();
    await page.getByTestId("confirm-discard").click();
    await expect(page).toHaveURL(/\/m\/units\//);
    await expect(page.getByTestId("unit-code")).toHaveText(code);
    await page.goto(`${server.url}/m/vacant`);
    await waitForApp(page);
    await expect(page.getByTestId("count-done")).toHaveText("本月已巡视 0");
    await expect(page.locator(`[data-testid="vacant-unit"][data-unit="${code}"]`)).not.toContainText("本月已巡视");

    // Once something is answered, the inspection can no longer be thrown away.
    await page.locator(`[data-testid="vacant-unit"][data-unit="${code}"]`).click();
    await page.getByTestId("start-inspection").click();
    await expect(page.getByTestId("discard-run")).toBeVisible();
    await item(page, "vacant.doors_windows").getByTestId("pass").click();
    await expect(item(page, "vacant.doors_windows").getByTestId("pass")).toHaveClass(/chosen/);
    await expect(page.getByTestId("discard-bar")).toHaveCount(0);

    await server.start();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The office's register lists the answered one, in progress, and not the discarded one.
    const office = await desktopAs(browser, server.url);
    await office.getByRole("link", { name: "登记表" }).click();
    await office.getByTestId("tab-vacant").click();
    const rows = office.locator(`[data-testid="vacant-row"][data-unit="${code}"]`).filter({ hasText: "进行中" });
    await expect(rows).toHaveCount(1);
    expect(errors).toEqual([]);
    await office.context().close();
  } finally {
    await server.dispose();
  }
});
