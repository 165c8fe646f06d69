// The phone layout at 360 px: no horizontal scrolling on any of the butler's screens.
import { expect, test } from "../support/fixtures";
import { signIn } from "../support/app";

test.use({ viewport: { width: 360, height: 740 } });

test("no horizontal scrolling at 360 px on the butler's screens", async ({ page }) => {
  await signIn(page, "wangjing", /\/m$/);
  for (const path of ["/m", "/m/patrol", "/m/follow-ups", "/m/follow-ups/0190f0a0-0000-7000-8000-000000000001", "/m/customers", "/m/notices", "/m/documents", "/m/activities", "/m/me"]) {
    await page.goto(path);
    await page.locator("html[data-butler-ready]").waitFor({ state: "attached" });
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(widths.scroll, path).toBeLessThanOrEqual(360);
    expect(widths.body, path).toBeLessThanOrEqual(360);
    // Touch targets in the tab bar are large enough for a thumb.
    const tab = await page.locator("nav.tabbar a").first().boundingBox();
    expect(tab!.height).toBeGreaterThanOrEqual(48);
  }
  // A round under way, with a failure's form open and the briefing's entry form.
  for (const purpose of ["patrol", "briefing"]) {
    await page.goto("/m/patrol");
    await page.locator(`[data-testid="round"][data-purpose="${purpose}"]`).getByTestId("start-round").click();
    await expect(page.getByTestId("run")).toBeVisible();
    if (purpose === "patrol") await page.getByTestId("fail").first().click();
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, document.body.scrollWidth]);
    expect(Math.max(...widths), purpose).toBeLessThanOrEqual(360);
    const button = await page.getByTestId(purpose === "patrol" ? "pass" : "add-entry").first().boundingBox();
    expect(button!.height).toBeGreaterThanOrEqual(48);
  }
});
