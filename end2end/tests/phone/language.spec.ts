// zh-CN by default whatever the browser says; English by a switch that the server honours.
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp } from "../support/app";

test.use({ locale: "en-US", extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" } });

test("zh-CN by default under an English Accept-Language", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByTestId("sign-in")).toHaveText("登录");
});

test("the language switch: English, rendered by the server after a reload, and back", async ({ page }) => {
  await page.goto("/login");
  await waitForApp(page);
  await page.getByTestId("lang-switch").click();
  await expect(page.getByTestId("sign-in")).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");

  // The server renders English now (the cookie), so hydration starts in the same language.
  const html = await (await page.request.get("/login")).text();
  expect(html).toContain("Sign in");
  expect(html).toContain('lang="en"');

  await signIn(page, "liming", /\/m$/);
  await expect(page.getByTestId("greeting")).toHaveText("Hello, 李明");
  await page.getByRole("link", { name: "Me", exact: true }).click();
  await page.getByTestId("lang-switch").click();
  await expect(page.getByRole("link", { name: "我的" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("link", { name: "我的" })).toBeVisible();
});
