// The on-screen check of tests/support/fixtures.ts can fail: a UUID and a dotted key put on a
// page are caught, with the page's path; a file's name and an ordinary sentence are not.
import { expect, test } from "@playwright/test";
import { rescan, watchScreens } from "../support/fixtures";
import { waitForApp } from "../support/app";

test("the on-screen check catches a record id and an internal key, and lets a file's name be", async ({ context, page }) => {
  const leaks: string[] = [];
  await watchScreens(context, leaks);
  await page.goto("/login");
  await waitForApp(page);
  await page.evaluate(() => {
    const p = document.createElement("p");
    p.textContent = "已上传 楼栋.csv 与 register.xlsx。记录 0190f0a0-0000-7000-8000-000000000001，检查项 duty.presence";
    document.body.append(p);
  });
  await expect.poll(() => leaks.length).toBe(2);
  await rescan([context]);
  expect(leaks).toHaveLength(2);
  expect(leaks[0]).toContain("/login: 0190f0a0-0000-7000-8000-000000000001 in");
  expect(leaks[1]).toContain("duty.presence");
});
