// Will this phone keep the records (design §4)? The storage card on "Me", the home screen's
// notice when the phone is nearly full, the app's own install button for the browser's offer,
// and an iPhone told to sync before adding the app to the home screen. A full disk and the
// browser's install offer cannot be produced in a test browser: those two are simulated (the
// browser's answers are replaced before the page loads; the offer is a dispatched event).
import { expect, test } from "../support/fixtures";
import { newFollowUp, signIn, waitForApp, watchErrors } from "../support/app";

const MB = 1024 * 1024;

test("the storage card says how much the phone holds; nearly full, the home screen warns", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "wangjing", /\/m$/);
  await page.goto("/m/me");
  await waitForApp(page);
  // The browser's real answers: some space used of a quota, opened in the browser.
  await expect(page.getByTestId("storage-used")).toHaveText(/^\d+(\.\d)? (KB|MB|GB) \/ \d+(\.\d)? (KB|MB|GB)$/);
  await expect(page.getByTestId("storage-opened")).toHaveText("在浏览器中打开");
  await expect(page.getByTestId("storage-kept")).toHaveText(/已保留|未保留|浏览器未说明/);

  // 40 MB left: too little for a day of photos.
  await page.addInitScript(
    ([used, quota]) => {
      Object.defineProperty(navigator.storage, "estimate", { value: async () => ({ usage: used, quota }) });
      Object.defineProperty(navigator.storage, "persisted", { value: async () => false });
    },
    [4056 * MB, 4096 * MB],
  );
  await page.goto("/m");
  await waitForApp(page);
  const notice = page.getByTestId("storage-notice");
  await expect(notice).toContainText("手机存储空间快满了");
  await notice.getByRole("link").click();
  await expect(page).toHaveURL(/\/m\/me/);
  await expect(page.getByTestId("storage-used")).toHaveText("4.0 GB / 4.0 GB");
  await expect(page.getByTestId("storage-kept")).toHaveText(/未保留/);
  const advice = page.getByTestId("storage-card").getByTestId("storage-advice");
  await expect(advice).toHaveCount(2);
  await expect(advice.nth(0)).toContainText("快满了");
  await expect(advice.nth(1)).toContainText("没有承诺保留");
  expect(errors).toEqual([]);
});

test("the browser's offer to install becomes the app's own install button", async ({ page }) => {
  await signIn(page, "wangjing", /\/m$/);
  await waitForApp(page);
  await expect(page.getByTestId("install-app")).toHaveCount(0);
  // What Chromium sends when the app may be installed: an event whose prompt() shows its dialog.
  await page.evaluate(() => {
    const offer = new Event("beforeinstallprompt", { cancelable: true }) as Event & Record<string, unknown>;
    offer.prompt = async () => {
      (window as unknown as Record<string, boolean>).installDialogShown = true;
    };
    offer.userChoice = Promise.resolve({ outcome: "accepted" });
    window.dispatchEvent(offer);
  });
  const install = page.getByTestId("storage-notice").getByTestId("install-app");
  await expect(install).toBeVisible();
  await install.click();
  await expect.poll(() => page.evaluate(() => (window as unknown as Record<string, boolean>).installDialogShown)).toBe(true);
  // An offer is good for one dialog: the button goes.
  await expect(page.getByTestId("install-app")).toHaveCount(0);
});

test("an iPhone in Safari is asked to sync everything, then add the app to the home screen", async ({ browser }) => {
  const context = await browser.newContext({
    baseURL: test.info().project.use.baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    userAgent:
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
  });
  const page = await context.newPage();
  await signIn(page, "wangjing", /\/m$/);
  await page.goto("/m/me");
  await waitForApp(page);
  const card = page.getByTestId("storage-card");
  // Synced: the steps.
  await expect(page.getByTestId("sync-status")).toContainText(/全部已同步/, { timeout: 20_000 });
  await expect(card.getByTestId("storage-advice")).toContainText("添加到主屏幕");
  await expect(card.getByTestId("storage-advice")).not.toContainText("未同步");
  // A change waiting (the server is not asked: the sync is held back): sync first.
  await page.route("**/api/v1/sync/**", (route) => route.abort());
  await page.goto("/m/follow-ups");
  await waitForApp(page);
  await newFollowUp(page, "1-1-0101", "楼道灯不亮");
  await page.getByRole("link", { name: "我的", exact: true }).click();
  await expect(page.getByTestId("storage-card").getByTestId("storage-advice")).toContainText("还有 1 条记录未同步");
  await context.close();
});

test("asked from a tap, the browser keeps the records and the card says so; a refusal is said", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "wangjing", /\/m$/);
  // The browser has not promised to keep the records, and answers a request as the test says
  // (Firefox asks its user; a test browser cannot be asked). Requests are counted: the app
  // asks once by itself at start, and then once per tap.
  await page.addInitScript(() => {
    const w = window as unknown as { kept: boolean; agree: boolean; asked: number };
    w.kept = false;
    w.agree = false;
    w.asked = 0;
    Object.defineProperty(navigator.storage, "persisted", { value: async () => w.kept });
    Object.defineProperty(navigator.storage, "persist", {
      value: async () => {
        w.asked++;
        w.kept = w.agree;
        return w.agree;
      },
    });
  });
  await page.goto("/m/me");
  await waitForApp(page);
  const card = page.getByTestId("storage-card");
  const asked = () => page.evaluate(() => (window as unknown as { asked: number }).asked);
  await expect(page.getByTestId("storage-kept")).toHaveText(/未保留/);
  // The app's own request at start comes first.
  await expect.poll(asked, { timeout: 20_000 }).toBe(1);
  await card.getByTestId("keep-records").click();
  await expect(card.getByTestId("keep-refused")).toContainText("浏览器没有同意");
  expect(await asked()).toBe(2);
  await expect(page.getByTestId("storage-kept")).toHaveText(/未保留/);

  // Asked again, the browser agrees: the card says so and there is nothing left to ask.
  await page.evaluate(() => ((window as unknown as { agree: boolean }).agree = true));
  await card.getByTestId("keep-records").click();
  await expect(page.getByTestId("storage-kept")).toHaveText(/已保留/);
  await expect(page.getByTestId("keep-records")).toHaveCount(0);
  await expect(page.getByTestId("keep-refused")).toHaveCount(0);
  expect(await asked()).toBe(3);
  expect(errors).toEqual([]);
});
