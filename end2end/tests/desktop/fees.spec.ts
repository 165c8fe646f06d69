// Fee collection for the office (issue 17): the demo estate's months of charges give each
// cluster's and each butler's collection, household and recovery rates and their trend;
// finance's export with bad rows is refused with every row named and nothing imported; corrected, it is previewed,
// imported, and its month joins the table. The units owing are listed, one cluster or all. The
// late fee's terms are set; a lawyer's letter is drafted for a candidate, printed, refused
// without its registered-post number, recorded as issued and shown in the household's case file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";
import { TestServer } from "../support/server";

/** The estate's month (UTC+8) as YYYY-MM. */
const estateMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

function csv(name: string, lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "charges-")), name);
  fs.writeFileSync(file, ["房号,费用类型,所属期间,应收金额,实收金额,缴费期限", ...lines].join("\n"));
  return file;
}

test("the office reads each cluster's collection rates, and imports finance's charges after a preview that names every bad row", async ({ page }) => {
  test.setTimeout(90_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "chenfang", /\/office$/, server.url);
    await page.getByRole("link", { name: "费用催收" }).click();
    await waitForApp(page);
    // The demo's six months, two clusters each: rates in words and numbers, and the chart.
    const rows = page.getByTestId("collection-row");
    await expect(rows).toHaveCount(12);
    await expect(rows.first().getByTestId("collection-rate")).toHaveText(/^\d+\.\d%$/);
    await expect(rows.first().getByTestId("household-rate")).toHaveText(/^\d+\.\d%$/);
    await expect(page.getByTestId("collection-chart").locator("rect").first()).toBeVisible();

    // The units owing, most first; one cluster at a time.
    const owing = page.getByTestId("arrears-row");
    await expect(owing.first()).toBeVisible();
    const all = await owing.count();
    await page.getByTestId("arrears-cluster").selectOption({ label: "西区组团" });
    await expect(owing.first()).toContainText("西区组团");
    expect(await owing.count()).toBeLessThan(all);
    await expect(owing.filter({ hasText: "东区组团" })).toHaveCount(0);
    await page.getByTestId("arrears-cluster").selectOption({ label: "全部组团" });
    await expect(owing).toHaveCount(all);

    const month = estateMonth();
    const due = `${month}-28`;
    // Bad rows: refused, each named by its row, nothing imported.
    await page.getByTestId("charges-file").setInputFiles(
      csv("bad.csv", [
        `1-1-101,物业费,${month},320.50,0,${due}`,
        `99-9-9999,物业费,${month},320.50,0,${due}`,
        `1-1-102,物业费,${month},320.505,0,${due}`,
      ]),
    );
    await expect(page.getByTestId("charges-refused")).toHaveText("有 2 处问题，未导入：请在文件中修改后重新选择。");
    const problems = page.getByTestId("charges-problem");
    await expect(problems).toHaveCount(2);
    await expect(problems.nth(0)).toContainText("3");
    await expect(problems.nth(0)).toContainText("小区资料中没有房号 99-9-9999");
    await expect(problems.nth(1)).toContainText("应收金额小数超过两位");
    await expect(page.getByTestId("charges-apply")).toHaveCount(0);
    await expect(rows).toHaveCount(12);

    // Corrected: previewed, then imported; the month appears in the table.
    await page.getByTestId("charges-file").setInputFiles(
      csv("good.csv", [
        `1-1-101,物业费,${month},320.50,0,${due}`,
        `1-1-102,物业费,${month},320.50,320.50,${due}`,
      ]),
    );
    await expect(page.getByTestId("charges-ready")).toBeVisible();
    await expect(page.getByTestId("plan-new")).toHaveText("2");
    await expect(page.getByTestId("plan-paid")).toHaveText("1");
    await page.getByTestId("charges-apply").click();
    await expect(page.getByTestId("charges-applied")).toHaveText("已导入。");
    await expect(rows).toHaveCount(13);
    const mine = rows.filter({ hasText: month }).filter({ hasText: "东区组团" });
    await expect(mine).toHaveCount(1);
    await expect(mine.getByTestId("collection-rate")).toHaveText("50.0%");
    await expect(mine.getByTestId("household-rate")).toHaveText("50.0%");
    // Each butler's months over the clusters they look after (王静: 东区组团), and the rates'
    // trend for one butler.
    await page.getByTestId("collection-by").selectOption({ label: "按管家" });
    await expect(rows).toHaveCount(13);
    const hers = rows.filter({ hasText: month }).filter({ hasText: "王静" });
    await expect(hers).toHaveCount(1);
    await expect(hers).toContainText("东区组团");
    await expect(hers.getByTestId("collection-rate")).toHaveText("50.0%");
    await expect(page.getByTestId("collection-trend").locator("circle").first()).toBeVisible();
    const dots = () => page.getByTestId("collection-trend").locator("circle title").allTextContents();
    const estate = await dots();
    expect(estate.some((t) => t.startsWith(`${month} 收费率: `))).toBe(true);
    await page.getByTestId("collection-scope").selectOption({ label: "王静" });
    await expect.poll(dots).not.toEqual(estate);
    expect((await dots()).some((t) => t === `${month} 收费率: 50.0%`)).toBe(true);
    // The one refusal the browser logs is the bad file's preview (422, as the API says).
    const refusal = (e: string) => e.includes("status of 422") && e.includes("/api/v1/fees/charges/preview?name=bad.csv");
    expect(errors.filter((e) => refusal(e))).toHaveLength(1);
    expect(errors.filter((e) => !refusal(e))).toEqual([]);
  } finally {
    await server.dispose();
  }
});

