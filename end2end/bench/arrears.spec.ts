// The butler's arrears list over 500 households on the phone, in Chromium (issue 17): the time
// from a tap on a quick filter (全部, 尚未联系, 承诺未兑现, 服务问题, 律师函候选) to the next frame
// painted with the list redrawn (rows hidden or shown; the cases are computed once from the
// arrears, contacts and follow-ups when they change). Target: median ≤ 16 ms. Also the list's
// first draw, from the tap on the home tile to its rows on screen.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { signIn, waitForApp } from "../tests/support/app";
import { TestServer } from "../tests/support/server";

// Gives 王静 both clusters and makes 500 of their units owe (an extra charge each, straight
// into the demo database with the server stopped); the next start publishes their arrears.
const GROW = `
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); target = int(sys.argv[2])
me = db.execute("SELECT id FROM users WHERE username = 'wangjing'").fetchone()[0]
for (c,) in db.execute("SELECT id FROM clusters").fetchall():
    db.execute("INSERT OR IGNORE INTO user_clusters (user_id, cluster_id) VALUES (?, ?)", (me, c))
imp = db.execute("SELECT id FROM charge_imports LIMIT 1").fetchone()[0]
units = db.execute("""SELECT u.id, b.cluster_id FROM units u JOIN entrances e ON e.id = u.entrance_id
    JOIN buildings b ON b.id = e.building_id ORDER BY u.id""").fetchall()
owing = {r[0] for r in db.execute("SELECT DISTINCT unit_id FROM charges WHERE paid_fen < due_fen")}
added = 0
for (u, c) in units:
    if len(owing) >= target: break
    if u in owing: continue
    db.execute("""INSERT INTO charges (unit_id, fee_type, period, cluster_id, due_fen, paid_fen, due_date, in_latest, import_id)
                  VALUES (?, 'other', '2026-01-01', ?, 12000, 0, '2026-01-31', 1, ?)""", (u, c, imp))
    owing.add(u); added += 1
db.commit()
print(len(owing))
`;

test("the arrears list of 500 households: a quick filter's tap to the next frame", async ({ page }) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  await server.stop();
  const owing = Number(execFileSync("python3", ["-c", GROW, path.join(server.dir, "butler.db"), "500"]).toString().trim());
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await expect(page.getByTestId("fees-owing")).toContainText(`${owing} 户欠费`, { timeout: 90_000 });
    const opened = Date.now();
    await page.getByTestId("fees-tile").click();
    await waitForApp(page);
    const rows = page.locator('[data-testid="arrears-row"]:visible');
    await expect(rows.first()).toBeVisible({ timeout: 30_000 });
    const firstDraw = Date.now() - opened;
    const drawn = await rows.count();
    const frames: number[] = await page.evaluate(async () => {
      const out: number[] = [];
      const order = ["not-contacted", "all", "broken", "all", "problem", "all", "candidate", "all"];
      for (let round = 0; round < 4; round++) {
        for (const code of order) {
          const button = document.querySelector(`[data-testid="only-${code}"]`) as HTMLButtonElement;
          const t0 = performance.now();
          button.click();
          await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          out.push(performance.now() - t0);
        }
      }
      return out;
    });
    // The redraw's own work, apart from waiting for the display's next frame (at 60 Hz up to
    // 16.7 ms away): the tap, the app's reactions (microtasks), then style and layout forced.
    const work: number[] = await page.evaluate(async () => {
      const out: number[] = [];
      const order = ["not-contacted", "all", "broken", "all", "problem", "all", "candidate", "all"];
      const list = document.querySelector('[data-testid="arrears-group"]') as HTMLElement;
      for (let round = 0; round < 4; round++) {
        for (const code of order) {
          const button = document.querySelector(`[data-testid="only-${code}"]`) as HTMLButtonElement;
          await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          const t0 = performance.now();
          button.click();
          for (let i = 0; i < 5; i++) await Promise.resolve();
          list.getBoundingClientRect();
          document.body.offsetHeight;
          out.push(performance.now() - t0);
          // The list had already taken the filter when the time was taken.
          if (list.querySelector("ul")?.getAttribute("data-only") !== code) out.push(Number.NaN);
        }
      }
      return out;
    });
    expect(work.filter((x) => Number.isNaN(x))).toEqual([]);
    const w = [...work].sort((a, b) => a - b);
    const shown = await rows.count();
    const sorted = [...frames].sort((a, b) => a - b);
    const report = {
      households_owing: owing,
      rows_drawn: drawn,
      rows_after: shown,
      taps: frames.length,
      tap_to_frame_median_ms: sorted[Math.floor(sorted.length / 2)],
      tap_to_frame_p95_ms: sorted[Math.floor(sorted.length * 0.95)],
      tap_to_frame_max_ms: sorted[sorted.length - 1],
      target_ms: 16,
      redraw_work_median_ms: w[Math.floor(w.length / 2)],
      redraw_work_max_ms: w[w.length - 1],
      first_draw_ms: firstDraw,
    };
    console.log(JSON.stringify({ arrears_list: report }, null, 2));
    fs.mkdirSync(".cache", { recursive: true });
    fs.writeFileSync(".cache/arrears-list.json", JSON.stringify(report, null, 2));
  } finally {
    await server.dispose();
  }
});
