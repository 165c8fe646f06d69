// The installable offline shell, proven with the server process stopped: deep links render
// from the service worker without console errors or a hydration panic; a slow navigation
// shows the shell within a few seconds; a new build announces itself and waits for the user.
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { DelayingProxy } from "../support/proxy";
import { TestServer } from "../support/server";

test("offline start, proven: the server stopped, three deep links render from the service worker", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    // The first sync answered, so the chip can later say when the server was last reached.
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await server.stop();
    // The server is really gone.
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();

    const errors = watchErrors(page);
    const reload = await page.reload();
    expect(reload?.fromServiceWorker()).toBe(true);
    await waitForApp(page);
    await expect(page.getByTestId("greeting")).toHaveText("你好，王静");

    const record = "0190f0a0-0000-7000-8000-00000000abcd";
    const links: [string, (p: typeof page) => Promise<void>][] = [
      ["/m/patrol", async (p) => expect(p.getByRole("heading", { name: "今日巡查" })).toBeVisible()],
      ["/m/me", async (p) => expect(p.getByTestId("me-username")).toHaveText("wangjing")],
      [`/m/follow-ups/${record}`, async (p) => expect(p.getByTestId("not-found")).toHaveAttribute("data-record", record)],
    ];
    for (const [path, check] of links) {
      const res = await page.goto(`${server.url}${path}`);
      expect(res?.fromServiceWorker(), path).toBe(true);
      await waitForApp(page);
      await check(page);
      // The phone has a network but the server is gone: the chip says so, not 在线.
      await expect(page.getByTestId("net-status")).toHaveText(/^无法连接服务器 · 上次成功 \d\d:\d\d$/);
      await expect(page.getByTestId("net-status")).toHaveAttribute("data-state", "unreachable");
    }
    // Moving between tabs works with no network too.
    await page.getByRole("link", { name: "首页" }).click();
    await expect(page.getByTestId("greeting")).toHaveText("你好，王静");
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});

test("slow network: a navigation delayed 10 s shows the shell within a few seconds", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  const proxy = new DelayingProxy(server.port);
  await proxy.start();
  try {
    await signIn(page, "liming", /\/m$/, proxy.url);
    await waitForServiceWorker(page);
    proxy.delayMs = 10_000;
    const errors = watchErrors(page);
    const started = Date.now();
    const res = await page.goto(`${proxy.url}/m/me`);
    await waitForApp(page);
    await expect(page.getByTestId("me-username")).toHaveText("liming");
    const elapsed = Date.now() - started;
    expect(res?.fromServiceWorker()).toBe(true);
    expect(proxy.delayed).toBeGreaterThan(0);
    // The worker gives up on the network after 3 s; well before the 10 s the network takes.
    expect(elapsed).toBeLessThan(8_000);
    expect(errors).toEqual([]);
  } finally {
    await proxy.stop();
    await server.dispose();
  }
});

test("update: a new build shows 'update available' and the page keeps working until accepted", async ({ page }) => {
  const server = await TestServer.create();
  await server.start({ buildId: "build-a" });
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    const errors = watchErrors(page);
    await server.stop();
    await server.start({ buildId: "build-b" });

    // The page checks for a new worker on a timer and when it comes back online; do it now.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    await expect(page.getByTestId("update-banner")).toBeVisible();
    await expect(page.getByTestId("update-banner")).toContainText("有新版本可用");

    // Still on build A, still working: move between screens.
    await page.getByRole("link", { name: "我的" }).click();
    await expect(page.getByTestId("me-username")).toHaveText("wangjing");
    expect(await page.evaluate(async () => (await caches.keys()).sort())).toContain("butler-shell-build-a");

    // Accept: the new worker takes over and the page reloads on build B.
    await Promise.all([page.waitForEvent("load"), page.getByTestId("update-banner").getByRole("button").click()]);
    await waitForApp(page);
    await expect
      .poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("butler-shell-"))))
      .toEqual(["butler-shell-build-b"]);
    await expect(page.getByTestId("update-banner")).toHaveCount(0);
    await expect(page.getByTestId("me-username")).toHaveText("wangjing");
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});
