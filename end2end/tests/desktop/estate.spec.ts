// Estate data on the desktop (issue 7): a spreadsheet import with an unrecognised column and a
// bad row — the mapping fixed, the row reported and nothing changed, the corrected file
// imported — and the units on the butler's phone after a sync; an admin resets a password and
// the user is made to change it at the next sign-in.
import { Browser, devices, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";

async function phone(browser: Browser, user: string): Promise<Page> {
  const context = await browser.newContext({ ...devices["Pixel 7"] });
  const page = await context.newPage();
  await signIn(page, user, /\/m$/);
  return page;
}

function csv(rows: string[][]): { name: string; mimeType: string; buffer: Buffer } {
  return {
    name: "补录房屋.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(rows.map((r) => r.join(",")).join("\n") + "\n", "utf8"),
  };
}

test("an import with one bad row: the mapping fixed, the row reported, nothing changed; corrected, applied, and the units reach the butler's phone", async ({ page, browser }) => {
  const errors = watchErrors(page);
  await signIn(page, "chenfang", /\/office$/);
  await page.getByRole("link", { name: "小区资料" }).click();
  await expect(page.getByRole("heading", { name: "导入房屋与客户" })).toBeVisible();

  // "门牌" is not a header the import knows; row 3 has a phone that is not one.
  const header = ["楼栋", "单元", "门牌", "客户姓名", "联系电话", "房屋状态"];
  const bad = csv([
    header,
    ["2", "1", "2501", "", "", "空置"],
    ["2", "1", "2502", "欧阳晓雯", "12345", "已入住"],
    ["2", "2", "2501", "司马知远", "13611112222", "已入住"],
  ]);
  await page.getByTestId("import-file").setInputFiles(bad);
  const mapping = page.getByTestId("mapping");
  await expect(mapping.getByTestId("row-count")).toHaveText("数据行数：3");
  await expect(page.getByTestId("map-2")).toHaveValue("");
  await page.getByTestId("preview").click();
  await expect(page.getByTestId("problem")).toHaveText(/缺少必需的列：房号/);
  // Fix the mapping: 门牌 is the room number.
  await page.getByTestId("map-2").selectOption("room");
  await expect(page.getByTestId("import-report")).toHaveCount(0);
  await page.getByTestId("preview").click();
  const problem = page.getByTestId("problem");
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute("data-row", "3");
  await expect(problem).toContainText("联系电话");
  await expect(problem).toContainText("手机号应为 1 开头的 11 位数字");
  await expect(page.getByTestId("apply")).toHaveCount(0);

  // The corrected file: previewed, then imported.
  const good = csv([
    header,
    ["2", "1", "2501", "", "", "空置"],
    ["2", "1", "2502", "欧阳晓雯", "13611113333", "已入住"],
    ["2", "2", "2501", "司马知远", "13611112222", "已入住"],
  ]);
  await page.getByTestId("import-file").setInputFiles(good);
  await expect(mapping.getByTestId("row-count")).toHaveText("数据行数：3");
  await page.getByTestId("map-2").selectOption("room");
  await page.getByTestId("preview").click();
  await expect(page.getByTestId("import-status")).toHaveText("没有问题，可以导入：");
  await expect(page.getByTestId("import-counts")).toContainText("新建房屋 3");
  await expect(page.getByTestId("import-counts")).toContainText("新建客户 2");
  await page.getByTestId("apply").click();
  await expect(page.getByTestId("import-report")).toHaveAttribute("data-applied", "true");
  await expect(page.getByTestId("import-status")).toHaveText("导入完成：");
  const applied = page.locator('[data-testid="recent-import"][data-applied="true"]');
  await expect(applied).toHaveCount(1);
  await expect(applied).toContainText("补录房屋.csv");

  // Building 2 is 王静's: after a sync her phone has the vacant unit and the households.
  const butler = await phone(browser, "wangjing");
  const phoneErrors = watchErrors(butler);
  await expect(butler.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
  await butler.getByRole("link", { name: "巡查", exact: true }).click();
  await butler.getByTestId("vacant-link").click();
  await expect(butler.locator('[data-testid="vacant-unit"][data-unit="2-1-2501"]')).toBeVisible();
  await butler.getByRole("link", { name: "客户", exact: true }).click();
  await butler.getByTestId("customer-search").fill("司马知远");
  await expect(butler.getByTestId("customer")).toHaveCount(1);
  await expect(butler.getByTestId("customer")).toContainText("2-2-2501");

  // The office sees the import on the household's change history.
  await page.goto("/office/customers");
  await waitForApp(page);
  await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
  await page.getByTestId("customer-search").fill("欧阳晓雯");
  await page.getByTestId("customer").first().getByRole("link").first().click();
  const trail = page.getByTestId("audit-trail").first();
  await expect(trail.getByTestId("audit-entry")).toHaveCount(1);
  await expect(trail.getByTestId("audit-entry")).toHaveAttribute("data-source", "import");
  expect(errors).toEqual([]);
  expect(phoneErrors).toEqual([]);
  await butler.context().close();
});

test("an admin resets a password; at the next sign-in the user must change it before anything else", async ({ page, browser }) => {
  const errors = watchErrors(page);
  await signIn(page, "admin", /\/office$/);
  await page.getByRole("link", { name: "员工" }).click();
  const row = page.locator('[data-testid="staff-row"][data-username="wuli"]');
  await row.getByTestId("reset-password").click();
  await row.getByTestId("temp-password").fill("1234");
  await row.getByTestId("confirm-reset").click();
  await expect(row.getByRole("alert")).toHaveText("密码至少 8 位，且同时包含字母和数字");
  await row.getByTestId("temp-password").fill("temp2026ab");
  await row.getByTestId("confirm-reset").click();
  await expect(page.getByTestId("staff-notice")).toContainText("已重置");

  const context = await browser.newContext({ ...devices["Pixel 7"] });
  const user = await context.newPage();
  await user.goto("/login");
  await waitForApp(user);
  await user.getByTestId("username").fill("wuli");
  await user.getByTestId("password").fill("temp2026ab");
  await user.getByTestId("sign-in").click();
  await expect(user).toHaveURL(/\/password$/);
  await user.getByTestId("current-password").fill("temp2026ab");
  await user.getByTestId("new-password").fill("wuli2026ok");
  await user.getByTestId("repeat-password").fill("wuli2026no");
  await user.getByTestId("save-password").click();
  await expect(user.getByTestId("password-error")).toHaveText("两次输入的新密码不一致");
  await user.getByTestId("repeat-password").fill("wuli2026ok");
  await user.getByTestId("save-password").click();
  await expect(user).toHaveURL(/\/m$/);
  await expect(user.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
  await page.reload();
  await waitForApp(page);
  await expect(page.locator('[data-testid="staff-row"][data-username="wuli"]')).not.toContainText("待改密码");
  expect(errors).toEqual([]);
  await context.close();
});
