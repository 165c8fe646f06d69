import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, SERVER_BIN, SHARED_PORT } from "./tests/support/env";
import path from "node:path";

// Two projects: the butler's phone (touch, small viewport) and the office desktop.
// A shared server (demo mode, fresh database) serves most tests; tests that stop, restart or
// slow down a server start their own (see tests/support/server.ts).
const root = path.resolve(__dirname, "..");

export default defineConfig({
  testDir: "./tests",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: 0,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${SHARED_PORT}`,
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
  },
  projects: [
    {
      name: "phone",
      testMatch: /phone\/.*\.spec\.ts/,
      use: { ...devices["Pixel 7"], launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS } },
    },
    {
      name: "desktop",
      testMatch: /desktop\/.*\.spec\.ts/,
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS } },
    },
  ],
  webServer: {
    command: `rm -rf .cache/shared && mkdir -p .cache/shared && exec "${SERVER_BIN}" --demo --db .cache/shared/butler.db --listen 127.0.0.1:${SHARED_PORT} --log warn`,
    url: `http://127.0.0.1:${SHARED_PORT}/health`,
    env: { LEPTOS_SITE_ROOT: `${root}/target/site` },
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
