// Bytes on the wire of a first visit, all of them: the page, its JS, WASM and CSS, the
// service worker and everything its install fetches, counted at the TCP level by a loopback
// proxy (headers included). Also the release WASM's size raw, gzip and brotli.
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
    const wasm = fs.readdirSync(pkg).find((f) => f.endsWith(".wasm"))!;
    const raw = fs.readFileSync(path.join(pkg, wasm));
    const js = fs.readdirSync(pkg).find((f) => f.endsWith(".js"))!;
    const css = fs.readdirSync(pkg).find((f) => f.endsWith(".css"))!;
    const size = (f: string) => {
      const b = fs.readFileSync(path.join(pkg, f));
      return {
        raw: b.length,
        gzip: zlib.gzipSync(b, { level: 9 }).length,
        brotli: zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      };
    };
    const report = {
      first_visit_bytes: firstVisit,
      first_visit_plus_sign_in_bytes: withSignIn,
      target_bytes: 300_000,
      wasm: { file: wasm, ...size(wasm) },
      js: { file: js, ...size(js) },
      css: { file: css, ...size(css) },
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
