import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Deliverer } from "../../src/lessons/deliver.ts";
import { Pacer } from "../../src/lessons/pacer.ts";
import { createLogger } from "../../src/log.ts";
import { SlackSender } from "../../src/surfaces/slack/slack-sender.ts";
import {
  LogSink,
  sharedBrain,
  sharedPlan,
  startTestBot,
  subscribeSlackChannel,
  testApp,
  type TestBot,
} from "../helpers/bot.ts";
import { fakeBotConnector, fakeSlackApi, type FakePlatform } from "../helpers/fake-platform.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";

/** A platform API that hangs, fails or refuses: the bot neither freezes nor dies, and retries what it may. */
const SECRET = "platform-secret";
let slack: FakePlatform;
let connector: FakePlatform;
const bots: TestBot[] = [];

beforeAll(async () => {
  slack = await fakeSlackApi().start();
  connector = await fakeBotConnector().start();
});
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
  slack.requests.length = 0;
  connector.requests.length = 0;
});
afterAll(async () => {
  await slack.stop();
  await connector.stop();
});

const slackEnv = () => ({
  SLACK_BOT_TOKEN: "xoxb-platform",
  SLACK_SIGNING_SECRET: SECRET,
  SLACK_API_URL: `${slack.url}/api/`,
});

async function slackBot(): Promise<TestBot> {
  const bot = await startTestBot(slackEnv());
  bots.push(bot);
  return bot;
}

let n = 0;
async function signedDm(bot: TestBot, text: string, user = "U1"): Promise<number> {
  n += 1;
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    event_id: `EvP${n}${Date.now()}`,
    event: { type: "message", channel_type: "im", user, text, ts: `${n}.1`, channel: `D${user}` },
  });
  return (await fetch(`${bot.server.url}/slack/events`, { method: "POST", headers: slackHeaders(SECRET, body), body }))
    .status;
}

