// The butler's fee-collection case file on the phone (issue 17). With the server stopped, the
// butler opens a household in arrears, records the statement handed over and signed for on the
// screen (refused until signed), and a call with a promised date and a service-problem reason —
// the follow-up to 工程 is made in the same tap; a problem without its words is refused with a message and nothing queued; reloaded,
// the page comes from the service worker and the case file still holds both. Server started:
// synced; the office's register lists the call with its reason, promise and follow-up, its
// .xlsx holds the row, the collection rates are on the fees page; 工程's phone has the
// follow-up and no amounts at all.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "../support/fixtures";
import { desktopAs, phoneAs, sign, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { apiSignIn } from "../support/api";
import { localState } from "../support/idb";
import { TestServer } from "../support/server";
import { sheetRows } from "../support/xlsx";

/** The estate's day (UTC+8) `days` from now, as YYYY-MM-DD. */
const estateDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);

test("offline, the butler records a statement delivered and a call with a promise and a service problem; synced, the office's register, its .xlsx and 工程's follow-up show them", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    // The home tile counts the households owing; the list groups them by the SOP's windows.
    await expect(page.getByTestId("fees-owing")).toContainText("户欠费", { timeout: 20_000 });
    await page.getByTestId("fees-tile").click();
    await expect(page.getByTestId("arrears-group").first()).toBeVisible();
    await expect(page.getByTestId("arrears-summary")).toContainText("财务导出日期");
    // A filter hides rows rather than drawing the list again: count the visible ones.
    const rows = page.locator('[data-testid="arrears-row"]:visible');
    const everyone = await rows.count();
    // One tap: only the households whose promise passed unpaid (the demo's case files have some).
    await page.getByTestId("only-broken").click();
    await expect(rows.first().getByTestId("promise-chip")).toContainText("已过期未缴");
    expect(await rows.count()).toBeLessThan(everyone);
    await page.getByTestId("only-all").click();
    await expect(rows).toHaveCount(everyone);
    const unit = (await rows.first().getAttribute("data-unit"))!;
    await rows.first().getByRole("link").click();
    await expect(page.getByTestId("case-file")).toContainText(unit);
    await expect(page.getByTestId("case-charge").first()).toBeVisible();
    await expect(page.getByTestId("case-clock").first()).toContainText(/\d{4}-\d\d-\d\d/);
    await expect(page.getByTestId("limitation-note")).toContainText("不是法律意见");
    const caseUrl = page.url();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    const before = await page.getByTestId("case-contact").count();

    // No server from here on.
    await server.stop();
    // The statement, handed over and signed for by the owner.
    await page.getByTestId("statement-delivery").selectOption("handed_self");
    await page.getByTestId("statement-signer").fill("业主本人");
    // Not yet signed on the screen: refused with the message, nothing queued.
    const unsigned = (await localState(page)).outboxSeqs.length;
    await page.getByTestId("statement-save").click();
    await expect(page.getByTestId("contact-error")).toContainText("本人签收请业主在屏幕上签名");
    expect((await localState(page)).outboxSeqs.length).toBe(unsigned);
    await sign(page);
    await page.getByTestId("statement-save").click();
    await expect(page.getByTestId("contact-saved")).toBeVisible();
    const timeline = page.getByTestId("case-contact");
    await expect(timeline).toHaveCount(before + 1);
    const handed = timeline.filter({ hasText: "业主本人" }).first();
    await expect(handed).toContainText("送达对账单");
    await expect(handed.getByTestId("contact-signature").locator("path").first()).toBeAttached();

    // A service problem without its words: refused with the message, nothing queued.
    const queued = (await localState(page)).outboxSeqs.length;
    await page.getByTestId("contact-what").selectOption("call");
    await page.getByTestId("contact-said-input").fill("说楼道灯坏了三个月没人修，修好了就交");
    await page.getByTestId("contact-promised").fill(estateDay(7));
    await page.getByTestId("contact-form").getByTestId("contact-reason").selectOption("service_dispute");
    await page.getByTestId("contact-save").click();
    await expect(page.getByTestId("contact-error")).toHaveText("请描述服务问题");
    expect((await localState(page)).outboxSeqs.length).toBe(queued);

    // With the problem: the call and the follow-up to 工程, in one tap.
    await page.getByTestId("contact-problem-input").fill("3号楼2单元楼道灯坏了三个月");
    await page.getByTestId("contact-department").selectOption("engineering");
    await page.getByTestId("contact-save").click();
    await expect(page.getByTestId("contact-error")).toHaveCount(0);
    await expect(timeline).toHaveCount(before + 2);
    const callLine = timeline.filter({ hasText: "3号楼2单元楼道灯坏了三个月" });
    await expect(callLine).toHaveCount(1);
    await expect(callLine.getByTestId("contact-reason")).toHaveText("对服务有意见");
    await expect(callLine.getByTestId("contact-promise")).toContainText(estateDay(7));
    await expect(callLine.getByTestId("contact-follow-up")).toContainText("3号楼2单元楼道灯坏了三个月");
    expect((await localState(page)).outboxSeqs.length).toBe(queued + 2);
    await expect(page.getByTestId("sync-status")).toContainText("2 条催收记录");
    await expect(page.getByTestId("sync-status")).toContainText("1 条跟进");
    await expect(page.getByTestId("promise-chip").first()).toContainText("前缴费");
    await expect(page.getByTestId("problem-chip").first()).toHaveText("服务问题处理中");

    // Reloaded with the server still stopped: from the service worker, both still there.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(timeline).toHaveCount(before + 2);
    await expect(timeline.filter({ hasText: "3号楼2单元楼道灯坏了三个月" })).toHaveCount(1);

    // Back: synced.
    await server.start();
    await page.goto(caseUrl);
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await expect(timeline).toHaveCount(before + 2);

    // The office: the register's row with its reason, promise and follow-up; the .xlsx; the rates.
    const office = await desktopAs(browser, server.url);
    await office.goto(`${server.url}/office/fees/register`);
    await waitForApp(office);
    await office.getByTestId("filter-reason").selectOption("service_dispute");
    const row = office.getByTestId("collection-register-row").filter({ hasText: "3号楼2单元楼道灯坏了三个月" });
    await expect(row).toHaveCount(1, { timeout: 30_000 });
    await expect(row).toContainText(unit);
    await expect(row.getByTestId("row-reason")).toHaveText("对服务有意见");
    await expect(row.getByTestId("row-promise")).toContainText(estateDay(7));
    await expect(row.getByTestId("row-problem")).toContainText("待派单");
    await expect(office.getByTestId("register-figures")).toContainText("守约率");
    await office.emulateMedia({ media: "print" });
    await expect(office.locator(".filters")).toBeHidden();
    await expect(row).toBeVisible();
    await office.emulateMedia({ media: "screen" });
    const res = await office.request.get(`${server.url}/api/v1/fees/register.xlsx?reason=service_dispute`);
    const cells = await sheetRows(res, "物管费催收登记表");
    const mine = cells.find((r) => r[3] === unit && r[13] === "3号楼2单元楼道灯坏了三个月");
    expect(mine).toBeTruthy();
    expect(mine![5]).toBe("电话催缴");
    expect(mine![8]).toBe("是");
    expect(mine![10]).toBe(estateDay(7));
    expect(mine![12]).toBe("对服务有意见");
    expect(mine![16]).toBe("王静");
    // The follow-up, from the register to its page, and back to the case file.
    await row.getByTestId("row-problem").getByRole("link").click();
    await expect(office).toHaveURL(/\/office\/follow-ups\//);
    await expect(office.getByTestId("follow-up-place")).toHaveText(unit);
    await office.getByTestId("follow-up-case-file").click();
    await expect(office.getByTestId("case-file")).toContainText(unit);
    // The rates on the fees page.
    await office.goto(`${server.url}/office/fees`);
    await waitForApp(office);
    await expect(office.getByTestId("collection-row").first().getByTestId("collection-rate")).toHaveText(/^\d+\.\d%$/);

    // 工程 has the follow-up on the phone, and no amounts anywhere.
    const fitter = await phoneAs(browser, "sunwei", server.url);
    await expect(fitter.getByTestId("greeting")).toBeVisible();
    await expect(fitter.getByTestId("fees-tile")).toHaveCount(0);
    await fitter.getByRole("link", { name: "跟进", exact: true }).first().click();
    await fitter.getByRole("button", { name: "全部", exact: true }).click();
    await expect(fitter.getByText("3号楼2单元楼道灯坏了三个月").first()).toBeVisible({ timeout: 30_000 });
    await expect(fitter.getByText("¥")).toHaveCount(0);
    const fitterState = await localState(fitter);
    expect(fitterState.kinds).not.toContain("arrears");
    expect(fitterState.kinds).not.toContain("collection");
    expect(fitterState.kinds).toContain("follow_up");
    expect(errors).toEqual([]);
    for (const p of [office, fitter]) await p.context().close();
  } finally {
    await server.dispose();
  }
});

