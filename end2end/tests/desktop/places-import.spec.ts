// Places imported from a spreadsheet (issue 18): the office downloads the places sheet, fills
// it in and imports it after a preview. A file with bad rows is refused with each row named in
// words and nothing imported; the sheet as downloaded (three example places of the first
// cluster) is previewed and imported, the places appear in the register with their kind's
// standard checklist, and each gets its QR label. Its own server: the import writes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";
import { TestServer } from "../support/server";

function file(name: string, content: string | Buffer): string {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "places-")), name);
  fs.writeFileSync(out, content);
  return out;
}

test("the office imports places from its sheet after a preview that names every bad row", async ({ page }) => {
  test.setTimeout(90_000);
  const server = await TestServer.create();
  await server.start();
  try {
    const errors = watchErrors(page);
    await signIn(page, "chenfang", /\/office$/, server.url);
    await page.goto(`${server.url}/office/places`);
    await waitForApp(page);
    const rows = page.getByTestId("place-row");
    await expect(rows.first()).toBeVisible();
    const before = await rows.count();

    // Bad rows: refused, each named by its row in words, nothing imported.
    await page.getByTestId("places-file").setInputFiles(
      file("bad.csv", "组团,类型,名称\n北区组团,公告栏,1栋公告栏\n东区组团,岗亭,东门\n东区组团,巡查点,东门\n"),
    );
    await expect(page.getByTestId("places-refused")).toHaveText("有 2 处问题，未导入：请在文件中修改后重新选择。");
    const problems = page.getByTestId("places-problem");
    await expect(problems).toHaveCount(2);
    await expect(problems.nth(0)).toHaveText(/^2\s*小区资料中没有组团“北区组团”$/);
    await expect(problems.nth(1)).toHaveText(/^3\s*类型“岗亭”不在列表中（公告栏、文体设施、巡查点）$/);
    await expect(page.getByTestId("places-apply")).toHaveCount(0);

    // The sheet as downloaded: its three example places, previewed then imported.
    const sheet = await page.request.get(`${server.url}/api/v1/places/import-template.xlsx`);
    expect(sheet.status()).toBe(200);
    await page.getByTestId("places-file").setInputFiles(file("places.xlsx", await sheet.body()));
    await expect(page.getByTestId("places-ready")).toBeVisible();
    await expect(page.getByTestId("plan-rows")).toHaveText("3");
    await expect(page.getByTestId("plan-new")).toHaveText("3");
    await expect(page.getByTestId("plan-updated")).toHaveText("0");
    await expect(rows).toHaveCount(before);
    await page.getByTestId("places-apply").click();
    await expect(page.getByTestId("places-applied")).toHaveText("已导入。");

    // In the register once synced: kind, location, position and the kind's checklist.
    await expect(rows).toHaveCount(before + 3, { timeout: 20_000 });
    const gate = rows.filter({ hasText: "南门岗亭" });
    await expect(gate).toContainText("东区组团");
    await expect(gate).toContainText("巡查点");
    await expect(gate).toContainText("南门车行道旁");
    await expect(gate).toContainText("22.54280, 114.05830");
    await expect(gate).toContainText("组团日常巡视");
    await expect(rows.filter({ hasText: "会所公告栏" })).toContainText("公告栏及文体设施检查");
    await expect(rows.filter({ hasText: "乒乓球台" })).toContainText("文体设施");

    // Each gets its QR label.
    await page.getByTestId("labels-link").click();
    await expect(page.getByTestId("label").filter({ hasText: "南门岗亭" })).toHaveCount(1, { timeout: 20_000 });
    // The one refusal the browser logs: the bad file's 422.
    const refusal = (e: string) => e.includes("status of 422") && e.includes("/api/v1/places/import/preview");
    expect(errors.filter((e) => refusal(e))).toHaveLength(1);
    expect(errors.filter((e) => !refusal(e))).toEqual([]);
  } finally {
    await server.stop();
  }
});
