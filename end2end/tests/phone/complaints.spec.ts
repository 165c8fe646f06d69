// Complaints on the phone (issue 16): with the server stopped, a complaint taken on site for a
// household with a photo, judged valid for 安防 and answered on the spot, replied to, and signed
// by the customer with strokes drawn on the pad; reloaded from the service worker it is still
// there; synced, the office's register shows it with its response time and the signature (also
// in print) and the .xlsx has its row. A refusal to sign closes a complaint and the register
// says so; an invalid judgement without a reason, an empty signature and a missing category are
// refused with a message and queue nothing. The office takes one at the desk: the cluster's
// butler is told, reaches the customer and hands it to 安防; the security lead reads it and its
// follow-up (read-only), and staff who are not a lead have no complaints at all.
import { Page } from "@playwright/test";
import path from "node:path";
import { expect, test } from "../support/fixtures";
import { desktopAs, phoneAs, sign, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { localState } from "../support/idb";
import { TestServer } from "../support/server";
import { sheetRows } from "../support/xlsx";

const PHOTO = path.resolve(__dirname, "../../../public/icons/icon-192.png");

/** The estate's clock (UTC+8) as a datetime-local value. */
const estateClock = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(0, 16);

/** Opens the `n`th household of the ledger and returns its unit code. */
async function openHousehold(page: Page, n: number): Promise<string> {
  await page.getByRole("link", { name: "客户", exact: true }).click();
  const list = page.getByTestId("customer-list");
  await expect(list.getByTestId("customer").nth(n)).toBeVisible();
  await list.getByTestId("customer").nth(n).getByRole("link").first().click();
  await expect(page.getByTestId("customer-detail")).toBeVisible();
  return (await page.getByTestId("customer-unit").textContent())!.trim();
}

test("a complaint taken offline on site, valid for 安防, signed on the screen; reloaded offline; synced, the register, its print and the .xlsx show it", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    const unit = await openHousehold(page, 11);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步");

    // No server from here on.
    await server.stop();
    await page.getByTestId("customer-complaint").click();
    await expect(page.getByTestId("complaint-household")).toContainText(unit);
    await page.getByTestId("complaint-said").fill("夜里车库出口道闸一直响，吵得睡不着");
    // Nothing chosen for the category: refused, nothing queued.
    const before = (await localState(page)).outboxSeqs.length;
    await page.getByTestId("complaint-save").click();
    await expect(page.getByTestId("complaint-error")).toHaveText("请从列表中选择投诉类别");
    expect((await localState(page)).outboxSeqs.length).toBe(before);
    await page.getByTestId("complaint-category").selectOption("security");
    await page.getByTestId("complaint-urgency").selectOption("urgent");
    await page.getByTestId("complaint-received").fill(estateClock(Date.now() - 20 * 60_000));
    await page.getByTestId("photo-input").setInputFiles(PHOTO);
    await expect(page.getByTestId("complaint-form").getByTestId("photo")).toHaveCount(1);
    await page.getByTestId("complaint-save").click();
    await expect(page).toHaveURL(/\/m\/complaints\//);
    const complaintUrl = page.url();
    await expect(page.getByTestId("complaint-status")).toHaveText("待判定");
    await expect(page.getByTestId("complaint-reached")).toContainText("响应时间 20 分钟");

    // Valid, 安防 (pre-filled from the category), answered on the spot.
    await expect(page.getByTestId("judge-department")).toHaveValue("security");
    await page.getByTestId("judge-solution").fill("当晚检修道闸，夜间调低提示音");
    await page.getByTestId("judge-hand-on").uncheck();
    await page.getByTestId("judge-save").click();
    await expect(page.getByTestId("complaint-status")).toHaveText("处理中");
    await expect(page.getByTestId("complaint-judgement")).toContainText("有效投诉 · 安防 · 当场答复");

    await page.getByTestId("reply-text").fill("已通知工程当晚检修，提示音已调低");
    await page.getByTestId("reply-agreement").selectOption("satisfied");
    await page.getByTestId("reply-save").click();
    await expect(page.getByTestId("complaint-status")).toHaveText("待签字");

    // An empty pad is refused with the message; nothing is queued.
    const queued = (await localState(page)).outboxSeqs.length;
    await page.getByTestId("sign-save").click();
    await expect(page.getByTestId("complaint-step-error")).toHaveText("签名为空，请客户在框内签字");
    expect((await localState(page)).outboxSeqs.length).toBe(queued);
    await sign(page);
    await expect(page.getByTestId("signature-pad")).toHaveAttribute("data-strokes", "2");
    await page.getByTestId("sign-save").click();
    await expect(page.getByTestId("complaint-status")).toHaveText("已关闭");
    await expect(page.getByTestId("complaint-signed").getByTestId("signature-view")).toBeVisible();
    await expect(page.getByTestId("complaint-signed").locator("path")).toHaveCount(2);
    await expect(page.getByTestId("sync-status")).toContainText("1 件投诉待同步");

    // Reloaded with the server still stopped: the page comes from the service worker, and the
    // complaint is still there, closed, with its signature.
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(page.getByTestId("complaint-status")).toHaveText("已关闭");
    await expect(page.getByTestId("complaint-signed").locator("path")).toHaveCount(2);

    // Back online: it syncs with its photo and signature image.
    await server.start();
    await page.goto(complaintUrl);
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await expect(page.getByTestId("photo-waiting")).toHaveCount(0, { timeout: 20_000 });

    // The office's register: the row, its response time, the signature, also in print.
    const office = await desktopAs(browser, server.url);
    await office.getByRole("link", { name: "客户投诉" }).click();
    await office.getByTestId("filter-category").selectOption("security");
    const row = office.getByTestId("complaint-register-row").filter({ hasText: "夜里车库出口道闸一直响" }).filter({ hasText: unit });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("row-response")).toHaveText("20 分钟");
    await expect(row.getByTestId("row-signature").locator("path")).toHaveCount(2);
    await expect(office.getByTestId("complaint-chart").locator("rect").first()).toBeVisible();
    await expect(office.getByTestId("complaint-department-chart").locator("rect").first()).toBeVisible();
    await office.emulateMedia({ media: "print" });
    await expect(row.getByTestId("row-signature").getByTestId("signature-view")).toBeVisible();
    await expect(office.locator(".filters")).toBeHidden();
    await office.emulateMedia({ media: "screen" });

    // Its own page, to print on A4: the signature redrawn from its strokes.
    await row.getByRole("link").first().click();
    await expect(office.getByTestId("complaint-detail")).toBeVisible();
    await expect(office.getByTestId("complaint-print")).toBeVisible();
    await expect(office.getByTestId("complaint-signed").locator("path")).toHaveCount(2);

    // The spreadsheet holds the row.
    const res = await office.request.get(`${server.url}/api/v1/complaints/register.xlsx?category=security`);
    const rows = await sheetRows(res, "投诉登记表");
    const mine = rows.find((r) => r[3] === unit && r[8] === "夜里车库出口道闸一直响，吵得睡不着");
    expect(mine).toBeTruthy();
    expect(mine![10]).toBe("20");
    expect(mine![11]).toBe("有效");
    expect(mine![17]).toBe("满意");
    expect(mine![18]).toContain("（已签字）");
    expect(errors).toEqual([]);
    await office.context().close();
  } finally {
    await server.dispose();
  }
});

