// Facts every test shares.
import path from "node:path";

/** The shared server's port (playwright.config.ts starts it). */
export const SHARED_PORT = 3111;
/** Chromium as root on this machine: no sandbox, no background traffic to closed networks. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
/** The repository's root. */
export const ROOT = path.resolve(__dirname, "..", "..", "..");
/** The server binary: the release one `cargo leptos build --release` makes, unless
 * `BUTLER_SERVER_BIN` names another (CI: the one `cargo test` built, beside the front's hash.txt). */
export const SERVER_BIN = process.env.BUTLER_SERVER_BIN ?? path.join(ROOT, "target", "release", "server");
/** The built site (pkg/ and public files). */
export const SITE_ROOT = process.env.LEPTOS_SITE_ROOT ?? path.join(ROOT, "target", "site");
/** Every demo account's password. */
export const DEMO_PASSWORD = "demo1234";
