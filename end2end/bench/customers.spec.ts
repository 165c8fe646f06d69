// Customer search on the phone over 2,000 households of one butler's clusters, in Chromium: the
// time each keystroke's search takes in the app (User Timing measure `butler-search`: filter
// the local ledger and take the first 50), target under 50 ms per keystroke.
import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { signIn, waitForApp } from "../tests/support/app";
import { TestServer } from "../tests/support/server";

// Adds households to the butler's cluster until it has `target`, straight into the demo
// database (the server is stopped), and has them published again at the next start.
const GROW = `
import random, sqlite3, sys, uuid
db = sqlite3.connect(sys.argv[1]); target = int(sys.argv[2])
units = [r[0] for r in db.execute("""SELECT u.id FROM units u JOIN entrances e ON e.id = u.entrance_id
    JOIN buildings b ON b.id = e.building_id JOIN user_clusters uc ON uc.cluster_id = b.cluster_id
    JOIN users s ON s.id = uc.user_id WHERE s.username = 'wangjing'""")]
have = db.execute("""SELECT COUNT(*) FROM households h WHERE h.unit_id IN (%s)""" % ",".join("?" * len(units)), units).fetchone()[0]
random.seed(7)
family = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英"
for i in range(target - have):
    name = random.choice(family) + random.choice(given) + random.choice(given) + str(i)
    phone = "1" + random.choice("3456789") + "".join(random.choice("0123456789") for _ in range(9))
    db.execute("INSERT INTO households (id, unit_id, name, relation, phone, key_customer) VALUES (?, ?, ?, 'tenant', ?, 0)",
               (str(uuid.uuid4()), random.choice(units), name, phone))
db.execute("DELETE FROM change_log WHERE kind = 'household'")
db.execute("DELETE FROM sync_meta WHERE key = 'households_published'")
db.commit()
print(target - have)
`;

test("customer search over 2,000 households: time per keystroke", async ({ page }) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  await server.stop();
  const added = execFileSync("python3", ["-c", GROW, path.join(server.dir, "butler.db"), "2000"]).toString().trim();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByRole("link", { name: "客户", exact: true }).click();
    await expect(page.getByTestId("customer-count")).toHaveText("找到 2000 户", { timeout: 60_000 });
    await waitForApp(page);
    await page.evaluate(() => performance.clearMeasures("butler-search"));
    const box = page.getByTestId("customer-search");
    // A unit typed, cleared, a name, cleared, a phone's last digits.
    for (const query of ["3-2-12", "王", "5678"]) {
      await box.fill("");
      // As typed: one input event per character (an IME commits a name the same way).
      for (const ch of query) await box.pressSequentially(ch);
    }
    const ms: number[] = await page.evaluate(() => performance.getEntriesByName("butler-search").map((e) => e.duration));
    // End to end in the page: a keystroke's input event until the next frame is painted with
    // the new list.
    const frames: number[] = await page.evaluate(async () => {
      const input = document.querySelector('[data-testid="customer-search"]') as HTMLInputElement;
      const out: number[] = [];
      for (const query of ["3-2-12", "王", "5678"]) {
        for (let i = 0; i <= query.length; i++) {
          const t0 = performance.now();
          input.value = query.slice(0, i);
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          out.push(performance.now() - t0);
        }
      }
      return out;
    });
    // A tap redraws from the records parsed at the last full read (User Timing
    // `butler-refresh-local`) instead of re-reading the whole store (`butler-refresh`, what a
    // pull does): five corrections, each one tap.
    await box.fill("");
    await page.getByTestId("customer").first().getByRole("link").first().click();
    await expect(page.getByTestId("customer-detail")).toBeVisible();
    for (let i = 0; i < 5; i++) {
      await page.getByTestId("new-phone").fill(`1390000${1000 + i}`);
      await page.getByTestId("save-phone").click();
      await expect(page.getByTestId("ledger-change")).toHaveCount(i + 1);
    }
    const refresh = await page.evaluate(() => ({
      full: performance.getEntriesByName("butler-refresh").map((e) => e.duration),
      local: performance.getEntriesByName("butler-refresh-local").map((e) => e.duration),
    }));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const f = [...frames].sort((a, b) => a - b);
    const sorted = [...ms].sort((a, b) => a - b);
    const report = {
      households: 2000,
      added_for_the_bench: Number(added),
      keystrokes: ms.length,
      median_ms: sorted[Math.floor(sorted.length / 2)],
      p95_ms: sorted[Math.floor(sorted.length * 0.95)],
      max_ms: sorted[sorted.length - 1],
      keystroke_to_frame_median_ms: f[Math.floor(f.length / 2)],
      keystroke_to_frame_max_ms: f[f.length - 1],
      target_ms: 50,
      redraw_after_a_tap_median_ms: median(refresh.local),
      redraw_after_a_tap_count: refresh.local.length,
      full_reread_median_ms: median(refresh.full),
      full_reread_count: refresh.full.length,
    };
    console.log(JSON.stringify({ customer_search: report }, null, 2));
    fs.mkdirSync(".cache", { recursive: true });
    fs.writeFileSync(".cache/customer-search.json", JSON.stringify(report, null, 2));
  } finally {
    await server.dispose();
  }
});