test("a refusal to sign closes a complaint and the register says so; an invalid one without a reason is refused with a message", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "liming", /\/m$/, server.url);
    const unit = await openHousehold(page, 4);
    await page.getByTestId("customer-complaint").click();
    await page.getByTestId("complaint-category").selectOption("neighbours");
    await page.getByTestId("complaint-channel").selectOption("phone");
    await page.getByTestId("complaint-said").fill("楼上邻居家狗每天晚上叫");
    await page.getByTestId("complaint-save").click();
    await expect(page.getByTestId("complaint-status")).toHaveText("待判定");

    await page.getByTestId("judge-invalid").click();
    const before = (await localState(page)).outboxSeqs.length;
    await page.getByTestId("judge-save").click();
    await expect(page.getByTestId("complaint-step-error")).toHaveText("无效投诉须写明原因");
    expect((await localState(page)).outboxSeqs.length).toBe(before);
    await page.getByTestId("judge-reason").fill("属邻里之间的问题，已建议双方沟通");
    await page.getByTestId("judge-save").click();
    await expect(page.getByTestId("complaint-judgement")).toContainText("无效投诉 · 属邻里之间的问题");
    await page.getByTestId("reply-text").fill("已向客户说明，并联系了楼上住户");
    await page.getByTestId("reply-agreement").selectOption("accepted");
    await page.getByTestId("reply-save").click();
    await page.getByTestId("sign-refused-open").click();
    await page.getByTestId("sign-refused-note").fill("客户表示不想签字");
    await page.getByTestId("sign-refused").click();
    await expect(page.getByTestId("complaint-status")).toHaveText("已关闭");
    await expect(page.getByTestId("complaint-signed")).toContainText("客户拒绝签字 · 客户表示不想签字");
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    const office = await desktopAs(browser, server.url);
    await office.goto(`${server.url}/office/complaints`);
    await waitForApp(office);
    await office.getByTestId("filter-valid").selectOption("false");
    const row = office.getByTestId("complaint-register-row").filter({ hasText: "楼上邻居家狗每天晚上叫" });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(unit);
    await expect(row.getByTestId("row-signature")).toHaveText("客户拒绝签字");
    await office.context().close();
  } finally {
    await server.dispose();
  }
});

