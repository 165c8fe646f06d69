import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS } from "./tests/support/env";

// Benchmarks, not tests: they measure and print, and are not part of `scripts/test.sh`.
// Run: (cd end2end && npx playwright test -c bench.config.ts)
export default defineConfig({
  testDir: "./bench",
  timeout: 120_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    ...devices["Pixel 7"],
    launchOptions: { executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
});