describe("Slack start-up and replies", () => {
  it("retries auth.test that answers ok:false instead of crashing, and answers meanwhile", async () => {
    slack.script(
      "/auth.test",
      { status: 200, body: { ok: false, error: "internal_error" } },
      { status: 200, body: { ok: false, error: "internal_error" } },
    );
    const bot = await slackBot();
    expect(await signedDm(bot, "help")).toBe(200);
    await slack.waitFor("/chat.postMessage", 1, 20_000);
    // Backoff 1 s, then 2 s: the third auth.test succeeds.
    await slack.waitFor("/auth.test", 3, 20_000);
    // The third answer is ok: the identity is marked ready as soon as that response is read.
    for (let waited = 0; !bot.server.slack!.identity.ready && waited < 20_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    expect(bot.server.slack!.identity.ready).toBe(true);
    expect((await fetch(`${bot.server.url}/healthz`)).status).toBe(200);
  });

  it("retries a reply that fails with 500 and then posts it once", async () => {
    const bot = await slackBot();
    slack.script("/chat.postMessage", { status: 500, body: { ok: false } }, { status: 503, body: { ok: false } });
    expect(await signedDm(bot, "Hoe werk ik goed samen met de griffier?")).toBe(200);
    const calls = await slack.waitFor("/chat.postMessage", 3, 30_000);
    await bot.server.slack!.inFlight.settle(30_000);
    expect(slack.calls("/chat.postMessage")).toHaveLength(3);
    expect(JSON.stringify(calls[2]!.body)).toContain("Bron:");
  });
});

describe("replays and clock skew", () => {
  it("answers a replayed slash command and a replayed click once, and refuses timestamps from the future", async () => {
    const bot = await slackBot();
    const form = new URLSearchParams({
      team_id: "T1",
      channel_id: "C1",
      user_id: "U1",
      command: "/wegwijzer",
      text: "help",
      response_url: `${slack.url}/respond/1`,
      trigger_id: "t1",
    }).toString();
    const headers = slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded");
    for (let i = 0; i < 3; i++)
      expect((await fetch(`${bot.server.url}/slack/events`, { method: "POST", headers, body: form })).status).toBe(200);
    const click = new URLSearchParams({
      payload: JSON.stringify({
        type: "block_actions",
        user: { id: "U1", team_id: "T1" },
        team: { id: "T1" },
        channel: { id: "C1" },
        message: { ts: "1.1" },
        actions: [{ action_id: "wegwijzer:0", value: JSON.stringify({ kind: "command", command: "abonneer" }) }],
        response_url: `${slack.url}/respond/2`,
      }),
    }).toString();
    const clickHeaders = slackHeaders(SECRET, click, undefined, "application/x-www-form-urlencoded");
    for (let i = 0; i < 3; i++)
      expect(
        (await fetch(`${bot.server.url}/slack/events`, { method: "POST", headers: clickHeaders, body: click })).status,
      ).toBe(200);
    await slack.waitFor("/respond/1", 1, 20_000);
    await slack.waitFor("/chat.postMessage", 2, 20_000); // the click's reply and its channel announcement
    await bot.server.slack!.inFlight.settle(20_000);
    expect(slack.calls("/respond/1")).toHaveLength(1);
    const announcements = slack
      .calls("/chat.postMessage")
      .filter((c) => String(c.body.text).includes("heeft dit kanaal geabonneerd"));
    expect(announcements).toHaveLength(1);

    const future = Math.floor(Date.now() / 1000) + 3600;
    const body = JSON.stringify({
      type: "event_callback",
      team_id: "T1",
      event_id: "EvFuture",
      event: { type: "message", channel_type: "im", user: "U1", text: "help", ts: "1.1", channel: "D1" },
    });
    expect(
      (
        await fetch(`${bot.server.url}/slack/events`, {
          method: "POST",
          headers: slackHeaders(SECRET, body, future),
          body,
        })
      ).status,
    ).toBe(401);
  });
});

describe("Teams replies", () => {
  it("answers the incoming request 200 and retries a reply the Bot Connector refuses with 500 or 429", async () => {
    const bot = await startTestBot({ TEAMS_ALLOW_UNAUTHENTICATED: "1", TEAMS_SERVICE_URL: connector.url });
    bots.push(bot);
    connector.script(
      "/activities",
      { status: 500, body: {} },
      { status: 429, headers: { "retry-after": "1" }, body: {} },
    );
    const activity = {
      type: "message",
      id: "m1",
      serviceUrl: connector.url,
      channelId: "msteams",
      text: "help",
      from: { id: "29:u", aadObjectId: "aad-u" },
      conversation: { id: "a:p1", conversationType: "personal" },
      recipient: { id: "28:bot" },
    };
    const res = await fetch(`${bot.server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    expect(res.status).toBe(200);
    await connector.waitFor("/activities", 3, 30_000);
    await bot.server.teams!.inFlight.settle(30_000);
    expect(connector.calls("/activities")).toHaveLength(3);
  });
});

describe("the scheduler with a hanging platform", () => {
  it("gives a post that never gets an answer a deadline: the pass moves on, the record is retried later", async () => {
    const app = await testApp();
    const { store } = app;
    for (const channel of ["C1", "C2", "C3"]) {
      await subscribeSlackChannel(store, channel);
    }
    slack.script("/chat.postMessage", { status: 200, body: {}, hang: true });
    const brain = sharedBrain();
    const deliverer = new Deliverer({
      store,
      plan: sharedPlan(),
      knowledge: brain.knowledge,
      answerer: brain.answerer,
      log: createLogger({ logLevel: "silent", logQuestions: false }, new LogSink()),
      platforms: new Map([
        [
          "slack",
          {
            sender: new SlackSender({ botToken: "xoxb-x", apiUrl: `${slack.url}/api/` }),
            pacer: new Pacer({ perSecond: 100, burst: 10, perConversationMs: 0 }),
          },
        ],
      ]),
      concurrency: 1,
      postTimeoutMs: 1_000,
    });
    const report = await deliverer.runPass(new Date("2026-11-23T07:30:00Z"));
    expect(report.sent).toBe(2);
    expect(report.retryLater).toBe(1);
    const retried = await deliverer.runPass(new Date("2026-11-23T07:45:00Z"));
    expect(retried.sent).toBe(1);
    await app.close();
  });
});