test("a household with three complaints in 30 days is flagged as a repeat in the register", async ({ browser }) => {
  // The demo estate's past holds one such household (three complaints within three weeks).
  const office = await desktopAs(browser, test.info().project.use.baseURL!);
  await office.getByRole("link", { name: "客户投诉" }).click();
  const flagged = office.getByTestId("complaint-register-row").filter({ has: office.getByTestId("repeat-flag") });
  await expect(flagged.first()).toBeVisible();
  expect(await flagged.count()).toBeGreaterThanOrEqual(3);
  await expect(office.getByTestId("trend-count")).not.toHaveText("0");
  await office.context().close();
});

test("the office takes a complaint at the desk; the cluster's butler reaches the customer and hands it to 安防; the security lead reads it and its follow-up", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    // The front desk takes a public-area complaint for 东区组团; nobody has reached the customer.
    const office = await desktopAs(browser, server.url);
    await office.goto(`${server.url}/office/complaints/new`);
    await waitForApp(office);
    await office.getByTestId("complaint-place").fill("3号楼地下车库B区");
    await office.getByTestId("complaint-complainant").fill("张先生");
    await office.getByTestId("complaint-channel").selectOption("phone");
    await office.getByTestId("complaint-category").selectOption("security");
    await office.getByTestId("complaint-said").fill("地库B区的灯坏了好几盏，晚上很黑不安全");
    await office.getByTestId("complaint-cluster").selectOption({ label: "东区组团" });
    await expect(office.getByTestId("complaint-reached-now")).not.toBeChecked();
    await office.getByTestId("complaint-save").click();
    await expect(office).toHaveURL(/\/office\/complaints\/[0-9a-f-]{36}$/);
    await expect(office.getByTestId("complaint-status")).toHaveText("待联系");
    await expect(office.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The cluster's butler is told on the home screen, reaches the customer and hands it on.
    await signIn(page, "wangjing", /\/m$/, server.url);
    await expect(page.getByTestId("complaints-to-reach")).toContainText("件待联系客户", { timeout: 20_000 });
    await page.getByTestId("complaints-tile").click();
    await page.getByTestId("complaint-row").filter({ hasText: "地库B区的灯坏了好几盏" }).getByRole("link").click();
    // The reach is taken in the basement; the judgement is typed while it waits, and the
    // server comes back mid-sentence: the sync that follows neither empties the form nor
    // takes the focus from it (a CI run once saw the form redrawn empty by such a pull).
    await server.stop();
    await page.getByTestId("complaint-reach").click();
    await expect(page.getByTestId("complaint-status")).toHaveText("待判定");
    await expect(page.getByTestId("judge-department")).toHaveValue("security");
    await expect(page.getByTestId("judge-hand-on")).toBeChecked();
    const solution = page.getByTestId("judge-solution");
    await solution.fill("安防巡查时登记坏灯，");
    await expect(page.getByTestId("sync-status")).toContainText("1 件投诉待同步");
    await server.start();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await expect(solution).toBeFocused();
    await solution.pressSequentially("工程当天更换");
    await expect(solution).toHaveValue("安防巡查时登记坏灯，工程当天更换");
    await page.getByTestId("judge-save").click();
    await expect(page.getByTestId("complaint-status")).toHaveText("处理中");
    await expect(page.getByTestId("complaint-follow-up")).toBeVisible();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The security lead reads it, read-only, and opens its follow-up.
    const lead = await phoneAs(browser, "zhouyong", server.url);
    await lead.getByTestId("complaints-tile").click();
    await expect(lead.getByTestId("complaints-read-only")).toBeVisible();
    await expect(lead.getByTestId("new-complaint")).toHaveCount(0);
    const row = lead.getByTestId("complaint-row").filter({ hasText: "地库B区的灯坏了好几盏" });
    await expect(row).toHaveCount(1, { timeout: 20_000 });
    await row.getByRole("link").click();
    await expect(lead.getByTestId("complaint-judgement")).toContainText("有效投诉 · 安防");
    await expect(lead.getByTestId("complaint-status")).toHaveText("处理中");
    await expect(lead.getByTestId("reply-form")).toHaveCount(0);
    await expect(lead.getByTestId("judge-form")).toHaveCount(0);
    await lead.getByTestId("complaint-follow-up").getByRole("link").click();
    await expect(lead).toHaveURL(/\/m\/follow-ups\//);
    await expect(lead.getByText("地库B区的灯坏了好几盏").first()).toBeVisible();

    // Staff who are not a lead have no complaints.
    const cleaner = await phoneAs(browser, "wuli", server.url);
    await expect(cleaner.getByTestId("greeting")).toBeVisible();
    await expect(cleaner.getByTestId("complaints-tile")).toHaveCount(0);
    expect(errors).toEqual([]);
    for (const p of [office, lead, cleaner]) await p.context().close();
  } finally {
    await server.dispose();
  }
});

