// The camera on a round (issue 18). The printed label — the server's own SVG, drawn by the
// browser into a camera-sized frame — is played to Chromium as its camera
// (`--use-file-for-fake-video-capture`). Chromium on Linux has no BarcodeDetector, so the code
// is read by the WASM decoder, a chunk of its own that the first visit does not carry: the
// service worker fetches and keeps it when a round's screen opens. Then with the
// server stopped (the round's page reloaded from the worker): 扫码 reads the label and checks
// in at that place, with the phone's position (far from the place: 位置不符); a forged code is
// refused; the short code of a second place typed is recorded as 手输. Server started: synced,
// and the office's run shows both, in order.
import { chromium, devices } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { expect, rescan, test, watchScreens } from "../support/fixtures";
import { desktopAs, signIn, waitForApp, waitForServiceWorker, watchErrors } from "../support/app";
import { wangLabels } from "../support/api";
import { CHROMIUM_ARGS } from "../support/env";
import { TestServer } from "../support/server";


const W = 640;
const H = 480;

/** The luma plane of a W×H frame with the label's SVG drawn in its middle, by the browser. */
async function drawFrame(page: import("@playwright/test").Page, svg: string): Promise<Buffer> {
  await page.setContent("<!doctype html><title>frame</title>");
  const b64: string = await page.evaluate(
    async ({ svg, W, H }) => {
      const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
      const img = new Image();
      await new Promise((ok, fail) => { img.onload = ok; img.onerror = fail; img.src = url; });
      const canvas = document.createElement("canvas");
      canvas.width = W;
      canvas.height = H;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, W, H);
      const side = 420;
      ctx.drawImage(img, (W - side) / 2, (H - side) / 2, side, side);
      const rgba = ctx.getImageData(0, 0, W, H).data;
      let bin = "";
      for (let i = 0; i < W * H; i++) {
        const y = Math.round(0.299 * rgba[i * 4] + 0.587 * rgba[i * 4 + 1] + 0.114 * rgba[i * 4 + 2]);
        bin += String.fromCharCode(y);
      }
      return btoa(bin);
    },
    { svg, W, H },
  );
  return Buffer.from(b64, "base64");
}

/** A short Y4M clip (4:2:0, grey) of that frame, which Chromium's fake camera loops. */
function y4m(luma: Buffer): Buffer {
  const chroma = Buffer.alloc((W / 2) * (H / 2), 128);
  const frame = Buffer.concat([Buffer.from("FRAME\n"), luma, chroma, chroma]);
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F10:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]);
}

