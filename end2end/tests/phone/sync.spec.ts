// The sync engine in Chromium (issue 3): a write is both-or-neither, an old build's queued
// entry is accepted, two tabs keep one sequence, a first sync of 5,000 records resumes.
import { expect, test } from "../support/fixtures";
import fs from "node:fs";
import path from "node:path";
import { newFollowUp, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { apiPull, apiPush, apiSignIn, createOp } from "../support/api";
import { DEMO_PASSWORD, ROOT } from "../support/env";
import { localState, putOutboxEntry } from "../support/idb";
import { DelayingProxy } from "../support/proxy";
import { TestServer } from "../support/server";

async function synced(page: import("@playwright/test").Page) {
  await expect(page.getByTestId("sync-status")).toContainText(/全部已同步|All synced/, { timeout: 20_000 });
}

test("the page closed between a local write and its outbox entry: both or neither", async ({ browser }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const context = await browser.newContext();
    let page = await context.newPage();
    await signIn(page, "wangjing", /\/m$/, server.url);
    await synced(page);
    await server.stop(); // nothing leaves the device: only the local write is under test
    for (let i = 0; i < 5; i++) {
      await page.goto(`${server.url}/m/follow-ups/new`).catch(() => {});
      await waitForApp(page);
      await page.getByTestId("place").fill("2-1-0303");
      await page.getByTestId("title").fill(`关页测试 ${i}`);
      // Tap save and close the tab at once, without waiting for anything.
      await page.getByTestId("save").click({ noWaitAfter: true });
      await page.close({ runBeforeUnload: false });
      page = await context.newPage();
      await page.goto(`${server.url}/m`).catch(() => {});
      await waitForApp(page);
      const s = await localState(page);
      const seqs = [...s.outboxSeqs].sort((a, b) => a - b);
      // Every entry is whole, sequences are unique and contiguous, and next_seq follows them.
      expect(new Set(seqs).size).toBe(seqs.length);
      seqs.forEach((q, k) => expect(q).toBe(k + 1));
      // (0 and 1 both mean "nothing queued yet": the first entry gets 1.)
      expect(Math.max(s.meta?.next_seq ?? 1, 1)).toBe(seqs.length + 1);
    }
    await context.close();
  } finally {
    await server.dispose();
  }
});

test("an app update with mutations queued: an entry from the old schema is decoded and accepted", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await synced(page);
    const user = await page.evaluate(() => JSON.parse(localStorage.getItem("butler.user")!));
    const fixture = fs
      .readFileSync(path.join(ROOT, "server/tests/fixtures/outbox-v1-create.json"), "utf8")
      .replace("{{CLUSTER}}", user.clusters[0].id);
    // The old build queued it (no schema_version, no app_version) and was replaced.
    await putOutboxEntry(page, JSON.stringify(JSON.parse(fixture)), 1);
    await page.reload();
    await waitForApp(page);
    await synced(page);
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await page.getByRole("button", { name: "全部" }).click();
    await expect(page.getByTestId("follow-up-list")).toContainText("楼道灯不亮");
    await expect(page.getByTestId("follow-up-list").getByTestId("state-chip")).toHaveText("已同步");
    const s = await localState(page);
    expect(s.outboxSeqs).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});

