// Reading an exported register (.xlsx) in the tests, as the office would open it.
import { APIResponse, expect } from "@playwright/test";
import ExcelJS from "exceljs";

/** The rows of sheet `name` of a 200 answer's .xlsx, each cell as text ("" when empty). */
export async function sheetRows(res: APIResponse, name: string): Promise<string[][]> {
  expect(res.status()).toBe(200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(await res.body());
  const rows: string[][] = [];
  book.getWorksheet(name)!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}