test("offline on the round: the camera reads a printed label (WASM decoder, kept by the worker), a forged code is refused, a short code typed; synced to the office's run", async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const server = await TestServer.create();
  await server.start();
  const camera = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: [
      ...CHROMIUM_ARGS,
      "--use-fake-ui-for-media-stream",
      "--use-fake-device-for-media-stream",
      `--use-file-for-fake-video-capture=${info.outputPath("label.y4m")}`,
    ],
  });
  try {
    const label = await wangLabels(server.url);
    const garage = label("地下车库入口");
    const lane = label("消防通道");
    fs.mkdirSync(info.outputDir, { recursive: true });
    fs.writeFileSync(info.outputPath("label.y4m"), y4m(await drawFrame(page, garage.svg)));

    // The butler's phone, its camera filming the garage's label; the phone far from the estate.
    const ctx = await camera.newContext({
      ...devices["Pixel 7"],
      permissions: ["camera", "geolocation"],
      geolocation: { latitude: 0.5, longitude: 0.5 },
    });
    const leaks: string[] = [];
    await watchScreens(ctx, leaks);
    const phone = await ctx.newPage();
    const errors = watchErrors(phone);
    await signIn(phone, "wangjing", /\/m$/, server.url);
    await waitForServiceWorker(phone);
    await expect(phone.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });
    // The first visit did not fetch the decoder.
    const decoderKept = () =>
      phone.evaluate(async () => {
        for (const name of await caches.keys()) {
          const keys = await (await caches.open(name)).keys();
          if (keys.some((r) => r.url.includes("qr_decoder"))) return true;
        }
        return false;
      });
    expect(await decoderKept()).toBe(false);
    expect(await phone.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.includes("qr_decoder")))).toBe(false);

    await phone.getByRole("link", { name: "巡查", exact: true }).click();
    await phone.locator('[data-testid="round"][data-purpose="patrol"]').getByTestId("start-round").click();
    await expect(phone).toHaveURL(/\/m\/patrol\/runs\//);
    const runId = phone.url().split("/").pop()!;
    // The round's screen fetched the decoder, and the worker keeps it.
    await expect.poll(decoderKept).toBe(true);
    await expect(phone.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 20_000 });

    await server.stop();
    const reloaded = await phone.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await waitForApp(phone);
    const card = phone.getByTestId("scan-card");
    const scans = card.getByTestId("scan");

    await card.getByTestId("camera-open").click();
    await expect(scans).toHaveCount(1, { timeout: 20_000 });
    await expect(scans.first()).toContainText("地下车库入口");
    await expect(scans.first().getByTestId("scan-typed")).toHaveCount(0);
    await expect(scans.first().getByTestId("scan-far")).toHaveText("位置不符");
    await expect(scans.first().getByTestId("scan-distance")).toContainText("公里");
    await expect(card.getByTestId("camera-video")).toHaveCount(0);

    // A forged code (one digit of the signature changed) is refused and records nothing.
    const last = garage.code.slice(-1);
    await card.getByTestId("scan-input").fill(garage.code.slice(0, -1) + (last === "0" ? "1" : "0"));
    await card.getByTestId("scan-submit").click();
    await expect(card.getByTestId("scan-error")).toHaveText("标签无效：不是本小区签发的二维码");
    await expect(scans).toHaveCount(1);
    // The second place's short code typed.
    await card.getByTestId("scan-input").fill(lane.short_code);
    await card.getByTestId("scan-submit").click();
    await expect(scans).toHaveCount(2);
    await expect(scans.nth(1)).toContainText("消防通道");
    await expect(scans.nth(1).getByTestId("scan-typed")).toHaveText("手输");
    await phone.screenshot({ path: info.outputPath("scanned.png") });

    await server.start();
    await phone.goto(`${server.url}/m/patrol/runs/${runId}`);
    await waitForApp(phone);
    await expect(phone.getByTestId("sync-status")).toContainText("全部已同步", { timeout: 30_000 });

    const desk = await desktopAs(browser, server.url);
    await desk.goto(`${server.url}/office/patrol/runs/${runId}`);
    await waitForApp(desk);
    const done = desk.getByTestId("run-detail").getByTestId("scan");
    await expect(done).toHaveCount(2, { timeout: 20_000 });
    await expect(done.nth(0)).toContainText("地下车库入口");
    await expect(done.nth(0).getByTestId("scan-far")).toHaveText("位置不符");
    await expect(done.nth(1)).toContainText("消防通道");
    await expect(done.nth(1).getByTestId("scan-typed")).toHaveText("手输");
    // The patrol register: the run's check-ins counted, the typed and the doubtful ones apart;
    // its .xlsx lists each check-in.
    await desk.goto(`${server.url}/office/registers`);
    await waitForApp(desk);
    const row = desk.locator(`[data-testid="register-row"][data-run="${runId}"]`);
    await expect(row.getByTestId("row-scans")).toContainText("2");
    await expect(row.getByTestId("row-scans-typed")).toHaveText("手输 1");
    await expect(row.getByTestId("row-scans-doubtful")).toHaveText("存疑 2");
    const res = await desk.request.get(`${server.url}/api/v1/patrol/register.xlsx`);
    expect(res.status()).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.body());
    const lines: string[][] = [];
    book.getWorksheet("地点打卡")!.eachRow((r) => lines.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
    expect(lines[0]).toEqual(["登记号", "日期", "组团", "次序", "地点", "时间", "方式", "距地点（米）", "速度异常", "位置不符"]);
    // Today's run is the register's first line (the demo's past patrols follow it).
    expect(lines.slice(1).filter((l) => l[0] === "1").map((l) => [l[3], l[4], l[6], l[9]])).toEqual([
      ["1", "地下车库入口", "扫码", "是"],
      ["2", "消防通道", "手输", "是"],
    ]);
    await rescan([ctx]);
    expect(leaks).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await camera.close();
    await server.stop();
  }
});