test("a local database of the first version is upgraded in place: its records and queued entries survive and sync", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(page);
    await synced(page);
    const user = await page.evaluate(() => JSON.parse(localStorage.getItem("butler.user")!));
    const deviceId = await page.evaluate(() => JSON.parse(localStorage.getItem("butler.device_id")!));
    // A follow-up the server has, as version 1 stored it: the bare record, no kind tag.
    const other = await apiSignIn(server.url, "wangjing");
    await apiPush(server.url, other, [createOp(user.clusters[0].id, "旧版本保存的事项")]);
    const pulled = await apiPull(server.url, other);
    const record = pulled.changes.find((c: { kind: string }) => c.kind === "follow_up").record.data;
    const fixture = fs
      .readFileSync(path.join(ROOT, "server/tests/fixtures/outbox-v1-create.json"), "utf8")
      .replace("{{CLUSTER}}", user.clusters[0].id);

    // The first version's database, written from a page without the app (no connection open).
    await page.goto(`${server.url}/health`);
    await page.evaluate(
      async ({ userId, deviceId, record, entry }) => {
        const name = `butler-${userId}`;
        await new Promise((ok, err) => {
          const r = indexedDB.deleteDatabase(name);
          r.onsuccess = ok;
          r.onerror = () => err(r.error);
        });
        const db: IDBDatabase = await new Promise((ok, err) => {
          const r = indexedDB.open(name, 1);
          r.onupgradeneeded = () => {
            for (const s of ["records", "outbox", "meta", "attention"]) r.result.createObjectStore(s);
          };
          r.onsuccess = () => ok(r.result);
          r.onerror = () => err(r.error);
        });
        const tx = db.transaction(["records", "outbox", "meta"], "readwrite");
        tx.objectStore("records").put(JSON.stringify(record), record.id);
        tx.objectStore("outbox").put(entry, 1);
        tx.objectStore("meta").put(JSON.stringify({ device_id: deviceId, next_seq: 2, cursor: 0, scope_hash: null, last_sync: null }), "meta");
        await new Promise((ok, err) => {
          tx.oncomplete = ok;
          tx.onerror = () => err(tx.error);
        });
        db.close();
      },
      { userId: user.id, deviceId, record, entry: JSON.stringify(JSON.parse(fixture)) },
    );

    // The new build opens it with the server away: both records show, nothing is lost.
    await server.stop();
    await page.goto(`${server.url}/m/follow-ups`);
    await waitForApp(page);
    await page.getByRole("button", { name: "全部" }).click();
    const list = page.getByTestId("follow-up-list");
    await expect(list).toContainText("旧版本保存的事项");
    await expect(list).toContainText("楼道灯不亮");
    await expect(page.getByTestId("sync-status")).toContainText("1 条跟进待同步");
    await expect(page.getByTestId("sync-problem")).toHaveCount(0);

    await server.start();
    await page.reload();
    await waitForApp(page);
    await synced(page);
    await page.getByRole("button", { name: "全部" }).click();
    await expect(list.getByTestId("state-chip")).toHaveText(["已同步", "已同步"]);
    const version = await page.evaluate(
      (name) => new Promise<number>((ok) => { const r = indexedDB.open(name); r.onsuccess = () => { ok(r.result.version); r.result.close(); }; }),
      `butler-${user.id}`,
    );
    expect(version).toBe(2);
    await page.getByRole("link", { name: "巡查", exact: true }).click();
    await expect(page.getByTestId("round")).toHaveCount(3);
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});

test("two tabs: one syncs at a time, sequences stay in order, nothing doubled", async ({ browser }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const context = await browser.newContext();
    const a = await context.newPage();
    await signIn(a, "liming", /\/m$/, server.url);
    const b = await context.newPage();
    await b.goto(`${server.url}/m/follow-ups`);
    await waitForApp(b);
    await a.goto(`${server.url}/m/follow-ups`);
    await waitForApp(a);
    for (let i = 0; i < 4; i++) {
      for (const [tab, name] of [
        [a, "A"],
        [b, "B"],
      ] as const) {
        await newFollowUp(tab, `6-1-0${i}01`, `${name} 标签页 ${i}`);
        await tab.getByRole("link", { name: "跟进", exact: true }).click();
      }
    }
    await synced(a);
    await synced(b);
    // The other tab hears of the sync: both show all eight.
    for (const tab of [a, b]) {
      await tab.getByRole("button", { name: "全部" }).click();
      await expect(tab.getByTestId("follow-up-list").locator("li")).toHaveCount(8);
    }
    // The server applied sequences 1..8 of this device, once each.
    const office = await apiSignIn(server.url, "chenfang");
    const all = await apiPull(server.url, office);
    expect(all.changes.filter((c: { kind: string }) => c.kind === "follow_up").length).toBe(8);
    const deviceId = await a.evaluate(() => JSON.parse(localStorage.getItem("butler.device_id")!));
    const same = await apiSignIn(server.url, "liming", deviceId);
    expect(same.deviceId).toBe(deviceId);
    const page = await apiPull(server.url, same);
    expect(page.last_seq).toBe(8);
    const s = await localState(a);
    expect(s.meta?.next_seq).toBe(9);
    await context.close();
  } finally {
    await server.dispose();
  }
});

