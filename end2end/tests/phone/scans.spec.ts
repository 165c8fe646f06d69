// Proof of presence on a round (issue 18), with the server stopped: the butler reads a place's
// QR label (its code, as a scanner or the clipboard types it) — checked on the phone against
// the estate's public key —, a label with a forged signature is refused with a message, the
// short code under another label is typed and recorded as 手输, a code no place has is refused.
// On the morning board and facility round a check-in opens the place's section. Server
// started: synced; the office's run shows the two check-ins in order, the typed one marked.
// (The camera: camera.spec.ts.)
import { expect, test } from "../support/fixtures";
import { desktopAs, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { wangLabels } from "../support/api";
import { TestServer } from "../support/server";


test("offline on the round: a label read, a forged one refused, a short code typed as 手输; synced, the office's run shows both in order", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const server = await TestServer.create();
  await server.start();
  try {
    // The sheet the office printed.
    const label = await wangLabels(server.url);
    const garage = label("地下车库入口");
    const lane = label("消防通道");

    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await server.stop();

    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await page.locator('[data-testid="round"][data-purpose="patrol"]').getByTestId("start-round").click();
    await expect(page).toHaveURL(/\/m\/patrol\/runs\//);
    const runId = page.url().split("/").pop()!;
    const card = page.getByTestId("scan-card");
    const scans = card.getByTestId("scan");

    await card.getByTestId("scan-input").fill(garage.code);
    await card.getByTestId("scan-submit").click();
    await expect(scans).toHaveCount(1);
    await expect(scans.first()).toContainText("地下车库入口");
    await expect(scans.first().getByTestId("scan-typed")).toHaveCount(0);

    // The same label with one digit of its signature changed: refused, nothing recorded.
    const last = garage.code.slice(-1);
    await card.getByTestId("scan-input").fill(garage.code.slice(0, -1) + (last === "0" ? "1" : "0"));
    await card.getByTestId("scan-submit").click();
    await expect(card.getByTestId("scan-error")).toHaveText("标签无效：不是本小区签发的二维码");
    await expect(scans).toHaveCount(1);
    // A code no place has.
    await card.getByTestId("scan-input").fill("ZZZ-ZZZ");
    await card.getByTestId("scan-submit").click();
    await expect(card.getByTestId("scan-error")).toHaveText("没有这个地点码，请核对标签下的短码");
    // The short code typed, sloppily: recorded as 手输.
    await card.getByTestId("scan-input").fill(lane.short_code.replace("-", "").toLowerCase());
    await card.getByTestId("scan-submit").click();
    await expect(scans).toHaveCount(2);
    await expect(scans.nth(1)).toContainText("消防通道");
    await expect(scans.nth(1).getByTestId("scan-typed")).toHaveText("手输");
    await expect(card.getByTestId("scan-error")).toHaveCount(0);

    // On the morning board and facility round, a check-in opens that place's items: the
    // playground's brings up 文体设施, marked with the place.
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await page.locator('[data-testid="round"][data-purpose="notice_board"]').getByTestId("start-round").click();
    await expect(page).toHaveURL(/\/m\/patrol\/runs\//);
    const playground = label("儿童游乐场");
    await page.getByTestId("scan-input").fill(playground.short_code);
    await page.getByTestId("scan-submit").click();
    const opened = page.locator(".run-section", { has: page.getByTestId("at-place") });
    await expect(opened).toHaveCount(1);
    await expect(opened.locator("h2")).toHaveText("文体设施 刚在此打卡：儿童游乐场");
    await expect(opened).toBeInViewport();

    await server.start();
    await page.goto(`${server.url}/m/patrol/runs/${runId}`);
    await waitForApp(page);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });

    const desk = await desktopAs(browser, server.url);
    await desk.goto(`${server.url}/office/patrol/runs/${runId}`);
    await waitForApp(desk);
    const done = desk.getByTestId("run-detail").getByTestId("scan");
    await expect(done).toHaveCount(2, { timeout: 20_000 });
    await expect(done.nth(0)).toContainText("地下车库入口");
    await expect(done.nth(1)).toContainText("消防通道");
    await expect(done.nth(1).getByTestId("scan-typed")).toHaveText("手输");
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});

test("a checklist that requires check-ins: the round names its places, and cannot finish until each is checked in; the register counts the missing", async ({ page, browser }) => {
  test.setTimeout(150_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const label = await wangLabels(server.url);
    const code = (name: string) => label(name).short_code;

    // The office requires check-ins on the daily patrol.
    const desk = await desktopAs(browser, server.url);
    await desk.getByRole("link", { name: "检查表" }).click();
    const row = desk.getByTestId("template-row").filter({ hasText: "组团日常巡视" });
    await row.getByTestId("edit-template").click();
    const editor = desk.getByTestId("template-editor");
    await editor.getByTestId("template-scans-required").check();
    await editor.getByTestId("publish").click();
    await expect(desk.getByTestId("template-message")).toContainText("已发布第 2 版");

    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await page.locator('[data-testid="round"][data-purpose="patrol"]').getByTestId("start-round").click();
    await expect(page).toHaveURL(/\/m\/patrol\/runs\//);
    const runId = page.url().split("/").pop()!;
    const card = page.getByTestId("scan-card");
    await expect(card.getByTestId("round-places-required")).toBeVisible();
    const places = card.getByTestId("round-place");
    await expect(places).toHaveText([/地下车库入口\s*未打卡/, /水泵房\s*未打卡/, /消防通道\s*未打卡/]);
    for (const name of ["地下车库入口", "消防通道"]) {
      await card.getByTestId("scan-input").fill(code(name));
      await card.getByTestId("scan-submit").click();
      await expect(places.filter({ hasText: name })).toHaveAttribute("data-done", "true");
    }
    await page.getByTestId("finish").click();
    await expect(page.getByTestId("finish-error")).toContainText("还有 1 个地点未打卡：水泵房");
    await expect(page.getByTestId("go-to-missing")).toHaveText("前往打卡");
    await expect(page.getByTestId("finish")).toBeVisible();
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    // The register: two check-ins, both typed, one place missing.
    await desk.getByRole("link", { name: "登记表" }).click();
    const line = desk.locator(`[data-testid="register-row"][data-run="${runId}"]`);
    await expect(line.getByTestId("row-scans")).toContainText("2");
    await expect(line.getByTestId("row-scans-typed")).toHaveText("手输 2");
    await expect(line.getByTestId("row-scans-missing")).toHaveText("缺打卡 1");
    expect(errors).toEqual([]);
  } finally {
    await server.stop();
  }
});
