// Bytes on the wire of a first visit, counted at the TCP level by a loopback proxy (headers
// included): until the page is interactive (the page, its JS, the main WASM and CSS, and the
// chunks of the page's own route in a split build), then with the service worker's install
// (which precaches every chunk), then with signing in. Also the main WASM's size raw, gzip
// and brotli, and the split build's chunks.
import { test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { signIn, waitForApp, waitForServiceWorker } from "../tests/support/app";
import { SITE_ROOT } from "../tests/support/env";
import { CountingProxy } from "../tests/support/proxy";
import { TestServer } from "../tests/support/server";

test("first visit: bytes on the wire", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  const proxy = new CountingProxy(server.port);
  await proxy.start();
  try {
    await page.goto(`${proxy.url}/`);
    await waitForApp(page);
    const interactive = proxy.bytesDown;
    await waitForServiceWorker(page);
    await page.waitForTimeout(500);
    const firstVisit = proxy.bytesDown;
    const requests = await page.evaluate(() =>
      performance.getEntriesByType("resource").map((e) => (e as PerformanceResourceTiming).name),
    );

    await signIn(page, "wangjing", /\/m$/, proxy.url);
    await page.waitForTimeout(500);
    const withSignIn = proxy.bytesDown;

    const pkg = path.join(SITE_ROOT, "pkg");
    const files = fs.readdirSync(pkg);
    const main = (ext: string) => files.find((f) => f.startsWith("butler.") && f.endsWith(ext) && !f.includes(".d."))!;
    const wasm = main(".wasm");
    const js = main(".js");
    const css = main(".css");
    const chunks = files.filter((f) => f.endsWith(".wasm") && f !== wasm);
    const size = (f: string) => {
      const b = fs.readFileSync(path.join(pkg, f));
      return {
        raw: b.length,
        gzip: zlib.gzipSync(b, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    };
    const chunkBrotli = chunks.map((f) => size(f).brotli).reduce((a, b) => a + b, 0);
    const report = {
      before_interactive_bytes: interactive,
      target_before_interactive_bytes: 420_000,
      first_visit_bytes: firstVisit,
      precache_after_interactive_bytes: firstVisit - interactive,
      first_visit_plus_sign_in_bytes: withSignIn,
      target_bytes: 300_000,
      wasm: { file: wasm, ...size(wasm) },
      js: { file: js, ...size(js) },
      css: { file: css, ...size(css) },
      split_chunks: { files: chunks.length, brotli: chunkBrotli },
      page_resources: requests.length,
    };
    console.log(JSON.stringify(report, null, 2));
    fs.mkdirSync(".cache", { recursive: true });
    fs.writeFileSync(".cache/first-visit.json", JSON.stringify(report, null, 2));
  } finally {
    await proxy.stop();
    await server.dispose();
  }
});
