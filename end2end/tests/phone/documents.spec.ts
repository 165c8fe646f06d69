// Documents to customers (issue 19). The office issues a statement to 东区组团 (a form
// without a cluster is refused with a message); the butler's phone lists it, and with the
// server stopped she hands one to its owner with a signature (refused until signed), leaves
// one with security, puts an owner not moved in on the mailing list; a key customer's form
// offers no 交安防派送; the call list (the demo's statement of 20 days ago) takes a call.
// Reloaded, the page comes from the service worker and holds it all. Server started: synced;
// the office's register counts the three, the mailing list has the owner's address, the
// posting is recorded with its tracking number, and the address labels print on A4.
import { expect, test } from "../support/fixtures";
import { desktopAs, sign, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { localState } from "../support/idb";
import { TestServer } from "../support/server";
import { sheetRows } from "../support/xlsx";

const TITLE = "E2E 对账单（12月）";

test("offline, the butler hands a statement with a signature, leaves one with security and mails one; synced, the office's register counts them and prints the labels", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    // The office issues it.
    const office = await desktopAs(browser, server.url);
    await office.goto(`${server.url}/office/documents`);
    await waitForApp(office);
    await expect(office.getByTestId("document-row").first()).toBeVisible({ timeout: 20_000 });
    await office.getByTestId("issue-title").fill(TITLE);
    await office.getByTestId("issue-explanation").fill("12月物业服务费");
    await office.getByTestId("issue-preview").click();
    await expect(office.getByTestId("issue-error")).toHaveText("请至少选择一个组团");
    await office.locator("[data-testid=issue-cluster][data-name='东区组团']").check();
    await office.getByTestId("issue-buildings").fill("1, 99");
    await office.getByTestId("issue-preview").click();
    await expect(office.getByTestId("issue-error")).toHaveText("所选组团中没有这些楼栋：99");
    await office.getByTestId("issue-buildings").fill("");
    await office.getByTestId("issue-preview").click();
    await expect(office.getByTestId("issue-counted")).toContainText(/共 \d+ 户/);
    await office.getByTestId("issue-submit").click();
    await expect(office.getByTestId("issue-done")).toContainText("已发放给");
    const row = office.locator(`[data-testid=document-row][data-title='${TITLE}']`);
    await expect(row).toBeVisible({ timeout: 20_000 });

    // The butler's phone receives it.
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await page.getByTestId("documents-tile").click();
    await expect(page.locator(`[data-testid=document][data-title='${TITLE}']`)).toBeVisible();
    // The demo's statement of 20 days ago left households to phone.
    const calls = page.getByTestId("call-line");
    await expect(calls.first()).toBeVisible();
    const toCall = await calls.count();
    await page.locator(`[data-testid=document][data-title='${TITLE}']`).getByTestId("document-link").click();
    await expect(page.getByTestId("document-title")).toHaveText(TITLE);
    await expect(page.getByTestId("document-explanation")).toContainText("12月物业服务费");

    await server.stop();
    const pending = (sel: string) => page.locator(`[data-testid=delivery][data-state=pending]${sel}`);
    // A key customer: no 交安防派送.
    const key = pending("[data-key=true]").first();
    await key.getByTestId("handover-open").click();
    await expect(key.getByTestId("how-handed_self")).toBeVisible();
    await expect(key.getByTestId("how-security")).toHaveCount(0);
    await page.getByRole("button", { name: "取消" }).click();

    // Handed to the owner: refused until signed, nothing queued; signed, recorded.
    const owner = pending("[data-key=false][data-moved-in=true]").first();
    const ownerUnit = (await owner.getAttribute("data-unit"))!;
    await owner.getByTestId("handover-open").click();
    await owner.getByTestId("how-handed_self").check();
    const queued = (await localState(page)).outboxSeqs.length;
    await owner.getByTestId("handover-save").click();
    await expect(owner.getByTestId("handover-error")).toHaveText("请客户签名后再确认");
    expect((await localState(page)).outboxSeqs.length).toBe(queued);
    await sign(page);
    await owner.getByTestId("handover-save").click();
    const signed = page.locator(`[data-testid=delivery][data-unit='${ownerUnit}']`);
    await expect(signed).toHaveAttribute("data-state", "handed_self");
    await expect(signed.getByTestId("state-chip")).toHaveText("待同步");
    await expect(signed.getByTestId("delivery-signature")).toBeVisible();

    // Left with security.
    const guard = pending("[data-key=false][data-moved-in=true]").first();
    const guardUnit = (await guard.getAttribute("data-unit"))!;
    await guard.getByTestId("handover-open").click();
    await guard.getByTestId("how-security").check();
    await guard.getByTestId("handover-note").fill("交保安李师傅");
    await guard.getByTestId("handover-save").click();
    await expect(page.locator(`[data-testid=delivery][data-unit='${guardUnit}']`)).toHaveAttribute("data-state", "security");

    // Not moved in: to the mailing list (a moved-in one is not offered it).
    const away = pending("[data-moved-in=false]").first();
    const awayUnit = (await away.getAttribute("data-unit"))!;
    await away.getByTestId("handover-open").click();
    await away.getByTestId("how-to_mail").check();
    await away.getByTestId("handover-save").click();
    await expect(page.locator(`[data-testid=delivery][data-unit='${awayUnit}']`)).toHaveAttribute("data-state", "to_mail");

    // A call about last month's statement: answered, off the list.
    await page.goto(`${server.url}/m/documents`);
    await waitForApp(page);
    const call = calls.first();
    await call.getByTestId("call-reached").check();
    await call.getByTestId("call-said").fill("周六来物业中心领取");
    await call.getByTestId("call-save").click();
    await expect(calls).toHaveCount(toCall - 1);
    await expect(page.getByTestId("sync-status")).toContainText("4 份文件发放");

    // Reloaded with the server stopped: from the service worker, all still there.
    await page.goto(`${server.url}/m/documents`);
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(calls).toHaveCount(toCall - 1);
    await page.locator(`[data-testid=document][data-title='${TITLE}']`).getByTestId("document-link").click();
    await expect(page.locator(`[data-testid=delivery][data-unit='${ownerUnit}']`)).toHaveAttribute("data-state", "handed_self");

    // Back: synced.
    await server.start();
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await expect(signed.getByTestId("state-chip")).toHaveCount(0);

    // The office: the register counts the three; the document's page lists them.
    await office.goto(`${server.url}/office/documents`);
    await waitForApp(office);
    await expect(row.getByTestId("col-handed_self")).toHaveText("1", { timeout: 30_000 });
    await expect(row.getByTestId("col-security")).toHaveText("1");
    await expect(row.getByTestId("col-to_mail")).toHaveText("1");
    await row.getByTestId("document-open").click();
    await expect(office.locator(`[data-testid=delivery][data-unit='${ownerUnit}'] [data-testid=delivery-signature]`)).toBeVisible();
    await expect(office.locator(`[data-testid=delivery][data-unit='${guardUnit}'] [data-testid=delivery-last]`)).toContainText("交保安李师傅");
    // The mailing list: the owner's address; a bad number refused; posted.
    const mail = office.locator(`[data-testid=mailing-line][data-unit='${awayUnit}']`);
    await expect(mail.getByTestId("mailing-address")).not.toBeEmpty();
    const address = (await mail.getByTestId("mailing-address").textContent())!.trim();
    await mail.getByTestId("tracking").fill("挂号 123");
    await mail.getByTestId("post-save").click();
    await expect(mail.getByTestId("post-error")).toHaveText("请填写挂号信单号（字母和数字，最多 40 位）");
    await mail.getByTestId("tracking").fill("XA123456789CN");
    await mail.getByTestId("post-save").click();
    await expect(office.locator(`[data-testid=delivery][data-unit='${awayUnit}']`)).toHaveAttribute("data-state", "mailed", { timeout: 20_000 });
    // The labels, A4.
    await office.getByTestId("print-address-labels").click();
    const label = office.locator(`[data-testid=address-label][data-unit='${awayUnit}']`);
    await expect(label.getByTestId("address-label-address")).toHaveText(address);
    await office.emulateMedia({ media: "print" });
    await office.pdf({ path: test.info().outputPath("address-labels.pdf"), format: "A4" });
    await office.emulateMedia({ media: "screen" });
    // The register's .xlsx has the document and each household.
    const xlsx = await office.request.get(`${server.url}/api/v1/documents/register.xlsx`);
    expect(xlsx.status()).toBe(200);
    const reg = (await sheetRows(xlsx, "文件发放登记表")).find((r) => r.includes(TITLE))!;
    expect(reg).toBeTruthy();
    const lines = await sheetRows(xlsx, "逐户明细");
    const mailed = lines.find((r) => r[0] === TITLE && r[3] === awayUnit)!;
    expect(mailed).toContain("已邮寄");
    expect(mailed).toContain("XA123456789CN");

    expect(errors.filter((e) => !/Failed to load resource|ERR_CONNECTION_REFUSED|net::/.test(e))).toEqual([]);
    await office.context().close();
  } finally {
    await server.dispose();
  }
});
