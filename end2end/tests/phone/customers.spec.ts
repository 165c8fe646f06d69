// The customer ledger on the phone (issue 6): found by the last digits of a phone as you type,
// from the local store; a malformed phone number is refused on the spot and nothing is queued;
// a good one is saved on the device.
import { Browser, devices } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { apiPull, apiPush, apiSignIn, apiTemplate, estateToday, uuidV7 } from "../support/api";
import { localState } from "../support/idb";
import { TestServer } from "../support/server";

test("a household found by phone suffix; a malformed phone number is refused with the message and nothing is queued", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "wangjing", /\/m$/);
  await page.getByRole("link", { name: "客户", exact: true }).click();
  const list = page.getByTestId("customer-list");
  await expect(list.getByTestId("customer").first()).toBeVisible();
  const masked = (await list.getByTestId("customer-phone").first().textContent())!;
  const suffix = masked.slice(-4);
  await page.getByTestId("customer-search").fill(suffix);
  await expect(list.getByTestId("customer").first()).toBeVisible();
  for (const phone of await list.getByTestId("customer-phone").allTextContents()) {
    expect(phone.endsWith(suffix)).toBe(true);
  }
  await list.getByTestId("customer").first().getByRole("link").first().click();
  await expect(page.getByTestId("customer-detail")).toBeVisible();
  const before = (await localState(page)).outboxSeqs.length;

  await page.getByTestId("new-phone").fill("1381234567");
  await page.getByTestId("save-phone").click();
  await expect(page.getByTestId("ledger-error")).toHaveText("手机号应为 1 开头的 11 位数字");
  await page.getByTestId("new-phone").fill("12345678");
  await page.getByTestId("save-phone").click();
  await expect(page.getByTestId("ledger-error")).toHaveText("固定电话需带区号，如 010-12345678");
  expect((await localState(page)).outboxSeqs.length).toBe(before);

  await page.getByTestId("new-phone").fill("139 0000 2222");
  await page.getByTestId("save-phone").click();
  await expect(page.getByTestId("ledger-saved")).toBeVisible();
  await expect(page.getByTestId("customer-phone")).toHaveText("139****2222");
  await expect(page.getByTestId("ledger-change")).toHaveCount(1);
  await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

  // Half-remembered: four digits from the middle of the number find it; three find only ends.
  await page.getByRole("link", { name: "客户", exact: true }).click();
  await page.getByTestId("customer-search").fill("9000");
  await expect(list.getByTestId("customer-phone").filter({ hasText: "139****2222" }).first()).toBeVisible();
  await page.getByTestId("customer-search").fill("390");
  await expect(list.getByTestId("customer-phone").filter({ hasText: "139****2222" })).toHaveCount(0);
  for (const phone of await list.getByTestId("customer-phone").allTextContents()) {
    expect(phone.endsWith("390")).toBe(true);
  }
  expect(errors).toEqual([]);
});


async function desktopAs(browser: Browser, base: string, user: string) {
  const context = await browser.newContext({ ...devices["Desktop Chrome"] });
  const page = await context.newPage();
  await signIn(page, user, /\/office$/, base);
  return page;
}

