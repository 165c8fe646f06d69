// Browser-side sync benchmarks (issue 3). They measure and print; they assert nothing but
// that the work was done. Timings come from the app's own User Timing measures:
// `butler-persist` (tap → outbox entry committed) and `butler-first-sync`.
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { newFollowUp, signIn, waitForApp } from "../tests/support/app";
import { apiPush, apiSignIn, createOp } from "../tests/support/api";
import { localState } from "../tests/support/idb";
import { TestServer } from "../tests/support/server";

const report: Record<string, unknown> = {};

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

test.afterAll(() => {
  console.log(JSON.stringify(report, null, 2));
  fs.mkdirSync(".cache", { recursive: true });
  fs.writeFileSync(".cache/sync-bench.json", JSON.stringify(report, null, 2));
});

test("tap to persisted (local record + outbox entry)", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await newFollowUp(page, "1-1-0101", "计时");
    for (let i = 0; i < 40; i++) {
      await page.getByTestId("comment-text").fill(`评论 ${i}`);
      await page.getByTestId("comment-send").click();
      await expect(page.getByTestId("comments")).toContainText(`评论 ${i}`);
    }
    const ms = await page.evaluate(() => performance.getEntriesByName("butler-persist").map((e) => e.duration));
    expect(ms.length).toBe(41);
    report.tap_to_persisted_ms = { samples: ms.length, median: median(ms), max: Math.max(...ms), target_median: 16 };
  } finally {
    await server.dispose();
  }
});

test("a patrol round: taps per passing item and tap to persisted", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await page.locator('[data-testid="round"][data-purpose="patrol"]').getByTestId("start-round").click();
    await expect(page.getByTestId("run")).toBeVisible();
    // Each passing item is one tap: count the taps the round takes.
    let taps = 0;
    const passes = page.locator('[data-testid="item"]').getByTestId("pass");
    const n = await passes.count();
    for (let i = 0; i < n; i++) {
      await passes.nth(i).click();
      taps++;
      await expect(passes.nth(i)).toHaveClass(/chosen/);
    }
    const ms = await page.evaluate(() => performance.getEntriesByName("butler-persist").map((e) => e.duration));
    // The first measure is the round's start.
    const items = ms.slice(1);
    expect(items.length).toBe(n);
    report.patrol_round = {
      passing_items: n,
      taps_per_passing_item: taps / n,
      tap_to_persisted_median_ms: median(items),
      tap_to_persisted_max_ms: Math.max(...items),
    };
  } finally {
    await server.dispose();
  }
});

async function seeded(n: number) {
  const server = await TestServer.create();
  await server.start();
  const office = await apiSignIn(server.url, "chenfang");
  const butler = await apiSignIn(server.url, "wangjing");
  const ops = Array.from({ length: n }, (_, i) => createOp(butler.user.clusters[0].id, `批量事项 ${i}`));
  await apiPush(server.url, office, ops);
  return server;
}

test("first sync of 10,000 records into IndexedDB", async ({ page }) => {
  test.setTimeout(300_000);
  const server = await seeded(10_000);
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.waitForFunction(() => performance.getEntriesByName("butler-first-sync").length > 0, null, { timeout: 120_000 });
    const ms = await page.evaluate(() => performance.getEntriesByName("butler-first-sync")[0].duration);
    // Where the time went, summed over the pages: each page's request (which overlaps the
    // storing of the page before), JSON decoding, IndexedDB transaction; and the final redraw.
    const phases = await page.evaluate(() =>
      Object.fromEntries(
        ["butler-pull-fetch", "butler-pull-parse", "butler-pull-apply", "butler-refresh"].map((p) => [
          p,
          Math.round(performance.getEntriesByName(p).reduce((sum, e) => sum + e.duration, 0)),
        ]),
      ),
    );
    const s = await localState(page);
    expect(s.records).toBe(10_000);
    report.first_sync_10k = { records: s.records, ms: Math.round(ms), target_ms: 3000, phases_ms: phases };
  } finally {
    await server.dispose();
  }
});

test("first sync of 50,000 records, interrupted and resumed", async ({ browser }) => {
  test.setTimeout(600_000);
  const server = await seeded(50_000);
  try {
    const context = await browser.newContext();
    let page = await context.newPage();
    const started = Date.now();
    await signIn(page, "wangjing", /\/m$/, server.url);
    await expect.poll(async () => (await localState(page)).records, { timeout: 120_000, intervals: [500] }).toBeGreaterThan(10_000);
    const before = await localState(page);
    await page.close({ runBeforeUnload: false });
    page = await context.newPage();
    const cursors: number[] = [];
    page.on("request", (r) => {
      const m = r.url().match(/sync\/pull\?cursor=(\d+)/);
      if (m) cursors.push(Number(m[1]));
    });
    await page.goto(`${server.url}/m`);
    await waitForApp(page);
    await page.waitForFunction(() => performance.getEntriesByName("butler-first-sync").length > 0, null, { timeout: 300_000 });
    const s = await localState(page);
    expect(s.records).toBe(50_000);
    report.first_sync_50k = {
      records: s.records,
      interrupted_at_records: before.records,
      resumed_from_cursor: cursors[0],
      total_ms: Date.now() - started,
      after_resume_ms: Math.round(await page.evaluate(() => performance.getEntriesByName("butler-first-sync")[0].duration)),
    };
    await context.close();
  } finally {
    await server.dispose();
  }
});
