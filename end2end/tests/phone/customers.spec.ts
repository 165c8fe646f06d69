// The customer ledger on the phone (issue 6): found by the last digits of a phone as you type,
// from the local store; a malformed phone number is refused on the spot and nothing is queued;
// a good one is saved on the device.
import { expect, test } from "@playwright/test";
import { signIn, watchErrors } from "../support/app";
import { localState } from "../support/idb";

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
  expect(errors).toEqual([]);
});