test("a visit recorded offline with an answer and a referral; the referral worked to the end, the customer told, a return visit; the report counts it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await page.getByRole("link", { name: "客户", exact: true }).click();
    const list = page.getByTestId("customer-list");
    await expect(list.getByTestId("customer").first()).toBeVisible();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步");
    const masked = (await list.getByTestId("customer-phone").nth(3).textContent())!;

    // No server from here on: find the household by the last digits of its phone.
    await server.stop();
    await page.getByTestId("customer-search").fill(masked.slice(-4));
    await list.getByTestId("customer").filter({ hasText: masked }).first().getByRole("link").first().click();
    const form = page.getByTestId("visit-form");
    await form.getByTestId("visit-met").fill("业主本人");
    await form.getByTestId("visit-said").fill("了解入住后的使用情况");
    await form.getByTestId("visit-question").fill("小区停车位怎么申请");
    await form.getByTestId("visit-answer").fill("到物业服务中心登记排队");
    await form.getByTestId("visit-add-item").click();
    await form.getByTestId("visit-question").fill("主卧窗户关不严漏风");
    await form.getByTestId("visit-refer").selectOption("engineering");
    await form.getByTestId("visit-add-item").click();
    await expect(form.getByTestId("visit-item")).toHaveCount(2);
    await form.getByTestId("visit-save").click();
    await expect(form.getByTestId("visit-saved")).toBeVisible();
    await expect(page.getByTestId("timeline")).toContainText("了解入住后的使用情况");
    await expect(page.getByTestId("timeline")).toContainText("主卧窗户关不严漏风");
    // The saved visit reads back from the timeline: who, each question and its answer or referral.
    const entry = page.getByTestId("visit-entry").filter({ hasText: "了解入住后的使用情况" });
    await entry.locator("summary").click();
    await expect(entry.getByTestId("visit-read-met")).toHaveText("业主本人");
    const read = entry.getByTestId("visit-read-item");
    await expect(read).toHaveCount(2);
    await expect(read.filter({ hasText: "小区停车位怎么申请" }).getByTestId("visit-read-answer")).toHaveText("到物业服务中心登记排队");
    await expect(read.filter({ hasText: "主卧窗户关不严漏风" }).getByTestId("visit-read-referral")).toHaveText("已转工程 · 待派单");
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(page.getByTestId("timeline")).toContainText("了解入住后的使用情况");
    // Named by kind; a tap lists the visit and its referral, each linking to its record.
    await expect(page.getByTestId("sync-status")).toContainText("1 条跟进、1 次拜访待同步");
    const household = page.url();
    await page.getByTestId("sync-status").click();
    const waiting = page.getByTestId("waiting-list").getByTestId("waiting-record");
    await expect(waiting).toHaveCount(2);
    await expect(waiting.filter({ hasText: "主卧窗户关不严漏风" })).toHaveAttribute("data-kind", "follow_up");
    await expect(waiting.filter({ hasText: "拜访" })).toHaveAttribute("data-kind", "visit");
    await waiting.filter({ hasText: "主卧窗户关不严漏风" }).getByRole("link").click();
    await expect(page.getByTestId("follow-up-place")).not.toBeEmpty();
    await page.getByTestId("sync-status").click();
    await page.getByTestId("waiting-list").getByTestId("waiting-record").filter({ hasText: "拜访" }).getByRole("link").click();
    await expect(page).toHaveURL(household);

    // Back online: synced.
    await server.start();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The office assigns the referral to 赵强.
    const office = await desktopAs(browser, server.url, "chenfang");
    await office.getByRole("link", { name: "跟进事项" }).click();
    await office.getByTestId("office-queue").getByRole("link", { name: "主卧窗户关不严漏风" }).click();
    await office.getByTestId("assignee").selectOption({ label: "赵强" });
    await office.getByTestId("assign").click();
    await expect(office.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The repairer resolves it on his phone.
    const repairerContext = await browser.newContext({ ...devices["Pixel 7"] });
    const repairer = await repairerContext.newPage();
    await signIn(repairer, "zhaoqiang", /\/m$/, server.url);
    await repairer.getByRole("link", { name: "跟进", exact: true }).click();
    await repairer.getByRole("link", { name: /主卧窗户关不严漏风/ }).click();
    await repairer.getByTestId("to-in_progress").click();
    await repairer.getByTestId("to-resolved").click();
    await expect(repairer.getByTestId("follow-up-status")).toHaveText("已解决");
    await expect(repairer.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The butler tells the customer and makes the return visit.
    await page.goto(`${server.url}/m/customers`);
    await waitForApp(page);
    await expect(page.getByTestId("to-tell")).toHaveCount(1, { timeout: 20_000 });
    await page.getByTestId("to-tell").getByRole("link").click();
    await page.getByTestId("to-customer_informed").click();
    await expect(page.getByTestId("follow-up-status")).toHaveText("已告知客户");
    const rv = page.getByTestId("return-visit-form");
    await rv.getByTestId("rv-attitude").selectOption("5");
    await rv.getByTestId("rv-quality").selectOption("4");
    await rv.getByTestId("rv-etiquette").selectOption("5");
    await rv.getByTestId("rv-comment").fill("师傅很专业");
    await rv.getByTestId("rv-save").click();
    await expect(page.getByTestId("return-visit-scores")).toContainText("服务态度 5");
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The report counts all of it.
    await office.getByRole("link", { name: "登记表" }).click();
    await office.getByTestId("tab-visits").click();
    const line = office.locator('[data-testid="report-line"][data-butler="王静"]');
    await expect(line.getByTestId("report-visits")).toHaveText("1");
    await expect(line.getByTestId("report-reached")).toContainText("1/");
    await expect(line.getByTestId("report-referrals")).toHaveText("1");
    await expect(line.getByTestId("report-open")).toHaveText("0");
    await expect(line.getByTestId("report-return-visits")).toHaveText("1");
    await expect(line.getByTestId("report-satisfaction")).toHaveText("4.67");
    await expect(office.locator('[data-testid="by-repairer"] [data-key="赵强"] [data-testid="score-overall"]')).toHaveText("4.67");
    expect(errors).toEqual([]);
    await repairerContext.close();
    await office.context().close();
  } finally {
    await server.dispose();
  }
});

