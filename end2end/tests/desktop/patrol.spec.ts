// The office's patrol pages (issue 4): today's board counted from the schedules, a run's A4
// print view, and publishing a new template version.
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";
import { apiPush, apiSignIn, apiTemplate, roundOps } from "../support/api";
import { TestServer } from "../support/server";

test("the today board counts not started, in progress and done from the schedules", async ({ page }) => {
  const server = await TestServer.create();
  await server.start();
  try {
    // Li has the patrol under way and the notice-board check done; nobody else started.
    const li = await apiSignIn(server.url, "liming");
    const cluster = li.user.clusters[0].id;
    const patrol = roundOps(await apiTemplate(server.url, li, "patrol"), cluster, { skip: ["duty.state"] });
    const board = roundOps(await apiTemplate(server.url, li, "notice_board"), cluster, { finish: true });
    await apiPush(server.url, li, [...patrol.ops, ...board.ops]);

    const errors = watchErrors(page);
    await signIn(page, "chenfang", /\/office$/, server.url);
    const card = page.getByTestId("today-board");
    // Two clusters × three daily templates.
    await expect(card.getByTestId("board-line")).toHaveCount(6);
    await expect(card.getByTestId("count-not-started")).toHaveText("未开始 4");
    await expect(card.getByTestId("count-in-progress")).toHaveText("进行中 1");
    await expect(card.getByTestId("count-done")).toHaveText("已完成 1");
    await card.getByRole("link", { name: "进行中" }).click();
    await expect(page).toHaveURL(new RegExp(`/office/patrol/runs/${patrol.run}$`));
    await expect(page.getByTestId("detail-finished")).toHaveText("—");
    expect(errors).toEqual([]);
  } finally {
    await server.dispose();
  }
});

test("a run's A4 print view fits its content on the page width", async ({ page }) => {
  await signIn(page, "chenfang", /\/office$/);
  const origin = new URL(page.url()).origin;
  const butler = await apiSignIn(origin, "wangjing");
  const t = await apiTemplate(origin, butler, "patrol");
  const round = roundOps(t, butler.user.clusters[0].id, { skip: ["security.hazards"], finish: false });
  round.ops.push({
    type: "record_item",
    run: round.run,
    item: "security.hazards",
    answer: { type: "fail" },
    note: "地下车库消防通道被电动车和纸箱长期占用，需要安防部每日巡查时清理并张贴告示，物业服务中心跟进",
  });
  round.ops.push({ type: "finish_run", run: round.run });
  await apiPush(origin, butler, round.ops);

  await page.goto(`/office/patrol/runs/${round.run}`);
  await waitForApp(page);
  await expect(page.getByTestId("run-detail")).toBeVisible();
  // A4 is 210 mm wide; with 12 mm margins about 704 CSS px are printable.
  await page.setViewportSize({ width: 704, height: 1000 });
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".sidenav")).toBeHidden();
  await expect(page.getByTestId("print")).toBeHidden();
  const widths = await page.evaluate(() => ({
    doc: document.documentElement.scrollWidth,
    view: document.documentElement.clientWidth,
    table: Math.ceil(document.querySelector(".run-table")!.getBoundingClientRect().right),
  }));
  expect(widths.doc).toBeLessThanOrEqual(widths.view);
  expect(widths.table).toBeLessThanOrEqual(widths.view);
  await expect(page.locator('[data-key="security.hazards"]')).toContainText("地下车库消防通道");
});

test("the office publishes a new version of a template; the list shows it", async ({ page }) => {
  // Its own server: the shared one's templates stay as seeded for the other tests.
  const server = await TestServer.create();
  await server.start();
  try {
  const errors = watchErrors(page);
  await signIn(page, "chenfang", /\/office$/, server.url);
  await page.getByRole("link", { name: "检查表" }).click();
  const rows = page.getByTestId("template-row");
  await expect(rows).toHaveCount(4);
  const row = rows.filter({ hasText: "公告栏及文体设施检查" });
  const before = Number(await row.locator("td").nth(3).textContent());
  await row.getByTestId("edit-template").click();
  const editor = page.getByTestId("template-editor");
  await expect(editor.getByTestId("template-name")).toHaveValue("公告栏及文体设施检查");
  // An empty item label is refused with the place to fix.
  await editor.getByTestId("add-item").first().click();
  await editor.getByTestId("publish").click();
  await expect(page.getByTestId("template-message")).toContainText("请修改：第 1 部分 · 第 3 项 · 检查项名称（1–200 字）");
  await editor.getByTestId("item-label").nth(2).fill("宣传栏玻璃完好");
  await editor.getByTestId("item-label").nth(2).blur();
  await editor.getByTestId("publish").click();
  await expect(page.getByTestId("template-message")).toContainText(`已发布第 ${before + 1} 版`);
  await expect(row.locator("td").nth(3)).toHaveText(String(before + 1));
  // The refused draft's 400 is the one error Chromium logs.
  expect(errors.filter((e) => !e.includes("status of 400"))).toEqual([]);
  } finally {
    await server.dispose();
  }
});
