// The office edits the same customer ledger on the desktop (issue 6).
import { expect, test } from "@playwright/test";
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
