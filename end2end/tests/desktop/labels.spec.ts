// The places' QR labels (issue 18): the office's sheet holds one label per place in use — the
// QR code (drawn by the server as SVG), the signed code it carries, the name and the short
// code to type — of one cluster or all, and prints on A4 three to a row with the page's
// controls hidden. The print view is kept as a PDF and a screenshot among the test's output.
import { expect, test } from "../support/fixtures";
import { signIn, waitForApp, watchErrors } from "../support/app";

test("the office prints the places' QR labels on A4: a code, a name and a short code each", async ({ page }) => {
  const errors = watchErrors(page);
  await signIn(page, "chenfang", /\/office$/);
  await page.goto("/office/places");
  await waitForApp(page);
  await page.getByTestId("labels-link").click();
  await expect(page).toHaveURL(/\/office\/places\/labels$/);
  const labels = page.getByTestId("label");
  await expect(labels.first()).toBeVisible({ timeout: 20_000 });
  const all = await labels.count();
  expect(all).toBeGreaterThanOrEqual(10);
  await expect(labels.first().locator("svg")).toBeVisible();
  await expect(labels.first().getByTestId("short-code")).toHaveText(/^[0-9A-Z]{3}-[0-9A-Z]{3}$/);
  expect(await labels.first().getAttribute("data-code")).toMatch(/^BTL1\.\d+\.[0-9A-F]{32}\.[0-9A-F]{128}$/);
  // One cluster's.
  await page.getByTestId("labels-cluster").selectOption({ label: "东区组团" });
  await expect.poll(() => labels.count()).toBeLessThan(all);
  await expect(labels.first()).toContainText("东区组团");

  // Printed: the controls hidden, three labels to a row.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("print-labels")).toBeHidden();
  const tops = await labels.evaluateAll((els) => els.slice(0, 4).map((e) => Math.round(e.getBoundingClientRect().top)));
  expect(tops[0]).toBe(tops[1]);
  expect(tops[1]).toBe(tops[2]);
  expect(tops[3]).toBeGreaterThan(tops[0]);
  await page.screenshot({ path: test.info().outputPath("labels-print.png"), fullPage: true });
  const pdf = await page.pdf({ format: "A4", path: test.info().outputPath("labels.pdf") });
  expect(pdf.length).toBeGreaterThan(10_000);
  expect(errors).toEqual([]);
});
