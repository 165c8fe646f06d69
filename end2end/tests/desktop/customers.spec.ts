// The office edits the same customer ledger on the desktop (issue 6).
import { expect, test } from "../support/fixtures";
import { signIn, watchErrors } from "../support/app";
import { TestServer } from "../support/server";

test("the office finds a household and corrects its mailing address", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "chenfang", /\/office$/, server.url);
    await page.getByRole("link", { name: "客户台账" }).click();
    await expect(page.getByTestId("customer-count")).toHaveText("找到 699 户", { timeout: 20_000 });
    await page.getByTestId("customer-search").fill("8-2-19");
    await page.getByTestId("customer").first().getByRole("link").first().click();
    await page.getByTestId("new-address").fill("上海市浦东新区世纪大道 100 号");
    await page.getByTestId("save-address").click();
    await expect(page.getByTestId("customer-address")).toHaveText("上海市浦东新区世纪大道 100 号");
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});

test("the office opens a household's unit: its households and history; a renovation recorded at the desk shows who recorded it and reaches the change history", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "chenfang", /\/office$/, server.url);
    await page.getByRole("link", { name: "客户台账" }).click();
    await expect(page.getByTestId("customer-count")).toHaveText("找到 699 户", { timeout: 20_000 });
    await page.getByTestId("customer-search").fill("5-1-12");
    await page.getByTestId("customer").first().getByRole("link").first().click();
    const title = (await page.getByTestId("customer-detail").locator("h1").innerText()).trim();
    const [code, name] = title.split(/\s+/);
    await page.getByTestId("customer-unit").click();
    await expect(page).toHaveURL(/\/office\/units\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId("unit-code")).toHaveText(code);
    await expect(page.getByTestId("unit-households")).toContainText(name);

    await page.getByTestId("occupancy-note").fill("厨房翻新");
    await page.getByTestId("record-renovation").click();
    const latest = page.getByTestId("occupancy-change").first();
    await expect(latest).toContainText("装修中");
    await expect(latest).toContainText("厨房翻新");
    await expect(latest).toContainText("陈芳");
    await expect(page.getByTestId("unit-state")).toHaveText("装修中");
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // On the server: the unit's change history has it, by 陈芳 from the office.
    await page.reload();
    const entry = page.getByTestId("audit-trail").getByTestId("audit-entry").filter({ hasText: "厨房翻新" });
    await expect(entry).toHaveCount(1, { timeout: 20_000 });
    await expect(entry).toContainText("陈芳");
    // The household link leads back.
    await page.getByTestId("unit-households").getByRole("link", { name }).click();
    await expect(page.getByTestId("customer-detail")).toContainText(name);
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});
