import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Deliverer } from "../../src/lessons/deliver.ts";
import { Pacer } from "../../src/lessons/pacer.ts";
import { createLogger } from "../../src/log.ts";
import { Store } from "../../src/store/store.ts";
import { SlackSender } from "../../src/surfaces/slack/slack-sender.ts";
import { fakeSlackApi, type FakePlatform } from "../helpers/fake-platform.ts";
import { LogSink, sharedBrain, sharedPlan, startTestBot, subscribeSlackChannel, type TestBot } from "../helpers/bot.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";

const SECRET = "delivery-secret";
let slack: FakePlatform;
let bot: TestBot;
let clock = new Date("2026-11-23T07:00:00Z"); // Monday 08:00 in Amsterdam
const now = () => clock;

beforeAll(async () => {
  slack = await fakeSlackApi().start();
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(async () => {
  slack.requests.length = 0;
  clock = new Date("2026-11-23T07:00:00Z");
  bot = await startTestBot(
    {
      SLACK_BOT_TOKEN: "xoxb-delivery",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
      DELIVERY_PER_SECOND: "50",
    },
    ":memory:",
    now,
  );
});
afterEach(async () => {
  await bot.stop();
});

let n = 0;
/** A DM to the bot over real HTTP, as Slack sends it. */
async function dm(text: string, user = "U1") {
  n += 1;
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: `EvD${n}${Date.now()}`,
    event_time: 1,
    event: { type: "message", channel_type: "im", user, text, ts: `${n}.1`, channel: `D-${user}` },
  });
  const res = await fetch(`${bot.server.url}/slack/events`, {
    method: "POST",
    headers: slackHeaders(SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
  const posts = await slack.waitFor("/chat.postMessage", slack.calls("/chat.postMessage").length + 1);
  return posts.at(-1)!;
}

const lessonPosts = () =>
  slack.calls("/chat.postMessage").filter((c) => JSON.stringify(c.body.blocks ?? "").includes("Les van de week"));
const pass = (at: string) => bot.server.deliverer.runPass(new Date(at));

describe("les van de week over Slack", () => {
  it("subscribe by chat, then exactly one lesson at the slot, however often the scheduler runs", async () => {
    const confirm = await dm("abonneer dinsdag 9:00");
    expect(JSON.stringify(confirm.body)).toContain("elke dinsdag om 09:00");
    slack.requests.length = 0;
    expect((await pass("2026-11-24T07:59:00Z")).sent).toBe(0); // 08:59 Amsterdam
    const first = await pass("2026-11-24T08:00:00Z");
    expect(first.sent).toBe(1);
    await pass("2026-11-24T08:01:00Z");
    await pass("2026-11-24T12:00:00Z");
    expect(lessonPosts()).toHaveLength(1);
    const post = lessonPosts()[0]!;
    expect(post.body.channel).toBe("D-U1");
    const json = JSON.stringify(post.body.blocks);
    for (const part of ["Bron:", "Reflectievraag", "Lees het hele thema", "Noteer je reflectie", "Pauzeer", "Afmelden"])
      expect(json).toContain(part);
    // the next week brings the next lesson, a different one
    await pass("2026-12-01T08:00:00Z");
    expect(lessonPosts()).toHaveLength(2);
    expect(JSON.stringify(lessonPosts()[1]!.body.blocks)).not.toBe(json);
  });

  it("posts at 08:30 Amsterdam time in the weeks of both daylight-saving changes", async () => {
    await dm("abonneer maandag 8:30");
    slack.requests.length = 0;
    // Monday after the autumn change (25 Oct 2026 → CET): 08:30 is 07:30Z
    clock = new Date("2026-10-20T00:00:00Z");
    await bot.store.subscriptions.upsert(
      {
        id: "slack:T1:U1",
        platform: "slack",
        isDirect: true,
        weekday: 1,
        time: "08:30",
        timeZone: "Europe/Amsterdam",
        track: "standaard",
        createdBy: "U1",
      },
      new Date("2026-10-20T00:00:00Z"),
    );
    expect((await pass("2026-10-26T07:29:00Z")).sent).toBe(0);
    expect((await pass("2026-10-26T07:30:00Z")).sent).toBe(1);
    // Monday after the spring change (28 Mar 2027 → CEST): 08:30 is 06:30Z
    expect((await pass("2027-03-29T06:29:00Z")).sent).toBe(0);
    expect((await pass("2027-03-29T06:30:00Z")).sent).toBe(1);
    expect(lessonPosts()).toHaveLength(2);
  });

  it("sends a missed lesson later the same day, skips it with a log line on a later day", async () => {
    await dm("abonneer maandag 8:30", "U2");
    await dm("abonneer maandag 8:30", "U3");
    // U2's slot passes while the bot is down; it comes back at 15:00 the same day.
    clock = new Date("2026-11-23T14:00:00Z");
    const sameDay = await pass("2026-11-30T14:00:00Z");
    expect(sameDay.sent).toBe(2);
    slack.requests.length = 0;
    const laterDay = await pass("2026-12-08T09:00:00Z"); // Tuesday: Monday's slot is gone
    expect(laterDay.sent).toBe(0);
    expect(laterDay.skipped).toBe(2);
    expect(lessonPosts()).toHaveLength(0);
    expect(bot.logs.lines.some((l) => l.includes("lesson skipped"))).toBe(true);
  });

  it("waits out a 429 with Retry-After and still posts once", async () => {
    await dm("abonneer maandag 8:30");
    slack.requests.length = 0;
    slack.script("/chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });
    const report = await pass("2026-11-30T07:30:00Z");
    expect(report.sent).toBe(1);
    const calls = slack.calls("/chat.postMessage");
    expect(calls).toHaveLength(2);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it("deactivates on 403 and on channel_not_found, keeping the reason, and never retries", async () => {
    await dm("abonneer maandag 8:30", "U4");
    await dm("abonneer maandag 8:30", "U5");
    slack.requests.length = 0;
    slack.script(
      "/chat.postMessage",
      { status: 403, body: { ok: false } },
      { status: 200, body: { ok: false, error: "channel_not_found" } },
    );
    const report = await pass("2026-11-30T07:30:00Z");
    expect(report.deactivated).toBe(2);
    const reasons = [
      (await bot.store.subscriptions.get("slack:T1:U4"))!,
      (await bot.store.subscriptions.get("slack:T1:U5"))!,
    ].map((s) => [s.active, s.deactivatedReason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        [false, "http_403"],
        [false, "channel_not_found"],
      ]),
    );
    await pass("2026-11-30T09:00:00Z");
    await pass("2026-12-07T07:30:00Z");
    expect(slack.calls("/chat.postMessage")).toHaveLength(2);
    const status = await dm("status", "U4");
    expect(JSON.stringify(status.body)).toContain("http_403");
  });

  it("retries a 500 with backoff within the week, and sends once", async () => {
    await dm("abonneer maandag 8:30");
    slack.requests.length = 0;
    slack.script("/chat.postMessage", { status: 500, body: { ok: false } });
    const first = await pass("2026-11-30T07:30:00Z");
    expect(first.retryLater).toBe(1);
    expect((await pass("2026-11-30T07:30:30Z")).sent).toBe(0); // backoff not over
    expect((await pass("2026-11-30T07:31:30Z")).sent).toBe(1);
    await pass("2026-11-30T08:00:00Z");
    expect(slack.calls("/chat.postMessage")).toHaveLength(2); // the refused one and the one that arrived
    expect(await bot.store.deliveries.countByStatus()).toEqual({ sent: 1 });
  });

  it("takes over a claim from a process killed between claim and record, after the lease, and sends once", async () => {
    await dm("abonneer maandag 8:30");
    slack.requests.length = 0;
    const plan = sharedPlan();
    // another process claimed this week's lesson at 08:30 and died before sending
    const claim = await bot.store.deliveries.claim(
      "slack:T1:U1",
      "2026-W49",
      plan.tracks.standaard[0]!.unit.id,
      "dead-process",
      new Date("2026-11-30T07:30:00Z"),
      5 * 60_000,
    );
    expect(claim).toBeDefined();
    expect((await pass("2026-11-30T07:32:00Z")).sent).toBe(0); // lease still held
    expect((await pass("2026-11-30T07:36:00Z")).sent).toBe(1); // lease ran out: taken over
    await pass("2026-11-30T07:40:00Z");
    expect(lessonPosts()).toHaveLength(1);
    expect(JSON.stringify(lessonPosts()[0]!.body.blocks)).toContain(plan.tracks.standaard[0]!.unit.title);
  });

  it("announces a channel subscription in the channel and shows the lesson with a discussion button", async () => {
    const form = new URLSearchParams({
      team_id: "T1",
      channel_id: "C77",
      channel_name: "regio-noord",
      user_id: "U1",
      command: "/wegwijzer",
      text: "abonneer woensdag 10:00",
      response_url: `${slack.url}/respond/1`,
      trigger_id: "1",
    }).toString();
    await fetch(`${bot.server.url}/slack/events`, {
      method: "POST",
      headers: slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded"),
      body: form,
    });
    const [announcement] = await slack.waitFor("/chat.postMessage");
    expect(announcement!.body.channel).toBe("C77");
    expect(String(announcement!.body.text)).toContain("geabonneerd op de les van de week");
    await pass("2026-12-02T09:00:00Z");
    const lesson = lessonPosts()[0]!;
    expect(lesson.body.channel).toBe("C77");
    expect(JSON.stringify(lesson.body.blocks)).toContain("Bespreek in thread");
  });
});

describe("several processes on one database", () => {
  it("two schedulers on the same SQLite file post each lesson once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "wegwijzer-")), "shared.sqlite");
    const brain = sharedBrain();
    const stores = [await Store.open(file), await Store.open(file)];
    const log = createLogger({ logLevel: "silent", logQuestions: false }, new LogSink());
    for (let i = 0; i < 20; i++) {
      await subscribeSlackChannel(stores[0]!, `C${i}`);
    }
    slack.requests.length = 0;
    const deliverers = stores.map(
      (store, i) =>
        new Deliverer({
          store,
          plan: sharedPlan(),
          knowledge: brain.knowledge,
          answerer: brain.answerer,
          log,
          instance: `process-${i}`,
          platforms: new Map([
            [
              "slack",
              {
                sender: new SlackSender({ botToken: "xoxb-x", apiUrl: `${slack.url}/api/` }),
                pacer: new Pacer({ perSecond: 100, burst: 20, perConversationMs: 0 }),
              },
            ],
          ]),
        }),
    );
    const at = new Date("2026-11-23T07:30:00Z");
    const reports = await Promise.all([...deliverers, ...deliverers].map((d) => d.runPass(at)));
    expect(reports.reduce((sum, r) => sum + r.sent, 0)).toBe(20);
    expect(new Set(slack.calls("/chat.postMessage").map((c) => c.body.channel)).size).toBe(20);
    expect(slack.calls("/chat.postMessage")).toHaveLength(20);
    for (const store of stores) await store.close();
  });
});
