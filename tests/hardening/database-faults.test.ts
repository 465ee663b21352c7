import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { texts } from "../../src/conversation/texts.ts";
import { Store } from "../../src/store/store.ts";
import { startTestBot, type TestBot } from "../helpers/bot.ts";
import { fakeSlackApi, type FakePlatform } from "../helpers/fake-platform.ts";
import { createTestDatabase, POSTGRES_BASE_URL, postgresAvailable } from "../helpers/postgres.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";
import { TcpProxy } from "../helpers/tcp-proxy.ts";

/**
 * PostgreSQL that stalls or vanishes, through a TCP proxy this test controls: the bot neither
 * dies nor hangs, /readyz says 503 within a second, every question is still answered, commands
 * that need the store say so, and the bot recovers by itself when the database returns.
 */
const hasPostgres = await postgresAvailable();
const SECRET = "fault-secret";
let slack: FakePlatform;
let proxy: TcpProxy;
let db: { url: string; drop(): Promise<void> };
let bot: TestBot;

beforeAll(async () => {
  if (!hasPostgres) return;
  db = await createTestDatabase();
  const target = new URL(POSTGRES_BASE_URL);
  proxy = await new TcpProxy(target.hostname, Number(target.port || 5432)).start();
  slack = await fakeSlackApi().start();
  bot = await startTestBot(
    { SLACK_BOT_TOKEN: "xoxb-fault", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: `${slack.url}/api/` },
    proxy.urlFor(db.url),
  );
});
afterAll(async () => {
  if (!hasPostgres) return;
  proxy.resume();
  await bot.stop();
  await proxy.stop();
  await slack.stop();
  await db.drop();
});

let n = 0;
/** A signed DM event; resolves with the HTTP status once Slack's request is answered. */
async function dm(text: string): Promise<number> {
  n += 1;
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    event_id: `EvF${n}${Date.now()}`,
    event: { type: "message", channel_type: "im", user: "U1", text, ts: `${n}.1`, channel: "D1" },
  });
  const res = await fetch(`${bot.server.url}/slack/events`, {
    method: "POST",
    headers: slackHeaders(SECRET, body),
    body,
  });
  return res.status;
}
const posted = () => slack.calls("/chat.postMessage").map((c) => JSON.stringify(c.body));

async function readyz(): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${bot.server.url}/readyz`, { signal: AbortSignal.timeout(20_000) });
  return { status: res.status, ms: Date.now() - started };
}

async function until(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

describe.skipIf(!hasPostgres)("a PostgreSQL that stalls or vanishes", () => {
  it("answers questions, refuses store commands plainly, says 503, and recovers by itself", async () => {
    expect((await readyz()).status).toBe(200);
    expect(await dm("Hoe werk ik goed samen met de griffier?")).toBe(200);
    await slack.waitFor("/chat.postMessage", 1, 20_000);

    proxy.stall();
    // /readyz answers within about a second (the ping's deadline is 800 ms), not when the network returns.
    const stalled = await readyz();
    expect(stalled.status).toBe(503);
    expect(stalled.ms).toBeLessThan(5_000);
    // A question during the outage is acknowledged and answered (de-duplication falls back to memory).
    expect(await dm("regionale samenwerking loopt slecht")).toBe(200);
    await slack.waitFor("/chat.postMessage", 2, 30_000);
    // A command that needs the store says so plainly, after the query's deadline.
    expect(await dm("abonneer")).toBe(200);
    await slack.waitFor("/chat.postMessage", 3, 40_000);
    expect(posted()[2]).toContain(texts.unavailable);

    // The connections are cut while queries hang on them: the process lives on.
    proxy.reset();
    expect(await dm("thema 45")).toBe(200);
    await slack.waitFor("/chat.postMessage", 4, 30_000);

    proxy.resume();
    expect(await until(async () => (await readyz()).status === 200, 30_000)).toBe(true);
    expect(await dm("abonneer")).toBe(200);
    await slack.waitFor("/chat.postMessage", 5, 30_000);
    expect(posted()[4]).toContain("geabonneerd");
    expect((await fetch(`${bot.server.url}/healthz`)).status).toBe(200);
  }, 180_000);

  it("fails a start against a database that accepts and never answers, with a clear message, in time", async () => {
    const silent = await new TcpProxy("127.0.0.1", 5432).start();
    silent.stall();
    const started = Date.now();
    await expect(Store.open(silent.urlFor(db.url), { timeoutMs: 2_000 })).rejects.toThrow(
      /could not open the database \(postgres\): it did not answer within 2 s/,
    );
    expect(Date.now() - started).toBeLessThan(15_000);
    await silent.stop();
  }, 60_000);
});
