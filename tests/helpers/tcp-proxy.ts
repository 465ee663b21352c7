import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy on 127.0.0.1 between the bot and PostgreSQL, for fault tests: it passes bytes
 * through, stalls (holds every byte, both ways, and answers no new connection), or resets
 * (destroys every connection: a failover or a cut network). Stops by itself with `stop()`.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<[Socket, Socket]>();
  private stalled = false;
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      const pair: [Socket, Socket] = [client, upstream];
      this.pairs.add(pair);
      const drop = () => {
        client.destroy();
        upstream.destroy();
        this.pairs.delete(pair);
      };
      client.on("error", drop).on("close", drop);
      upstream.on("error", drop).on("close", drop);
      client.on("data", (chunk) => {
        if (!this.stalled) upstream.write(chunk);
      });
      upstream.on("data", (chunk) => {
        if (!this.stalled) client.write(chunk);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** A PostgreSQL URL like `url`, through this proxy. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  /** From now on nothing passes: connections stay open, bytes are dropped. */
  stall(): void {
    this.stalled = true;
  }

  /** Bytes pass again. Connections that lost bytes while stalled are cut, as a real network would break them. */
  resume(): void {
    this.stalled = false;
    this.reset();
  }

  /** Destroys every open connection (both sides). */
  reset(): void {
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  get connections(): number {
    return this.pairs.size;
  }

  async stop(): Promise<void> {
    this.reset();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