test("a first sync of 5,000 records, closed halfway and reopened, resumes from its cursor", async ({ browser }) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  // The connection dies after six pages of 500 (past the demo's own records, into the 5,000):
  // the first sync cannot finish on its own, however fast this machine is.
  const proxy = new DelayingProxy(server.port);
  await proxy.start();
  try {
    const office = await apiSignIn(server.url, "chenfang");
    const butler = await apiSignIn(server.url, "wangjing");
    const cluster = butler.user.clusters[0].id;
    const ops = Array.from({ length: 5000 }, (_, i) => createOp(cluster, `批量事项 ${i}`));
    await apiPush(server.url, office, ops);

    const context = await browser.newContext();
    let page = await context.newPage();
    const pages: number[] = [];
    page.on("response", async (r) => {
      if (/\/api\/v1\/sync\/pull\?/.test(r.url())) pages.push((await r.json()).next_cursor);
    });
    proxy.holdAfter(/^\/api\/v1\/sync\/pull/, 6);
    await signIn(page, "wangjing", /\/m$/, proxy.url);
    // Close the tab once the six pages that got through are stored.
    await expect(page.getByTestId("first-sync")).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => proxy.held, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(() => pages.length).toBe(6);
    await expect.poll(async () => (await localState(page)).meta?.cursor, { timeout: 30_000 }).toBe(pages[5]);
    const half = await localState(page);
    expect(half.records).toBeGreaterThan(0);
    expect(half.records).toBeLessThan(5000);
    await page.close({ runBeforeUnload: false });
    expect(half.meta?.first_sync).toBe(true);

    proxy.stopHolding();
    page = await context.newPage();
    const cursors: number[] = [];
    page.on("request", (r) => {
      const m = r.url().match(/\/api\/v1\/sync\/pull\?cursor=(\d+)/);
      if (m) cursors.push(Number(m[1]));
    });
    await page.goto(`${proxy.url}/m`);
    await waitForApp(page);
    await expect.poll(async () => (await localState(page)).records, { timeout: 60_000 }).toBe(5000);
    await expect(page.getByTestId("first-sync")).toBeHidden({ timeout: 30_000 });
    await synced(page);
    const done = await localState(page);
    expect(done.records).toBe(5000);
    expect(done.meta?.first_sync).toBe(false);
    // It resumed where the first tab stopped: no pull started again from 0.
    expect(cursors.length).toBeGreaterThan(0);
    expect(cursors[0]).toBe(half.meta?.cursor);
    await context.close();
  } finally {
    await proxy.stop();
    await server.dispose();
  }
});

test("a second user signing in on the same browser cannot see the first user's local records", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await newFollowUp(page, "1-2-0505", "王静的事项");
    await synced(page);
    await page.getByRole("link", { name: "我的" }).click();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, "liming", /\/m$/, server.url);
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await page.getByRole("button", { name: "全部" }).click();
    await expect(page.getByText("暂无跟进事项")).toBeVisible();
    // Each user has a database of their own; 王静's stays on the device, untouched.
    const names = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    const users = await page.evaluate(() => JSON.parse(localStorage.getItem("butler.user")!).id);
    expect(names).toContain(`butler-${users}`);
    expect(names.filter((n) => n?.startsWith("butler-")).length).toBe(2);
    expect((await localState(page)).records).toBe(0);
    await newFollowUp(page, "5-1-0101", "李明的事项");
    await synced(page);

    // 王静 again on the same phone: her device and her sequence carry on where they were.
    await page.getByRole("link", { name: "我的" }).click();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login$/);
    await signIn(page, "wangjing", /\/m$/, server.url);
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await newFollowUp(page, "1-2-0606", "王静的第二件事");
    await synced(page);
    await expect(page.getByTestId("sync-problem")).toHaveCount(0);
    const office = await apiSignIn(server.url, "chenfang");
    const titles = (await apiPull(server.url, office)).changes.map((c: { record: { data: { title: string } } }) => c.record.data.title);
    expect(titles).toEqual(expect.arrayContaining(["王静的事项", "李明的事项", "王静的第二件事"]));
  } finally {
    await server.dispose();
  }
});