test("the household timeline shows a visit, a follow-up and an inspection of its unit, newest first", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const other = await apiSignIn(server.url, "wangjing");
    const { changes } = await apiPull(server.url, other);
    const household = changes.find((c: { kind: string }) => c.kind === "household").record.data;
    const inspection = await apiTemplate(server.url, other, "vacant_unit");
    const run = uuidV7();
    await apiPush(server.url, other, [
      { type: "start_run", id: run, template_version: inspection.version_id, cluster_id: household.cluster_id, date: estateToday(), unit: household.unit_id },
    ]);
    await new Promise((r) => setTimeout(r, 50));
    await apiPush(
      server.url,
      other,
      [{ type: "create_follow_up", id: uuidV7(), cluster_id: household.cluster_id, place: household.unit_code, source: "报修", title: "阳台地漏堵塞", department: "engineering" }],
      2,
    );
    await new Promise((r) => setTimeout(r, 50));
    await apiPush(
      server.url,
      other,
      [{ type: "record_visit", id: uuidV7(), household: household.id, channel: "phone", at: new Date().toISOString(), met: "业主", said: "电话回访入住情况", items: [] }],
      3,
    );

    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.goto(`${server.url}/m/customers/${household.id}`);
    await waitForApp(page);
    const events = page.getByTestId("timeline-event");
    await expect(events.first()).toContainText("电话回访入住情况", { timeout: 20_000 });
    const texts = await events.allTextContents();
    const at = (needle: string) => texts.findIndex((t) => t.includes(needle));
    expect(at("电话回访入住情况")).toBe(0);
    expect(at("阳台地漏堵塞")).toBe(1);
    expect(at("空置房巡视")).toBe(2);
  } finally {
    await server.dispose();
  }
});

test("the visit form starts each question blank, refuses an answer with a referral, removes a question added by mistake, and is blank after saving", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByRole("link", { name: "客户", exact: true }).click();
    const list = page.getByTestId("customer-list");
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await list.getByTestId("customer").first().getByRole("link").first().click();
    const form = page.getByTestId("visit-form");
    await form.getByTestId("visit-question").fill("楼道灯不亮");
    await form.getByTestId("visit-refer").selectOption("engineering");
    await form.getByTestId("visit-add-item").click();
    // The next question does not inherit the referral, and its answer is kept.
    await expect(form.getByTestId("visit-refer")).toHaveValue("");
    await form.getByTestId("visit-question").fill("快递柜在哪里");
    await form.getByTestId("visit-answer").fill("东门保安亭旁");
    await form.getByTestId("visit-add-item").click();
    const items = form.getByTestId("visit-item");
    await expect(items).toHaveCount(2);
    await expect(items.nth(1)).toContainText("快递柜在哪里 → 东门保安亭旁");
    await expect(items.nth(1)).not.toContainText("已转");
    // Both an answer and a referral: refused with the reason, nothing added.
    await form.getByTestId("visit-question").fill("垃圾清运时间");
    await form.getByTestId("visit-answer").fill("每天早上七点");
    await form.getByTestId("visit-refer").selectOption("cleaning");
    await form.getByTestId("visit-add-item").click();
    await expect(form.getByTestId("visit-error")).toContainText("只能选一项");
    await expect(items).toHaveCount(2);
    await expect(form.getByTestId("visit-answer")).toHaveValue("每天早上七点");
    // The referral added by mistake is removed.
    await items.nth(0).getByTestId("visit-remove-item").click();
    await expect(items).toHaveCount(1);
    await expect(items.nth(0)).toContainText("快递柜在哪里");
    await form.getByTestId("visit-refer").selectOption("");
    await form.getByTestId("visit-question").fill("");
    await form.getByTestId("visit-answer").fill("");
    await form.getByTestId("visit-said").fill("询问快递柜位置");
    await form.getByTestId("visit-save").click();
    await expect(form.getByTestId("visit-saved")).toBeVisible();
    await expect(items).toHaveCount(0);
    await expect(form.getByTestId("visit-refer")).toHaveValue("");
    await expect(form.getByTestId("visit-said")).toHaveValue("");
    // What reached the server: one question with its answer, and no follow-up.
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    const office = await apiSignIn(server.url, "wangjing");
    const { changes } = await apiPull(server.url, office);
    const visit = changes.find((c: { kind: string; record?: { data: { said: string } } }) => c.kind === "visit" && c.record?.data.said === "询问快递柜位置");
    expect(visit.record.data.items).toEqual([{ question: "快递柜在哪里", answer: "东门保安亭旁" }]);
    expect(changes.filter((c: { kind: string; record?: { data: { title: string } } }) => c.kind === "follow_up" && c.record?.data.title === "楼道灯不亮")).toHaveLength(0);
  } finally {
    await server.stop();
  }
});
