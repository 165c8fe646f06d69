// The office and admin on the desktop workbench.
import { expect, test } from "../support/fixtures";
import { signIn, watchErrors } from "../support/app";

test("the office clerk signs in and lands on the desktop workbench", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "chenfang", /\/office$/);
  await expect(page.getByTestId("who")).toHaveText("陈芳 · 物业服务中心");
  await expect(page.locator("aside.sidenav nav a")).toHaveCount(14);
  await expect(page.getByRole("link", { name: "费用催收" })).toBeVisible();
  await expect(page.getByRole("link", { name: "公告登记" })).toBeVisible();
  await expect(page.getByRole("link", { name: "文件发放登记" })).toBeVisible();
  await page.getByRole("link", { name: "跟进事项" }).click();
  await expect(page).toHaveURL(/\/office\/follow-ups$/);
  await expect(page.getByRole("heading", { name: "跟进事项" })).toBeVisible();
  expect(errors).toEqual([]);
});

test("the admin signs in and lands on the desktop workbench", async ({ page }) => {
  await signIn(page, "admin", /\/office$/);
  await expect(page.getByTestId("who")).toHaveText("系统管理员 · 管理员");
});

test("a butler who opens the workbench is sent to the phone home", async ({ page }) => {
  await signIn(page, "liming", /\/m$/);
  await page.goto("/office/staff");
  await expect(page).toHaveURL(/\/m$/);
});

test("signed out, every screen sends to sign-in, and an unknown path is a 404", async ({ page }) => {
  for (const path of ["/", "/m", "/office", "/office/estate"]) {
    await page.goto(path);
    await expect(page).toHaveURL(/\/login$/);
  }
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "页面不存在" })).toBeVisible();
});

test("sign-out from the workbench", async ({ page }) => {
  await signIn(page, "admin", /\/office$/);
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/office");
  await expect(page).toHaveURL(/\/login$/);
});
