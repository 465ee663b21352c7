import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage["headers"];
  /** parsed: JSON, or form fields (Slack Web API) with `blocks` decoded */
  body: Record<string, unknown>;
  at: number;
  /** the fake answered (a delayed answer can still be cut off when the caller goes away) */
  answered?: boolean;
}

export interface Scripted {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** answer only after this long */
  delayMs?: number;
  /** never answer (the connection stays open until the fake stops): a hanging platform */
  hang?: boolean;
}

/**
 * A fake platform API on 127.0.0.1 that records every request. Responses come from a default
 * handler per path, or from a queue of scripted ones (429 with Retry-After, 500, 403…).
 */
export class FakePlatform {
  readonly requests: Recorded[] = [];
  private readonly scripts = new Map<string, Scripted[]>();
  private server: Server | undefined;
  url = "";

  /** `keep: false`: requests are answered but not kept (a benchmark's thousands of posts) */
  constructor(
    private readonly respond: (req: Recorded) => Scripted,
    private readonly options: { keep?: boolean } = {},
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next requests whose path ends with `pathEnd` get these responses, in order. */
  script(pathEnd: string, ...responses: Scripted[]): void {
    this.scripts.set(pathEnd, [...(this.scripts.get(pathEnd) ?? []), ...responses]);
  }

  calls(pathEnd: string): Recorded[] {
    return this.requests.filter((r) => r.path.endsWith(pathEnd));
  }

  /** Waits until `count` requests to `pathEnd` arrived, or fails after `timeoutMs`. */
  async waitFor(pathEnd: string, count = 1, timeoutMs = 30_000): Promise<Recorded[]> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.calls(pathEnd);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(
      `expected ${count} call(s) to ${pathEnd}, got ${this.calls(pathEnd).length}: ${this.requests.map((r) => r.path).join(", ")}`,
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const path = (req.url ?? "/").split("?")[0]!;
    let body: Record<string, unknown> = {};
    if ((req.headers["content-type"] ?? "").includes("application/x-www-form-urlencoded")) {
      body = Object.fromEntries(new URLSearchParams(raw));
      for (const key of ["blocks", "view"])
        if (typeof body[key] === "string") body[key] = JSON.parse(body[key] as string);
    } else if (raw) {
      body = JSON.parse(raw) as Record<string, unknown>;
    }
    const recorded: Recorded = { method: req.method ?? "GET", path, headers: req.headers, body, at: Date.now() };
    if (this.options.keep !== false) this.requests.push(recorded);
    const key = [...this.scripts.keys()].find((k) => path.endsWith(k) && this.scripts.get(k)!.length > 0);
    const reply = key ? this.scripts.get(key)!.shift()! : this.respond(recorded);
    if (reply.hang) return;
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    res.writeHead(reply.status, { "content-type": "application/json", ...reply.headers });
    res.end(JSON.stringify(reply.body), () => (recorded.answered = true));
  }
}

/** How a rate-limited fake Slack Web API fared: the requests it refused with 429. */
export interface RateCounts {
  limited: number;
}

/**
 * Slack's Web API: `auth.test` names the bot, every other method succeeds. With `limitPerSecond`,
 * a fixed window of that many requests a second, as Slack's tiers: above it 429 with Retry-After 1
 * (`counts.limited` tells how many were refused).
 */
export function fakeSlackApi(
  options: { limitPerSecond?: number; keep?: boolean } = {},
): FakePlatform & { counts: RateCounts } {
  // Also serves response_url posts (paths under /respond).
  let ts = 1_700_000_000;
  const counts: RateCounts = { limited: 0 };
  let windowStart = Date.now();
  let inWindow = 0;
  const platform = new FakePlatform(
    (req) => {
      if (options.limitPerSecond !== undefined) {
        const now = Date.now();
        if (now - windowStart >= 1000) {
          windowStart = now;
          inWindow = 0;
        }
        if (inWindow >= options.limitPerSecond) {
          counts.limited += 1;
          return { status: 429, headers: { "retry-after": "1" }, body: { ok: false, error: "ratelimited" } };
        }
        inWindow += 1;
      }
      if (req.path.endsWith("/auth.test"))
        return { status: 200, body: { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1", user: "wegwijzer" } };
      if (req.path.endsWith("/chat.postMessage"))
        return { status: 200, body: { ok: true, channel: req.body.channel, ts: `${ts++}.000100` } };
      return { status: 200, body: { ok: true } };
    },
    { keep: options.keep ?? true },
  );
  return Object.assign(platform, { counts });
}

/**
 * Whether an activity carries a mention entity whose text the message does not contain: Teams
 * refuses such a post (400, "NotMatchMentionText"), as the Agents Playground showed.
 */
export function mentionMismatch(body: Record<string, unknown>): boolean {
  const entities = Array.isArray(body.entities) ? (body.entities as Record<string, unknown>[]) : [];
  const text = typeof body.text === "string" ? body.text : "";
  return entities.some((e) => e?.type === "mention" && typeof e.text === "string" && !text.includes(e.text));
}

/** What the Bot Connector answers an activity it refuses for its mentions. */
export const MENTION_REFUSED: Scripted = {
  status: 400,
  body: { error: { code: "BadArgument", message: "NotMatchMentionText" } },
};

/** The Bot Connector: posting an activity returns its new ID (an activity with a stray mention is refused). */
export function fakeBotConnector(): FakePlatform {
  let id = 1;
  return new FakePlatform((req) =>
    mentionMismatch(req.body) ? MENTION_REFUSED : { status: 200, body: { id: `activity-${id++}` } },
  );
}
