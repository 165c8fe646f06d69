// A cluster handed from one butler to another (issue 7), end to end on a server of its own:
// the admin moves 东区组团 from 王静 to 李明 on the staff page; 李明's phone fetches the
// cluster's existing units; 王静's change made offline before the move is refused for scope,
// shows on her 需处理, reaches the office's, and the office applies it; her phone drops the
// cluster.
import { Browser, devices, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";
import { TestServer } from "../support/server";

async function open(browser: Browser, base: string, user: string, phone: boolean): Promise<Page> {
  const context = await browser.newContext({ ...(phone ? devices["Pixel 7"] : devices["Desktop Chrome"]) });
  const page = await context.newPage();
  await signIn(page, user, phone ? /\/m$/ : /\/office$/, base);
  return page;
}

async function vacantCodes(page: Page, base: string): Promise<string[]> {
  await page.goto(`${base}/m/vacant`);
  await waitForApp(page);
  await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
  await expect(page.getByTestId("vacant-unit").first()).toBeVisible();
  return (await page.getByTestId("vacant-unit").evaluateAll((els) => els.map((e) => e.getAttribute("data-unit")!)));
}

async function setClusters(admin: Page, username: string, east: boolean, west: boolean) {
  const row = admin.locator(`[data-testid="staff-row"][data-username="${username}"]`);
  await row.getByTestId("edit-staff").click();
  const editor = admin.getByTestId("staff-editor");
  await editor.locator('[data-cluster="东区组团"]').setChecked(east);
  await editor.locator('[data-cluster="西区组团"]').setChecked(west);
  await editor.getByTestId("save-staff").click();
  await expect(admin.getByTestId("staff-notice")).toHaveText("已保存");
  await expect(admin.getByTestId("staff-editor")).toHaveCount(0);
}

test("a cluster handed to another butler: the new one's phone fetches it; the old one's offline change is refused, and the office applies it", async ({ browser }) => {
  test.setTimeout(150_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const base = server.url;
    const wang = await open(browser, base, "wangjing", true);
    const errors = watchErrors(wang);
    const east = await vacantCodes(wang, base);
    const code = east[0];

    // Her connection drops; she records a move-in on the spot.
    await wang.context().setOffline(true);
    await wang.locator(`[data-testid="vacant-unit"][data-unit="${code}"]`).click();
    await wang.getByTestId("occupancy-household").fill("交接前入住");
    await wang.getByTestId("record-move-in").click();
    await expect(wang.getByTestId("unit-state")).toHaveText("已入住");

    // Meanwhile the admin hands 东区组团 to 李明 and gives 王静 西区组团.
    const admin = await open(browser, base, "admin", false);
    await admin.getByRole("link", { name: "员工" }).click();
    await setClusters(admin, "liming", true, true);
    await setClusters(admin, "wangjing", false, true);

    // 李明's phone fetches the east cluster's existing units, the one 王静 changed still vacant.
    const li = await open(browser, base, "liming", true);
    const liCodes = await vacantCodes(li, base);
    for (const c of east) expect(liCodes).toContain(c);

    // 王静 is back online: her change is refused for scope and waits on her 需处理.
    await wang.context().setOffline(false);
    await wang.goto(`${base}/m/attention`);
    await waitForApp(wang);
    const mine = wang.locator('[data-testid="attention-item"][data-op="record_occupancy"]');
    await expect(mine).toContainText("该记录不在您的负责范围内", { timeout: 20_000 });
    // Her phone now holds the west cluster only.
    const wangCodes = await vacantCodes(wang, base);
    for (const c of east) expect(wangCodes).not.toContain(c);

    // The office applies it from its 需处理.
    const office = await open(browser, base, "chenfang", false);
    await office.getByRole("link", { name: "需处理" }).click();
    const item = office.locator('[data-testid="attention-item"][data-op="record_occupancy"]');
    await expect(item).toHaveCount(1, { timeout: 20_000 });
    // The office sees whose change it is and when her phone made it.
    await expect(item.getByTestId("attention-from")).toContainText(/王静 · 设备上记录于 \d\d-\d\d \d\d:\d\d/);
    await item.getByTestId("attention-apply").click();
    await expect(item).toHaveCount(0, { timeout: 20_000 });

    // It took effect: the unit has left 李明's vacant list.
    await li.reload();
    await waitForApp(li);
    await expect(li.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await expect(li.locator(`[data-testid="vacant-unit"][data-unit="${code}"]`)).toHaveCount(0);
    expect(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"))).toEqual([]);
    for (const p of [admin, li, office]) await p.context().close();
    await wang.context().close();
  } finally {
    await server.dispose();
  }
});
