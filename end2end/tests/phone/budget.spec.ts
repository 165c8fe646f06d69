// The browser build's size budget (issue 22), in the test command: the main WASM as the server
// sends it (brotli), and the bytes a phone takes before the page is interactive on a first
// visit — of the sign-in page, and of the phone's home for someone already signed in (the
// page, its JS, the main WASM, CSS and the route's chunks: what is requested before
// `<html data-butler-ready>`; not API answers, not the sync engine's chunk, which is fetched
// right after, and not the service worker's precache of the other chunks). The numbers are in
// `end2end/budget.json`; over budget fails with the figures.
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "../support/fixtures";
import { apiSignIn } from "../support/api";
import { bytesBeforeReady, markReady, pageBytes, waitForApp } from "../support/app";
import { SITE_ROOT } from "../support/env";
import { TestServer } from "../support/server";

const budget = JSON.parse(fs.readFileSync(path.join(__dirname, "../../budget.json"), "utf8"));

test("the main WASM and the bytes before the first page is interactive stay within the budget", async ({ browser }) => {
  const pkg = path.join(SITE_ROOT, "pkg");
  const wasm = fs.readdirSync(pkg).find((f) => f.startsWith("butler.") && f.endsWith(".wasm.br"))!;
  const figures = {
    main_wasm_brotli_bytes: fs.statSync(path.join(pkg, wasm)).size,
    phone_home_before_interactive_bytes: 0,
    login_before_interactive_bytes: 0,
  };
  const server = await TestServer.create();
  await server.start();
  try {
    // The sign-in page, first visit.
    const fresh = await browser.newContext();
    const login = await fresh.newPage();
    await markReady(login);
    await login.goto(`${server.url}/login`);
    await waitForApp(login);
    figures.login_before_interactive_bytes = (await bytesBeforeReady(login)).bytes;
    await fresh.close();
    // The phone's home, first visit, already signed in.
    const s = await apiSignIn(server.url, "wangjing");
    const eq = s.cookie.indexOf("=");
    const [name, value] = [s.cookie.slice(0, eq), s.cookie.slice(eq + 1)];
    const phone = await browser.newContext();
    await phone.addCookies([{ name, value, url: server.url }]);
    const home = await phone.newPage();
    await markReady(home);
    await home.goto(`${server.url}/m`);
    await waitForApp(home);
    await expect(home.getByTestId("greeting")).toHaveText("你好，王静");
    const before = await bytesBeforeReady(home);
    figures.phone_home_before_interactive_bytes = before.bytes;
    // The engine's chunk comes right after (the home's counts wait for it): reported, not
    // budgeted.
    await expect(home.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    console.log(`phone home: ${before.bytes} bytes before interactive, ${(await pageBytes(home)).bytes} with the sync engine; requested after: ${before.after.join(", ")}`);
    await phone.close();
  } finally {
    await server.dispose();
  }
  console.log(`size budget: ${JSON.stringify(figures)} (budget ${JSON.stringify(budget)})`);
  const over = Object.entries(figures).filter(([k, v]) => v > budget[k]);
  expect(over, `over budget (figures ${JSON.stringify(figures)}, budget ${JSON.stringify(budget)})`).toEqual([]);
});
