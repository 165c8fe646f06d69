// A server of a test's own, for tests that stop, restart or slow it down: a real release
// binary on a free loopback port with its own SQLite file in a temporary folder.
import { ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { SERVER_BIN, SITE_ROOT } from "./env";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export class TestServer {
  readonly dir: string;
  readonly port: number;
  private child?: ChildProcess;
  log = "";

  private constructor(dir: string, port: number) {
    this.dir = dir;
    this.port = port;
  }

  static async create(): Promise<TestServer> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "butler-e2e-"));
    return new TestServer(dir, await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts the server (demo mode) and waits until /health answers. */
  async start(opts: { buildId?: string } = {}): Promise<void> {
    const args = ["--demo", "--db", path.join(this.dir, "butler.db"), "--listen", `127.0.0.1:${this.port}`, "--log", "warn"];
    if (opts.buildId) args.push("--build-id", opts.buildId);
    this.child = spawn(SERVER_BIN, args, {
      env: { ...process.env, LEPTOS_SITE_ROOT: SITE_ROOT },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child.stdout?.on("data", (d) => (this.log += d));
    this.child.stderr?.on("data", (d) => (this.log += d));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`server exited: ${this.log}`);
      try {
        const res = await fetch(`${this.url}/health`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server did not start: ${this.log}`);
  }

  /** Stops the process (SIGTERM, graceful) and waits until the port refuses connections. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 12_000);
    await exited;
    clearTimeout(timer);
    this.child = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