test("signing out with changes waiting warns, keeps them, and they sync at the next sign-in", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    await signIn(page, "wangjing", /\/m$/, server.url);
    await synced(page);
    await server.stop();
    await page.getByRole("link", { name: "跟进", exact: true }).click();
    await newFollowUp(page, "4-2-1502", "退出前未同步");
    await page.getByRole("link", { name: "我的" }).click();
    await page.getByTestId("sign-out").click();
    await expect(page.getByTestId("sign-out-message")).toContainText("1 条记录未同步");
    await server.start();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login$/);

    // Back in, in the same tab without a reload: the waiting change goes out first thing.
    await page.getByTestId("username").fill("wangjing");
    await page.getByTestId("password").fill(DEMO_PASSWORD);
    await page.getByTestId("sign-in").click();
    await expect(page).toHaveURL(/\/m$/);
    await synced(page);
    const office = await apiSignIn(server.url, "chenfang");
    const all = await apiPull(server.url, office);
    expect(all.changes.map((c: { record: { data: { title: string } } }) => c.record.data.title)).toContain("退出前未同步");
  } finally {
    await server.dispose();
  }
});

test("a push whose connection hangs is given up after its time limit and sent again: the change arrives once", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  const proxy = new DelayingProxy(server.port);
  await proxy.start();
  try {
    // Time flows as usual; the test jumps it forward past the request's time limit.
    await page.clock.install();
    const errors = watchErrors(page);
    await signIn(page, "liming", /\/m$/, proxy.url);
    await page.goto(`${proxy.url}/m/follow-ups`);
    await waitForApp(page);
    await synced(page);
    proxy.stallOnce = /^\/api\/v1\/sync\/push/;
    await newFollowUp(page, "6-1-0101", "卡住的连接");
    await expect.poll(() => proxy.stalled).toBe(1);
    // The push hangs: nothing answers, nothing fails, and the change waits (the status says
    // "syncing" while the request is out).
    await page.waitForTimeout(2_000);
    await expect(page.getByTestId("sync-status")).toHaveAttribute("data-pending", "1");
    await expect(page.getByTestId("sync-status")).not.toContainText("全部已同步");
    // Past the 45 s limit the request is given up, and the change goes again.
    await page.clock.fastForward("00:50");
    await synced(page);
    const office = await apiSignIn(server.url, "chenfang");
    const all = await apiPull(server.url, office);
    const mine = all.changes.filter(
      (c: { kind: string; record?: { data?: { title?: string } } }) =>
        c.kind === "follow_up" && c.record?.data?.title === "卡住的连接",
    );
    expect(mine.length).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await proxy.stop();
    await server.dispose();
  }
});

test("the status line and the chip say what is known: 尚未同步 until the first pull answers, 无法连接服务器 while it waits over 10 s, then 全部已同步 and 在线", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  const proxy = new DelayingProxy(server.port);
  await proxy.start();
  try {
    // The first pull is kept waiting, so the order of what the screen says is fixed.
    proxy.holdAfter(/\/api\/v1\/sync\/pull/, 0);
    await signIn(page, "wangjing", /\/m$/, proxy.url);
    await expect.poll(() => proxy.held).toBeGreaterThan(0);
    await expect(page.getByTestId("sync-status")).toHaveText("尚未同步");
    await expect(page.getByTestId("net-status")).toHaveText("在线");
    // A pull waiting over 10 s: the phone has a network, the server does not answer.
    await expect(page.getByTestId("net-status")).toHaveText("无法连接服务器", { timeout: 15_000 });
    await expect(page.getByTestId("net-status")).toHaveAttribute("data-state", "unreachable");
    await expect(page.getByTestId("sync-status")).toHaveText("尚未同步");
    proxy.release();
    await expect(page.getByTestId("sync-status")).toHaveText(/^全部已同步 · 上次同步 \d\d:\d\d$/, { timeout: 20_000 });
    await expect(page.getByTestId("net-status")).toHaveText("在线");
    await expect(page.getByTestId("net-status")).toHaveAttribute("data-state", "online");
  } finally {
    await proxy.stop();
    await server.stop();
  }
});
