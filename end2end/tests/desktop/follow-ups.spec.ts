// Follow-ups that say when and where (issue 13): the admin sets a department's default time
// and a follow-up made without a due date gets it; a link to a record the user may not see
// says so; the office queue at 1440 px keeps its short columns on one line and the run
// detail's photo column lines up with its rows; at 412 px a text answer's 保存 stays whole
// and the saved answer stays in its box.
import { devices, Page } from "@playwright/test";
import { expect, test } from "../support/fixtures";
import { phoneAs, signIn, waitForApp, watchErrors } from "../support/app";
import { apiPush, apiSignIn, apiTemplate, createOp, estateToday, roundOps } from "../support/api";
import { TestServer } from "../support/server";

test("the admin sets engineering's default time; a follow-up made without a due date gets it", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "admin", /\/office$/, server.url);
    await page.goto(`${server.url}/office/staff`);
    await waitForApp(page);
    const row = page.locator('[data-testid="due-days-row"][data-department="engineering"]');
    await expect(row.getByTestId("due-days-input")).toHaveValue("3");
    await row.getByTestId("due-days-input").fill("0");
    await row.getByTestId("due-days-save").click();
    await expect(page.getByTestId("due-days-notice")).toHaveText("默认期限为 1–365 天");
    await row.getByTestId("due-days-input").fill("5");
    await row.getByTestId("due-days-save").click();
    await expect(page.getByTestId("due-days-notice")).toHaveText("已保存");
    await expect(row.getByTestId("due-days-input")).toHaveValue("5");

    // The office makes one and leaves the date empty: the form says what it will be.
    await page.goto(`${server.url}/office/follow-ups/new`);
    await waitForApp(page);
    const due = estateToday(Date.now() + 5 * 86_400_000);
    await expect(page.getByTestId("due-hint")).toHaveText(`留空则按部门默认期限：${due}`);
    await page.getByTestId("place").fill("5-1-0302");
    await page.getByTestId("title").fill("楼道灯不亮");
    await page.getByTestId("save").click();
    await expect(page.getByTestId("follow-up-title")).toHaveText("楼道灯不亮");
    await expect(page.getByTestId("follow-up-due")).toHaveText(due);
    // Security's stays at 3.
    await page.goto(`${server.url}/office/follow-ups/new`);
    await waitForApp(page);
    await page.getByTestId("department").selectOption("security");
    await expect(page.getByTestId("due-hint")).toContainText(estateToday(Date.now() + 3 * 86_400_000));
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});

test("a link to another department's follow-up or another cluster's unit says it is not theirs", async ({ browser }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    const wang = await apiSignIn(server.url, "wangjing");
    const op = createOp(wang.user.clusters[0].id, "井盖松动");
    await apiPush(server.url, wang, [op]);

    const guard = await phoneAs(browser, "zhouyong", server.url);
    await guard.goto(`${server.url}/m/follow-ups/${op.id}`);
    await waitForApp(guard);
    await expect(guard.getByTestId("not-found")).toHaveAttribute("data-reach", "not_yours");
    await expect(guard.getByTestId("not-found")).toHaveText("这条记录不在你负责的组团或部门内，本机不保存");

    const repairer = await phoneAs(browser, "zhaoqiang", server.url);
    await repairer.goto(`${server.url}/m/follow-ups/${op.id}`);
    await waitForApp(repairer);
    await expect(repairer.getByTestId("follow-up-title")).toHaveText("井盖松动");

    const li = await phoneAs(browser, "liming", server.url);
    await li.goto(`${server.url}/m/follow-ups/${op.id}`);
    await waitForApp(li);
    await expect(li.getByTestId("not-found")).toHaveAttribute("data-reach", "not_yours");
    await li.goto(`${server.url}/m/follow-ups/0190f0a0-0000-7000-8000-000000000001`);
    await waitForApp(li);
    await expect(li.getByTestId("not-found")).toHaveText("没有这条记录，请检查链接");
    for (const p of [guard, repairer, li]) await p.context().close();
  } finally {
    await server.dispose();
  }
});