test("finance staff import finance's export on the phone and read the rates, and open no household's case file", async ({ browser }) => {
  test.setTimeout(90_000);
  const server = await TestServer.create();
  await server.start();
  try {
    // The admin moves 吴丽 to 财务.
    const admin = await apiSignIn(server.url, "admin");
    const staff = await (await fetch(`${server.url}/api/v1/staff`, { headers: { cookie: admin.cookie } })).json();
    const wuli = staff.find((m: { username: string }) => m.username === "wuli");
    const saved = await fetch(`${server.url}/api/v1/staff/${wuli.id}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: admin.cookie },
      body: JSON.stringify({
        username: wuli.username, display_name: wuli.display_name, role: wuli.role,
        department: "finance", clusters: wuli.clusters, lead: wuli.lead, active: true,
      }),
    });
    expect(saved.status).toBe(200);

    const phone = await phoneAs(browser, "wuli", server.url);
    const errors = watchErrors(phone);
    await expect(phone.getByTestId("fees-tile")).toHaveCount(0);
    await phone.getByTestId("finance-tile").click();
    await expect(phone).toHaveURL(/\/m\/fees\/finance$/);
    const rows = phone.getByTestId("collection-row");
    await expect(rows).toHaveCount(12);
    const month = estateDay(0).slice(0, 7);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charges-")), "finance.csv");
    fs.writeFileSync(file, ["房号,费用类型,所属期间,应收金额,实收金额,缴费期限", `1-1-101,物业费,${month},320.50,320.50,${month}-28`].join("\n"));
    await phone.getByTestId("charges-file").setInputFiles(file);
    await expect(phone.getByTestId("plan-new")).toHaveText("1");
    await phone.getByTestId("charges-apply").click();
    await expect(phone.getByTestId("charges-applied")).toHaveText("已导入。");
    await expect(rows).toHaveCount(13);
    await expect(rows.filter({ hasText: month }).getByTestId("collection-rate")).toHaveText("100.0%");
    // No household's amounts reach the phone: no case files, no arrears records.
    await expect(phone.getByTestId("arrears-row")).toHaveCount(0);
    const state = await localState(phone);
    expect(state.kinds).not.toContain("arrears");
    expect(state.kinds).not.toContain("collection");
    expect(errors).toEqual([]);
    await phone.context().close();
  } finally {
    await server.dispose();
  }
});