test("the admin makes a cleaner her department's lead: the staff list says so, and her phone reads the complaints against 保洁", async ({ page, browser }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wuli", /\/m$/, server.url);
    await expect(page.getByTestId("complaints-tile")).toHaveCount(0);

    const admin = await desktopAs(browser, server.url, "admin");
    await admin.getByRole("link", { name: "员工" }).click();
    const row = admin.locator('[data-testid="staff-row"][data-username="wuli"]');
    await expect(row.getByTestId("lead-chip")).toHaveCount(0);
    await row.getByTestId("edit-staff").click();
    const editor = admin.getByTestId("staff-editor");
    await editor.getByTestId("staff-lead").check();
    await editor.getByTestId("save-staff").click();
    await expect(admin.getByTestId("staff-notice")).toHaveText("已保存");
    await expect(row.getByTestId("lead-chip")).toHaveText("部门负责人");

    // Her phone, at its next start, pulls the complaints judged against 保洁, read-only.
    await page.reload();
    await waitForApp(page);
    await page.getByTestId("complaints-tile").click();
    await expect(page.getByTestId("complaints-read-only")).toBeVisible();
    await expect(page.getByTestId("complaint-row").first()).toBeVisible({ timeout: 20_000 });
    await page.getByTestId("complaint-row").first().getByRole("link").click();
    await expect(page.getByTestId("complaint-judgement")).toContainText("有效投诉 · 保洁");
    await admin.context().close();
  } finally {
    await server.dispose();
  }
});
