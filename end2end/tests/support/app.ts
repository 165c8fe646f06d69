// Steps many tests share: signing in, watching the console, waiting for the service worker.
import { Browser, devices, expect, Page } from "@playwright/test";
import { DEMO_PASSWORD } from "./env";

/**
 * Collects console errors and uncaught page errors (a hydration panic shows up here).
 * One kind is expected and left out: Chromium logs every request that finds no server as
 * "Failed to load resource", and the sync loop keeps trying `/api/` while the server is
 * stopped. Such a line is kept if it concerns anything but `/api/`.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const unreachableApi =
      msg.text().startsWith("Failed to load resource: net::ERR_CONNECTION_REFUSED") &&
      new URL(msg.location().url || "http://x/").pathname.startsWith("/api/");
    if (!unreachableApi) errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  return errors;
}

/** Waits until the WASM has taken over the page (hydrated or mounted). */
export async function waitForApp(page: Page): Promise<void> {
  await page.locator("html[data-butler-ready]").waitFor({ state: "attached" });
}

/** Signs in through the form and waits for the role's home. */
export async function signIn(page: Page, username: string, home: RegExp, base = ""): Promise<void> {
  await page.goto(`${base}/login`);
  await waitForApp(page);
  await page.getByTestId("username").fill(username);
  await page.getByTestId("password").fill(DEMO_PASSWORD);
  await page.getByTestId("sign-in").click();
  await expect(page).toHaveURL(home);
}

/** Waits until a service worker controls the page and has finished precaching. */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((r) => navigator.serviceWorker.addEventListener("controllerchange", () => r(), { once: true }));
    }
  });
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("butler-shell-")).length))
    .toBe(1);
}

/** Creates a follow-up through the phone form (from a follow-up list) and waits for its detail. */
export async function newFollowUp(page: Page, place: string, title: string): Promise<void> {
  await page.getByTestId("new-follow-up").click();
  await page.getByTestId("place").fill(place);
  await page.getByTestId("title").fill(title);
  await page.getByTestId("save").click();
  await expect(page.getByTestId("follow-up-title")).toHaveText(title);
}

/** A phone (Pixel 7, optionally `width` wide) in its own context, `user` signed in at `base`. */
export async function phoneAs(browser: Browser, user: string, base = "", width?: number): Promise<Page> {
  const device = devices["Pixel 7"];
  const context = await browser.newContext(width ? { ...device, viewport: { width, height: 915 } } : device);
  const page = await context.newPage();
  await signIn(page, user, /\/m$/, base);
  return page;
}

/** A desktop browser in its own context, `user` (the office's 陈芳 unless said) signed in at `base`. */
export async function desktopAs(browser: Browser, base = "", user = "chenfang"): Promise<Page> {
  const context = await browser.newContext({ ...devices["Desktop Chrome"] });
  const page = await context.newPage();
  await signIn(page, user, /\/office$/, base);
  return page;
}

/** Draws `strokes` strokes across the signature pad with the mouse. */
export async function sign(page: Page, strokes = 2) {
  const pad = page.getByTestId("signature-pad");
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  for (let s = 0; s < strokes; s++) {
    const y = box.y + box.height * (0.35 + 0.25 * s);
    await page.mouse.move(box.x + box.width * 0.15, y);
    await page.mouse.down();
    for (let i = 1; i <= 12; i++) {
      await page.mouse.move(box.x + box.width * (0.15 + i * 0.05), y + (i % 2 ? -12 : 12));
    }
    await page.mouse.up();
  }
}

/**
 * Bytes on the wire the page has taken so far for itself — the page, its scripts, WASM, CSS
 * and chunks (transfer sizes, headers included), not API answers and not what the service
 * worker fetches for its own precache. Called right after `waitForApp`: the bytes before the
 * page was interactive.
 */
/**
 * Records when the page became interactive (`<html data-butler-ready>`), for
 * [`bytesBeforeReady`]; call before the page's first navigation.
 */
export async function markReady(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __butlerReadyAt?: number };
    new MutationObserver(() => {
      if (w.__butlerReadyAt === undefined && document.documentElement?.hasAttribute("data-butler-ready")) {
        w.__butlerReadyAt = performance.now();
      }
    }).observe(document, { attributes: true, subtree: true });
  });
}

/**
 * The bytes (transfer sizes, not API answers) of the page and of what it requested before it
 * became interactive ([`markReady`]): what a phone must fetch before it can be used. What is
 * requested after — the sync engine's chunk, the service worker's precache — is not counted.
 */
export async function bytesBeforeReady(page: Page): Promise<{ bytes: number; files: number; after: string[] }> {
  return page.evaluate(() => {
    const readyAt = (window as unknown as { __butlerReadyAt?: number }).__butlerReadyAt ?? Infinity;
    const own = (name: string) => !new URL(name).pathname.startsWith("/api/");
    const entries = [
      ...performance.getEntriesByType("navigation"),
      ...performance.getEntriesByType("resource"),
    ] as PerformanceResourceTiming[];
    const mine = entries.filter((e) => own(e.name));
    const before = mine.filter((e) => e.startTime <= readyAt);
    const after = mine.filter((e) => e.startTime > readyAt).map((e) => new URL(e.name).pathname);
    return { bytes: before.reduce((n, e) => n + e.transferSize, 0), files: before.length, after };
  });
}

export async function pageBytes(page: Page): Promise<{ bytes: number; files: number }> {
  return page.evaluate(() => {
    const own = (name: string) => !new URL(name).pathname.startsWith("/api/");
    const entries = [
      ...performance.getEntriesByType("navigation"),
      ...performance.getEntriesByType("resource"),
    ] as PerformanceResourceTiming[];
    const mine = entries.filter((e) => own(e.name));
    return { bytes: mine.reduce((n, e) => n + e.transferSize, 0), files: mine.length };
  });
}
