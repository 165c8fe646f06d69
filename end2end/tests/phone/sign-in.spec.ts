// Sign-in on the phone: butlers and department staff land on the phone home; wrong passwords
// and throttling get clear messages; sign-out; a session survives a server restart.
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";
import { DEMO_PASSWORD } from "../support/env";
import { TestServer } from "../support/server";

test("a butler signs in and lands on the phone home", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "wangjing", /\/m$/);
  await expect(page.getByTestId("greeting")).toHaveText("你好，王静");
  await expect(page.getByText("东区组团")).toBeVisible();
  await expect(page.locator("nav.tabbar a")).toHaveCount(5);
  expect(errors).toEqual([]);
});

test("department staff sign in and land on the phone home", async ({ page }) => {
  await signIn(page, "zhaoqiang", /\/m$/);
  await expect(page.getByTestId("greeting")).toHaveText("你好，赵强");
  await page.getByRole("link", { name: "我的" }).click();
  await expect(page.getByText("工程")).toBeVisible();
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await page.goto("/login");
  await waitForApp(page);
  await page.getByTestId("username").fill("liming");
  await page.getByTestId("password").fill("wrong-password");
  await page.getByTestId("sign-in").click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("用户名或密码不正确");
  await expect(page).toHaveURL(/\/login$/);
  await page.goto("/m");
  await expect(page).toHaveURL(/\/login$/);
});

test("an office account on the phone is sent to the desktop workbench", async ({ page }) => {
  await signIn(page, "chenfang", /\/office$/);
});

test("sign-out ends the session on the server", async ({ page }) => {
  await signIn(page, "liming", /\/m$/);
  await page.getByRole("link", { name: "我的" }).click();
  await expect(page.getByTestId("me-username")).toHaveText("liming");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login$/);
  // The server no longer knows the session: a fresh load of a guarded page goes to sign-in.
  const res = await page.request.get("/api/v1/auth/me");
  expect(res.status()).toBe(401);
  await page.goto("/m/me");
  await expect(page).toHaveURL(/\/login$/);
});

test("throttling after repeated failures, kept across a restart", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await page.goto(`${server.url}/login`);
    await waitForApp(page);
    for (let i = 1; i <= 4; i++) {
      await page.getByTestId("username").fill("wuli");
      await page.getByTestId("password").fill(`wrong-${i}`);
      await page.getByTestId("sign-in").click();
      await expect(page.getByTestId("sign-in-error")).toHaveText("用户名或密码不正确");
    }
    await page.getByTestId("password").fill("wrong-5");
    await page.getByTestId("sign-in").click();
    await expect(page.getByTestId("sign-in-error")).toHaveText("登录失败次数过多，请 15 分钟后再试");

    // Even the right password is refused now, and a restart does not reset the counter.
    await server.stop();
    await server.start();
    const res = await page.request.post(`${server.url}/api/v1/auth/sign-in`, {
      data: { username: "wuli", password: DEMO_PASSWORD },
    });
    expect(res.status()).toBe(429);
    expect((await res.json()).code).toBe("throttled");
    // Other users are not affected.
    const other = await page.request.post(`${server.url}/api/v1/auth/sign-in`, {
      data: { username: "zhouyong", password: DEMO_PASSWORD },
    });
    expect(other.status()).toBe(200);
  } finally {
    await server.dispose();
  }
});

test("a session survives a server restart", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await server.stop();
    await server.start();
    // A server-rendered page (not the service worker's shell): the server knows the user.
    const res = await page.request.get(`${server.url}/api/v1/auth/me`);
    expect(res.status()).toBe(200);
    expect((await res.json()).user.username).toBe("wangjing");
    await page.goto(`${server.url}/m/me`);
    await expect(page.getByTestId("me-username")).toHaveText("wangjing");
  } finally {
    await server.dispose();
  }
});

test("the sign-in form works before the WASM has loaded (no script)", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByTestId("username").fill("zhouyong");
  await page.getByTestId("password").fill("nope");
  await page.getByTestId("sign-in").click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("用户名或密码不正确");
  await page.getByTestId("username").fill("zhouyong");
  await page.getByTestId("password").fill(DEMO_PASSWORD);
  await page.getByTestId("sign-in").click();
  await expect(page).toHaveURL(/\/m$/);
  await expect(page.getByTestId("greeting")).toHaveText("你好，周勇");
  await context.close();
});
