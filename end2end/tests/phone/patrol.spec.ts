// Patrol rounds on the phone (issue 4): a round made with the server stopped — one tap per
// passing item, a failure with a note and a photo, a reload in the middle — synced and found by
// the office with its photo, its follow-up and the .xlsx; a required item left empty blocks
// finishing; the 09:30 briefing's matters become follow-ups and the open one comes back the
// next day.
import { Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import ExcelJS from "exceljs";
import path from "node:path";
import { desktopAs, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { apiPull, apiPush, apiSignIn } from "../support/api";
import { TestServer } from "../support/server";

const PHOTO = path.resolve(__dirname, "../../../public/icons/icon-512.png");

function item(page: Page, key: string) {
  return page.locator(`[data-testid="item"][data-key="${key}"]`);
}

async function startRound(page: Page, purpose: string) {
  await page.getByRole("link", { name: "巡查", exact: true }).click();
  await page.locator(`[data-testid="round"][data-purpose="${purpose}"]`).getByTestId("start-round").click();
  await expect(page).toHaveURL(/\/m\/patrol\/runs\//);
  await expect(page.getByTestId("run")).toBeVisible();
}

test("a patrol round made offline syncs, and the office finds it, its photo, its follow-up and the xlsx", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await expect(page.getByTestId("round")).toHaveCount(3);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步");

    // No server from here on.
    await server.stop();
    await startRound(page, "patrol");
    const runUrl = page.url();
    const runId = runUrl.split("/").pop()!;
    const firstHalf = ["duty.presence", "duty.appearance", "duty.state", "security.hazards", "security.log", "cleaning.public"];
    for (const key of firstHalf) {
      // One tap records a pass.
      await item(page, key).getByTestId("pass").click();
      await expect(item(page, key).getByTestId("pass")).toHaveClass(/chosen/);
    }

    // The broken manhole cover: a note, a photo, handed on to engineering (pre-filled).
    const failing = item(page, "facilities.intact");
    await failing.getByTestId("fail").click();
    const panel = failing.getByTestId("fail-panel");
    await panel.getByTestId("fail-note").fill("3号楼东侧井盖松动");
    // Where: the round's place (its cluster), not the section's title (issue 13, bug 2).
    await expect(panel.getByTestId("fail-place")).toHaveValue("东区组团");
    await panel.getByTestId("photo-input").setInputFiles(PHOTO);
    await expect(panel.getByTestId("photo")).toHaveCount(1);
    await expect(panel.getByTestId("department")).toHaveValue("engineering");
    await panel.getByTestId("save-fail").click();
    await expect(failing).toHaveClass(/failed/);
    await expect(failing.getByTestId("photo-waiting")).toBeVisible();
    await expect(failing.getByTestId("item-follow-up")).toContainText("待派单");

    // A reload in the middle of the round, still without a server.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(page.getByTestId("run-progress")).toContainText("7/14");
    await expect(item(page, "facilities.intact").locator("img")).toHaveCount(1);

    for (const key of ["cleaning.bins", "landscaping.state", "engineering.systems", "engineering.repairs", "customers.greeted"]) {
      await item(page, key).getByTestId("pass").click();
      await expect(item(page, key).getByTestId("pass")).toHaveClass(/chosen/);
    }
    await item(page, "renovation.seen").getByTestId("na").click();
    await page.getByTestId("finish").click();
    await expect(page.getByTestId("run-summary")).toBeVisible();
    await expect(page.getByTestId("summary-counts")).toHaveText("合格 11 · 不合格 1 · 不适用 1");
    await expect(page.getByTestId("handed-on")).toHaveCount(1);
    // What waits is named by kind, and a tap lists it: the round and its follow-up, each a link.
    await expect(page.getByTestId("sync-status")).toContainText("1 次巡查、1 条跟进待同步");
    await page.getByTestId("sync-status").click();
    const waiting = page.getByTestId("waiting-list").getByTestId("waiting-record");
    await expect(waiting).toHaveCount(2);
    await expect(waiting.first()).toHaveAttribute("data-kind", "run");
    await expect(waiting.first()).toContainText("组团日常巡视 · 东区组团");
    await expect(waiting.nth(1)).toContainText("3号楼东侧井盖松动");
    await waiting.nth(1).getByRole("link").click();
    await expect(page).toHaveURL(/\/m\/follow-ups\//);
    await expect(page.getByTestId("waiting-list")).toHaveCount(0);
    await page.getByTestId("sync-status").click();
    await page.getByTestId("waiting-list").getByTestId("waiting-record").first().getByRole("link").click();
    await expect(page).toHaveURL(runUrl);
    await expect(page.getByTestId("run-summary")).toBeVisible();

    // What one tap cost: from the tap to the outbox entry committed in IndexedDB.
    const persisted: number[] = await page.evaluate(() =>
      performance.getEntriesByName("butler-persist").map((e) => e.duration),
    );
    persisted.sort((a, b) => a - b);
    console.log(`tap to persisted: median ${persisted[Math.floor(persisted.length / 2)].toFixed(1)} ms over ${persisted.length} taps`);

    // The server is back: the round, the follow-up and the photo arrive.
    await server.start();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await expect(page.getByTestId("photo-waiting")).toHaveCount(0, { timeout: 20_000 });
    await expect(page.getByTestId("state-chip").first()).toHaveText("已同步");

    // The office: the register, the run with its photo, the follow-up for engineering.
    const office = await desktopAs(browser, server.url);
    await office.getByRole("link", { name: "登记表" }).click();
    const row = office.locator(`[data-testid="register-row"][data-run="${runId}"]`);
    await expect(row).toBeVisible();
    await expect(row.getByTestId("row-failures")).toHaveText("1");
    await office.getByTestId("filter-failures").check();
    await expect(office.getByTestId("register-row")).toHaveCount(1);
    await row.getByRole("link", { name: "组团日常巡视" }).click();
    await expect(office.getByTestId("run-detail")).toBeVisible();
    const photo = office.getByTestId("detail-photo");
    await expect(photo).toHaveCount(1);
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    await expect(office.getByTestId("detail-follow-up")).toContainText("工程");
    await expect(office.getByTestId("detail-follow-up")).toContainText("3号楼东侧井盖松动");

    // The export holds the run and its finding.
    const res = await office.request.get(`${server.url}/api/v1/patrol/register.xlsx`);
    expect(res.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.body());
    const cells = (name: string) => {
      const out: string[] = [];
      book.getWorksheet(name)!.eachRow((r) => r.eachCell((c) => out.push(String(c.value))));
      return out;
    };
    // A run is named by its line (登记号), never by its record id.
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
    for (const sheet of ["组团巡查登记表", "检查明细"]) {
      expect(cells(sheet).filter((c) => uuid.test(c))).toEqual([]);
    }
    expect(cells("组团巡查登记表")).toContain("登记号");
    expect(cells("组团巡查登记表")).toContain("组团日常巡视");
    expect(cells("检查明细")).toContain("3号楼东侧井盖松动");
    expect(cells("检查明细")).toContain("不合格");
    expect(errors).toEqual([]);
    await office.context().close();
  } finally {
    await server.dispose();
  }
});

test("the notice-board check: a required item left empty blocks finishing and points to it; finished, it is in the register", async ({ page, browser }) => {
  const errors = watchErrors(page);
  await signIn(page, "liming", /\/m$/);
  await startRound(page, "notice_board");
  const runId = page.url().split("/").pop()!;
  for (const key of ["board.expired", "board.tidy", "facility.intact"]) {
    await item(page, key).getByTestId("pass").click();
  }
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("finish-error")).toContainText("还有 1 项必填项未完成：文体设施清洁");
  const left = item(page, "facility.clean");
  await expect(left).toHaveClass(/missing/);
  await expect(left).toBeInViewport();
  await expect(left.getByTestId("pass")).toBeFocused();
  await expect(page.getByTestId("run-summary")).toHaveCount(0);
  await left.getByTestId("pass").click();
  await page.getByTestId("finish").click();
  await expect(page.getByTestId("run-summary")).toBeVisible();
  await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

  const office = await desktopAs(browser, "");
  await office.goto("/office/registers");
  await waitForApp(office);
  const row = office.locator(`[data-testid="register-row"][data-run="${runId}"]`);
  await expect(row).toContainText("公告栏及文体设施检查");
  await expect(row).toContainText("已完成");
  await expect(row).toContainText("4/4");
  expect(errors).toEqual([]);
  await office.context().close();
});

test("the 09:30 briefing: two matters from two leads become two follow-ups; the open one is back at the next day's briefing", async ({ page }) => {
  test.setTimeout(120_000);
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await startRound(page, "briefing");
    const add = async (key: string, matter: string) => {
      const lead = item(page, key);
      await lead.getByTestId("entry-matter").fill(matter);
      await lead.getByTestId("add-entry").click();
      await expect(lead.getByTestId("entry")).toContainText(matter);
    };
    await add("briefing.security", "夜间 3 号门道闸抬杆故障");
    await add("briefing.cleaning", "2 号楼电梯厅地面污渍");
    for (const key of ["briefing.engineering", "briefing.landscaping", "briefing.monitoring", "briefing.service"]) {
      await item(page, key).getByTestId("nothing-to-report").click();
      // As a butler sees it: the tap has registered before the next.
      await expect(item(page, key).getByTestId("nothing-to-report")).toHaveClass(/chosen/);
    }
    await page.getByTestId("finish").click();
    await expect(page.getByTestId("handed-on")).toHaveCount(2);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // Cleaning deals with theirs; security's stays open.
    const office = await apiSignIn(server.url, "chenfang");
    const cleaner = await apiSignIn(server.url, "wuli");
    const pulled = await apiPull(server.url, office);
    const followUps = pulled.changes.filter((c: { kind: string }) => c.kind === "follow_up").map((c: { record: { data: { id: string; title: string; version: number } } }) => c.record.data);
    const cleaning = followUps.find((f: { title: string }) => f.title.includes("污渍"));
    expect(followUps).toHaveLength(2);
    await apiPush(server.url, office, [{ type: "assign_follow_up", id: cleaning.id, assignee: cleaner.user.id }]);
    await apiPush(server.url, cleaner, [
      { type: "set_follow_up_status", id: cleaning.id, to: "in_progress", base_version: 2 },
      { type: "set_follow_up_status", id: cleaning.id, to: "resolved", base_version: 3 },
    ]);

    // The next morning at 09:25.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.parse(`${today}T01:25:00Z`) + 24 * 3600_000);
    await page.clock.setFixedTime(tomorrow);
    await page.goto(`${server.url}/m/patrol`);
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await startRound(page, "briefing");
    const carried = page.getByTestId("carried-matter");
    await expect(carried).toHaveCount(1);
    await expect(carried).toContainText("夜间 3 号门道闸抬杆故障");
  } finally {
    await server.dispose();
  }
});