test("the office queue keeps its short columns on one line at 1440 px, and a run's photo column lines up", async ({ browser }) => {
  const server = await TestServer.create();
  await server.start();
  const base = server.url;
  const wang = await apiSignIn(base, "wangjing");
  const t = await apiTemplate(base, wang, "patrol");
  const { run, ops } = roundOps(t, wang.user.clusters[0].id);
  const failed = ops.find((o) => (o as { type: string }).type === "record_item") as { item: string; answer: object; note?: string };
  failed.answer = { type: "fail" };
  failed.note = "路灯不亮";
  await apiPush(base, wang, [...ops, createOp(wang.user.clusters[0].id, "东门岗亭玻璃破损")]);

  const context = await browser.newContext({ ...devices["Desktop Chrome"], viewport: { width: 1440, height: 900 } });
  const office = await context.newPage();
  await signIn(office, "chenfang", /\/office$/, base);
  await office.goto(`${base}/office/follow-ups`);
  await waitForApp(office);
  const row = office.getByTestId("office-queue").locator("tbody tr").filter({ hasText: "东门岗亭玻璃破损" });
  await expect(row).toHaveCount(1);
  const line = async (cell: ReturnType<Page["locator"]>) => (await cell.boundingBox())!.height;
  const department = row.locator("td").nth(3);
  await expect(department).toHaveText("工程");
  const chip = row.locator("td").nth(4).locator(".chip");
  await expect(chip).toHaveText("待派单");
  // One line of text: a wrapped 工/程 or 待派/单 would be about twice as tall.
  const text = await line(office.getByTestId("office-queue").locator("th").first());
  expect(await line(chip)).toBeLessThan(text * 1.6);
  const width = await department.evaluate((td) => {
    const r = document.createRange();
    r.selectNodeContents(td);
    return r.getClientRects().length;
  });
  expect(width).toBe(1);

  await office.goto(`${base}/office/patrol/runs/${run}`);
  await waitForApp(office);
  const item = office.locator('[data-testid="detail-item"]').first();
  await expect(item).toBeVisible();
  const cells = await item.locator("td").evaluateAll((tds) =>
    tds.map((td) => {
      const r = td.getBoundingClientRect();
      return [getComputedStyle(td).display, Math.round(r.top), Math.round(r.bottom)];
    }),
  );
  expect(cells.length).toBe(4);
  for (const c of cells) expect(c).toEqual(["table-cell", cells[0][1], cells[0][2]]);
  await context.close();
  await server.dispose();
});

test("at 412 px a text answer's 保存 stays whole, and the saved answer stays in its box", async ({ browser }) => {
  const server = await TestServer.create();
  await server.start();
  const page = await phoneAs(browser, "liming", server.url);
  await page.getByRole("link", { name: "巡查", exact: true }).click();
  await page.locator('[data-testid="round"][data-purpose="patrol"]').getByTestId("start-round").click();
  await expect(page).toHaveURL(/\/m\/patrol\/runs\//);
  const notes = page.locator('[data-testid="item"][data-key="customers.notes"]');
  const save = notes.getByTestId("save-answer");
  await expect(save).toHaveText("保存");
  const lines = await save.evaluate((b) => {
    const r = document.createRange();
    r.selectNodeContents(b);
    return r.getClientRects().length;
  });
  expect(lines).toBe(1);
  await notes.getByTestId("text").fill("3栋业主反映电梯异响");
  await save.click();
  await expect(notes.getByTestId("text")).toHaveValue("3栋业主反映电梯异响");
  await expect(notes.getByTestId("item-result")).not.toContainText("3栋业主反映电梯异响");
  await page.reload();
  await waitForApp(page);
  await expect(notes.getByTestId("text")).toHaveValue("3栋业主反映电梯异响");
  await page.context().close();
  await server.dispose();
});
