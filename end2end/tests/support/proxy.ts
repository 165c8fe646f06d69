// Loopback proxies for tests and benchmarks: one that delays page navigations (a slow
// basement connection), one that counts every byte on the wire.
import http from "node:http";
import net from "node:net";
import { freePort } from "./server";

/**
 * An HTTP proxy to `target` that holds navigation requests for `delayMs` when asked to,
 * stalls the next request whose path matches `stallOnce` (never forwarded, never answered — a
 * connection that hangs, as in a basement), and, with `holdAfter`, lets the first few requests
 * matching a pattern through and keeps every later one waiting (a connection that dies
 * part-way through a download).
 */
export class DelayingProxy {
  delayMs = 0;
  delayed = 0;
  stallOnce: RegExp | null = null;
  stalled = 0;
  /** Requests kept waiting by `holdAfter`. */
  held = 0;
  private hold: { pattern: RegExp; pass: number } | null = null;

  /** Lets `pass` more requests matching `pattern` through, then keeps the rest waiting. */
  holdAfter(pattern: RegExp, pass: number): void {
    this.hold = { pattern, pass };
  }

  /** Stops holding: requests from now on go through. */
  stopHolding(): void {
    this.hold = null;
  }

  /** Stops holding and lets the requests kept waiting go on to the server (a slow answer). */
  release(): void {
    this.hold = null;
    for (const forward of this.waiting.splice(0)) forward();
  }
  private waiting: (() => void)[] = [];
  private server?: http.Server;
  port = 0;

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = http.createServer((req, res) => {
      const navigation = req.headers["sec-fetch-mode"] === "navigate";
      const forward = () => {
        const up = http.request(
          { host: "127.0.0.1", port: this.targetPort, method: req.method, path: req.url, headers: req.headers },
          (upRes) => {
            res.writeHead(upRes.statusCode ?? 502, upRes.headers);
            upRes.pipe(res);
          },
        );
        up.on("error", () => res.destroy());
        req.pipe(up);
      };
      if (this.hold && this.hold.pattern.test(req.url ?? "")) {
        if (this.hold.pass > 0) {
          this.hold.pass--;
        } else {
          this.held++;
          this.waiting.push(forward);
          return;
        }
      }
      if (this.stallOnce && this.stallOnce.test(req.url ?? "")) {
        this.stallOnce = null;
        this.stalled++;
        return;
      }
      if (navigation && this.delayMs > 0) {
        this.delayed++;
        setTimeout(forward, this.delayMs);
      } else {
        forward();
      }
    });
    await new Promise<void>((r) => this.server!.listen(this.port, "127.0.0.1", r));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((r) => this.server?.close(r));
  }
}

/** A TCP proxy to `target` that counts the bytes the server sends (headers included). */
export class CountingProxy {
  bytesDown = 0;
  bytesUp = 0;
  connections = 0;
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly targetPort: number) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = net.createServer((client) => {
      this.connections++;
      const upstream = net.connect(this.targetPort, "127.0.0.1");
      this.sockets.add(client).add(upstream);
      client.on("data", (d) => (this.bytesUp += d.length));
      upstream.on("data", (d) => (this.bytesDown += d.length));
      client.pipe(upstream).pipe(client);
      const close = () => {
        client.destroy();
        upstream.destroy();
      };
      client.on("error", close).on("close", close);
      upstream.on("error", close).on("close", close);
    });
    await new Promise<void>((r) => this.server!.listen(this.port, "127.0.0.1", r));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server?.close(r));
  }
}
