// Time to interactive of the phone's home on a first visit, signed in, on a slow phone: 4× CPU
// throttle and a 1.6 Mbps / 150 ms network (Chromium's emulation through CDP), from the
// navigation to the app's ready mark, and to the first sync's end (the sync engine is a chunk
// fetched after the page is interactive: until it has run, the home's counts wait); median of
// five fresh visits. Run against another build
// with BUTLER_SERVER_BIN and LEPTOS_SITE_ROOT (before/after comparisons in one sitting).
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { apiSignIn } from "../tests/support/api";
import { waitForApp } from "../tests/support/app";
import { SITE_ROOT } from "../tests/support/env";
import { TestServer } from "../tests/support/server";

test("time to interactive of /m on a slow phone", async ({ browser }) => {
  test.setTimeout(240_000);
  const server = await TestServer.create();
  await server.start();
  const times: number[] = [];
  const synced: number[] = [];
  try {
    for (let i = 0; i < 5; i++) {
      const s = await apiSignIn(server.url, "wangjing");
      const eq = s.cookie.indexOf("=");
      const context = await browser.newContext();
      await context.addCookies([{ name: s.cookie.slice(0, eq), value: s.cookie.slice(eq + 1), url: server.url }]);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6e6 / 8),
        uploadThroughput: (0.75e6 / 8),
      });
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
      const start = Date.now();
      await page.goto(`${server.url}/m`, { timeout: 120_000 });
      await waitForApp(page);
      times.push(Date.now() - start);
      await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 120_000 });
      synced.push(Date.now() - start);
      await context.close();
    }
  } finally {
    await server.dispose();
  }
  times.sort((a, b) => a - b);
  synced.sort((a, b) => a - b);
  const report = { site: SITE_ROOT, runs_ms: times, median_ms: times[2], synced_runs_ms: synced, synced_median_ms: synced[2] };
  console.log(JSON.stringify(report));
  fs.mkdirSync(".cache", { recursive: true });
  fs.writeFileSync(".cache/tti.json", JSON.stringify(report, null, 2));
});