test("the office sets the late fee's terms, drafts a lawyer's letter for the unit owing most, prints it and records it as issued", async ({ page }) => {
  test.setTimeout(90_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "chenfang", /\/office$/, server.url);
    await page.getByRole("link", { name: "费用催收" }).click();
    await waitForApp(page);
    // 万分之五 a day, at most 10 % of what is owed; a rate over 10 % a day is refused.
    const settings = page.getByTestId("fee-settings");
    await expect(settings.getByTestId("settings-rate")).toHaveValue("3");
    await settings.getByTestId("settings-rate").fill("2000");
    await settings.getByTestId("settings-save").click();
    await expect(settings.getByTestId("settings-error")).toHaveText("每日滞纳金比例应在 0 到 10% 之间");
    await settings.getByTestId("settings-company").fill("翠湖花园物业服务中心");
    await settings.getByTestId("settings-rate").fill("5");
    await settings.getByTestId("settings-cap").fill("10");
    await settings.getByTestId("settings-basis").fill("《翠湖花园物业服务合同》第十二条");
    await settings.getByTestId("settings-save").click();
    await expect(settings.getByTestId("settings-notice")).toHaveText("已保存");

    // A lawyer's-letter candidate (owing for a past quarter, a promise broken, no open service
    // problem — from the demo's case files, synced to the office), the one owing most: its
    // letter lists each charge with its days late and late fee.
    await expect(page.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });
    await page.getByTestId("only-candidates").check();
    const first = page.getByTestId("arrears-row").first();
    await expect(first.getByTestId("letter-candidate")).toBeVisible();
    await expect(page.getByTestId("arrears-row").filter({ hasNot: page.getByTestId("letter-candidate") })).toHaveCount(0);
    const unit = (await first.getByTestId("arrears-case").textContent())!.trim();
    const owed = (await first.getByTestId("arrears-owed").textContent())!.trim();
    await first.getByTestId("arrears-letter").click();
    await expect(page).toHaveURL(/\/office\/fees\/letters\//);
    const letter = page.getByTestId("letter");
    await expect(letter).toContainText(`（${unit}）`);
    await expect(letter.getByTestId("letter-owed")).toHaveText(owed);
    await expect(letter.getByTestId("letter-line").first()).toBeVisible();
    await expect(letter.getByTestId("letter-late-fee")).toHaveText(/^¥\d[\d,]*\.\d\d$/);
    await expect(letter.getByTestId("letter-late-fee")).not.toHaveText("¥0.00");
    await expect(letter.getByTestId("letter-terms")).toContainText("《翠湖花园物业服务合同》第十二条");
    await expect(letter.getByTestId("letter-terms")).toContainText("每日0.05%");
    await expect(letter.getByTestId("letter-terms")).toContainText("以欠费金额的 10% 为限");
    await expect(letter).toContainText("翠湖花园物业服务中心");
    // On paper: the letter alone.
    await page.emulateMedia({ media: "print" });
    await expect(page.getByTestId("letter-tools")).toBeHidden();
    await expect(letter).toBeVisible();
    await page.emulateMedia({ media: "screen" });

    // The demo's past may hold a letter sent at the last quarter's end, by registered post.
    const before = await page.getByTestId("letter-issued").count();
    const [y, m, d] = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10).split("-").map(Number);
    const today = `${y}年${m}月${d}日`;
    // By registered post, the number is needed: refused without it, nothing recorded.
    await expect(page.getByTestId("letter-delivery")).toHaveValue("registered");
    await page.getByTestId("letter-issue").click();
    await expect(page.getByTestId("letter-notice")).toHaveText("挂号邮寄请填写单号（不超过60字）");
    await expect(page.getByTestId("letter-issued")).toHaveCount(before);
    // Recorded as issued, listed first; still listed after a reload.
    await page.getByTestId("letter-tracking").fill("EMS1029384756");
    await page.getByTestId("letter-issue").click();
    await expect(page.getByTestId("letter-notice")).toHaveText("已登记发出。");
    await expect(page.getByTestId("letter-issued")).toHaveCount(before + 1);
    await expect(page.getByTestId("letter-issued").first()).toContainText(today);
    await expect(page.getByTestId("letter-issued").first()).toContainText("陈芳");
    await page.reload();
    await waitForApp(page);
    await expect(page.getByTestId("letter-issued")).toHaveCount(before + 1);
    // And in the household's case file, with its number, once synced.
    const letterUrl = page.url();
    await page.goto(letterUrl.replace("/office/fees/letters/", "/office/fees/case/"));
    await waitForApp(page);
    await expect(page.getByTestId("case-file")).toContainText(unit);
    const letterLine = page.getByTestId("case-contact").filter({ hasText: "EMS1029384756" });
    await expect(letterLine).toHaveCount(1, { timeout: 30_000 });
    await expect(letterLine).toContainText("律师函");
    await expect(letterLine).toContainText("挂号信/EMS");
    // The one refusal the browser logs is the letter without its number (422, as the API says).
    const refusal = (e: string) => e.includes("status of 422") && e.includes("/api/v1/fees/letters/");
    expect(errors.filter((e) => refusal(e))).toHaveLength(1);
    expect(errors.filter((e) => !refusal(e))).toEqual([]);
  } finally {
    await server.dispose();
  }
});
