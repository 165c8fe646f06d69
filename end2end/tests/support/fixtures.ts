// Every test of both suites imports `test` and `expect` from here: an automatic fixture watches
// the visible text of every page of every browser context the test opens (its own `context` and
// any `browser.newContext()`), and fails the test if a record's UUID or a dotted internal key
// (`duty.presence`) ever appears on a screen (issue 13: users read every word on a screen).
import { BrowserContext, expect, test as base } from "@playwright/test";

/** Runs in each page: scans `document.body.innerText` after every change (debounced). */
const SCAN = `(() => {
  const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
  const KEY = /\\b[a-z_]+\\.[a-z_]+\\b/g;
  // A file's name is the user's own text (an upload "楼栋.csv" or "register.xlsx").
  const FILE = /\\.(csv|xlsx|xls|png|jpe?g|webp|pdf)$/i;
  const seen = new Set();
  let timer = 0;
  const scan = () => {
    timer = 0;
    if (!document.body) return;
    const text = document.body.innerText || "";
    for (const re of [UUID, KEY]) {
      for (const m of text.matchAll(re)) {
        if (re === KEY && FILE.test(m[0])) continue;
        if (seen.has(m[0])) continue;
        seen.add(m[0]);
        const around = text.slice(Math.max(0, m.index - 40), m.index + m[0].length + 40).replace(/\\s+/g, " ");
        if (window.__butlerLeak) window.__butlerLeak(m[0] + " in “" + around + "”");
      }
    }
  };
  window.__butlerScan = scan;
  const schedule = () => { if (!timer) timer = setTimeout(scan, 120); };
  const start = () => {
    new MutationObserver(schedule).observe(document.documentElement, {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ["hidden", "style", "class", "open"],
    });
    schedule();
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();`;

/**
 * Watches a context's pages from now on: every UUID or dotted key that appears in a page's
 * visible text is pushed to `leaks`, with the page's path and the text around it.
 */
export async function watchScreens(ctx: BrowserContext, leaks: string[]): Promise<void> {
  await ctx.exposeBinding("__butlerLeak", ({ page }, text: string) => {
    let where = page.url();
    try {
      where = new URL(page.url()).pathname;
    } catch {
      // about:blank and the like keep their whole address.
    }
    leaks.push(`${where}: ${text}`);
  });
  await ctx.addInitScript(SCAN);
}

/** Reads the open pages of `contexts` once more (after their last change). */
export async function rescan(contexts: BrowserContext[]): Promise<void> {
  for (const ctx of contexts) {
    for (const page of ctx.pages()) {
      await page.evaluate(() => (window as unknown as { __butlerScan?: () => void }).__butlerScan?.()).catch(() => {});
    }
  }
}

export const test = base.extend<{ screenText: void }>({
  screenText: [
    async ({ browser, context }, use) => {
      const leaks: string[] = [];
      const watched: BrowserContext[] = [context];
      await watchScreens(context, leaks);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (options) => {
        const ctx = await newContext(options);
        watched.push(ctx);
        await watchScreens(ctx, leaks);
        return ctx;
      };
      try {
        await use();
        await rescan(watched);
      } finally {
        browser.newContext = newContext;
      }
      expect(leaks, "a record id or an internal key was on screen").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
