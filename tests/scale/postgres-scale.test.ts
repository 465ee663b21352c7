import { spawn } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Deliverer } from "../../src/lessons/deliver.ts";
import { Pacer } from "../../src/lessons/pacer.ts";
import { createLogger } from "../../src/log.ts";
import { Store } from "../../src/store/store.ts";
import { SlackSender } from "../../src/surfaces/slack/slack-sender.ts";
import { LogSink, sharedBrain, sharedPlan, startTestBot } from "../helpers/bot.ts";
import { createTestDatabase, postgresAvailable } from "../helpers/postgres.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";

const hasPostgres = await postgresAvailable();
const SUBSCRIPTIONS = 1000;
const SLOT = new Date("2026-11-23T07:30:00Z"); // Monday 08:30 in Amsterdam

/**
 * A Slack Web API that counts a post only when it answered it: `hangAfter` lets it stop answering,
 * as when the sending process dies with requests in flight (those were never posted).
 */
class CountingSlack {
  readonly posted = new Map<string, number>();
  received = 0;
  hangAfter = Infinity;
  private server: Server | undefined;
  url = "";

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = "";
      req.on("data", (c: Buffer) => (raw += c.toString()));
      req.on("end", () => {
        if (!req.url?.endsWith("/chat.postMessage")) {
          res
            .writeHead(200, { "content-type": "application/json" })
            .end('{"ok":true,"user_id":"UBOT","bot_id":"B","team_id":"T1"}');
          return;
        }
        this.received += 1;
        if (this.received > this.hangAfter) return; // never answered: not posted
        const channel = new URLSearchParams(raw).get("channel")!;
        this.posted.set(channel, (this.posted.get(channel) ?? 0) + 1);
        res.writeHead(200, { "content-type": "application/json" }).end(`{"ok":true,"channel":"${channel}","ts":"1.1"}`);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

async function seed(store: Store, count: number): Promise<void> {
  const at = new Date("2026-11-20T00:00:00Z").toISOString();
  const ids = Array.from({ length: count }, (_, i) => `slack:T1:C${i}`);
  for (let i = 0; i < ids.length; i += 200) {
    const chunk = ids.slice(i, i + 200);
    await store.db
      .insertInto("conversations")
      .values(
        chunk.map((id) => ({
          id,
          platform: "slack",
          is_direct: 0,
          user_id: null,
          reference: JSON.stringify({ channel: id.split(":")[2] }),
          welcomed_at: null,
          updated_at: at,
        })),
      )
      .execute();
    await store.db
      .insertInto("subscriptions")
      .values(
        chunk.map((id) => ({
          id,
          platform: "slack",
          is_direct: 0,
          weekday: 1,
          time: "08:30",
          time_zone: "Europe/Amsterdam",
          track: "standaard",
          paused_until: null,
          active: 1,
          deactivated_reason: null,
          created_by: "U1",
          schedule_from: at,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute();
  }
}

function deliverer(store: Store, slackUrl: string, instance: string): Deliverer {
  const brain = sharedBrain();
  return new Deliverer({
    store,
    plan: sharedPlan(),
    knowledge: brain.knowledge,
    answerer: brain.answerer,
    instance,
    log: createLogger({ logLevel: "silent", logQuestions: false }, new LogSink()),
    platforms: new Map([
      [
        "slack",
        {
          sender: new SlackSender({ botToken: "xoxb-scale", apiUrl: slackUrl }),
          pacer: new Pacer({ perSecond: 2000, burst: 200, perConversationMs: 0 }),
        },
      ],
    ]),
  });
}

describe.skipIf(!hasPostgres)("scale-out on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("three scheduler instances in parallel over 1,000 subscriptions post every lesson exactly once", async () => {
    const slack = await new CountingSlack().start();
    const stores = await Promise.all([0, 1, 2].map(() => Store.open(db.url)));
    await stores[0]!.db.deleteFrom("subscriptions").execute();
    await seed(stores[0]!, SUBSCRIPTIONS);
    const reports = await Promise.all(
      stores.map((store, i) => deliverer(store, slack.url, `instance-${i}`).runPass(SLOT)),
    );
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(SUBSCRIPTIONS);
    expect(reports.filter((r) => r.sent > 0).length).toBeGreaterThan(1); // the work was really shared
    expect(slack.posted.size).toBe(SUBSCRIPTIONS);
    expect([...slack.posted.values()].every((n) => n === 1)).toBe(true);
    expect(await stores[0]!.deliveries.countByStatus()).toEqual({ sent: SUBSCRIPTIONS });
    // a second round of passes changes nothing
    await Promise.all(
      stores.map((store, i) => deliverer(store, slack.url, `instance-${i}`).runPass(new Date(SLOT.getTime() + 60_000))),
    );
    expect(slack.received).toBe(SUBSCRIPTIONS);
    for (const store of stores) await store.close();
    await slack.stop();
  }, 180_000);

  it("an instance killed in the middle of a pass: its claims are taken over after the lease, each lesson posted once", async () => {
    const slack = await new CountingSlack().start();
    const store = await Store.open(db.url);
    for (const table of ["deliveries", "subscriptions", "conversations"] as const)
      await store.db.deleteFrom(table).execute();
    await seed(store, SUBSCRIPTIONS);
    slack.hangAfter = 150;
    // node itself with tsx as its loader: SIGKILL must reach the process that delivers (killing an
    // npx or tsx wrapper would leave it running, and posting, as an orphan).
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/deliver.ts", "--now", SLOT.toISOString()], {
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        SLACK_BOT_TOKEN: "xoxb-scale",
        SLACK_SIGNING_SECRET: "s",
        SLACK_API_URL: slack.url,
        DELIVERY_PER_SECOND: "100",
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    // Generous: the child transpiles through tsx, slow on a busy machine.
    const deadline = Date.now() + 90_000;
    while (slack.received <= slack.hangAfter && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 100)); // let its other workers claim and hang too
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    const stuck = (await store.deliveries.countByStatus()).claimed ?? 0;
    expect(stuck).toBeGreaterThan(0); // claimed by the dead process, not sent
    expect(slack.posted.size).toBe(150);

    slack.hangAfter = Infinity;
    const survivors = await Promise.all([0, 1, 2].map(() => Store.open(db.url)));
    const during = await Promise.all(
      survivors.map((s, i) => deliverer(s, slack.url, `survivor-${i}`).runPass(new Date(SLOT.getTime() + 60_000))),
    );
    expect(during.reduce((sum, r) => sum + r.sent, 0)).toBe(SUBSCRIPTIONS - 150 - stuck); // the dead claims are still leased
    const after = await Promise.all(
      survivors.map((s, i) => deliverer(s, slack.url, `survivor-${i}`).runPass(new Date(SLOT.getTime() + 6 * 60_000))),
    );
    expect(after.reduce((sum, r) => sum + r.sent, 0)).toBe(stuck); // taken over after the 5-minute lease
    expect(slack.posted.size).toBe(SUBSCRIPTIONS);
    expect([...slack.posted.values()].every((n) => n === 1)).toBe(true);
    expect(await store.deliveries.countByStatus()).toEqual({ sent: SUBSCRIPTIONS });
    for (const s of [store, ...survivors]) await s.close();
    await slack.stop();
  }, 180_000);

  it("two bot instances share Slack event de-duplication: a retried event is answered once", async () => {
    const slack = await new CountingSlack().start();
    const env = { SLACK_BOT_TOKEN: "xoxb-dedupe", SLACK_SIGNING_SECRET: "dedupe-secret", SLACK_API_URL: slack.url };
    const bots = [await startTestBot(env, db.url), await startTestBot(env, db.url)];
    const body = JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      api_app_id: "A1",
      event_id: `EvShared${Date.now()}`,
      event_time: 1,
      event: { type: "app_mention", user: "U1", text: "<@UBOT> thema 16", ts: "5.5", channel: "CSHARED" },
    });
    const responses = await Promise.all(
      bots.map((b, i) =>
        fetch(`${b.server.url}/slack/events`, {
          method: "POST",
          headers: { ...slackHeaders("dedupe-secret", body), ...(i ? { "x-slack-retry-num": "1" } : {}) },
          body,
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    const deadline = Date.now() + 30_000; // a condition wait: generous for a loaded machine
    while (slack.received < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.posted.get("CSHARED")).toBe(1);
    for (const b of bots) await b.stop();
    await slack.stop();
  });
});
