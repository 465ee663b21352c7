import { describe, expect, it } from "vitest";
import type { FakePlatform } from "../helpers/fake-platform.ts";
import type { TestBot } from "../helpers/bot.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";
import { useBotFixture } from "../helpers/fixtures.ts";

const SECRET = "test-signing-secret";
let slack: FakePlatform;
let bot: TestBot;

useBotFixture({ slackSecret: SECRET, slackToken: "xoxb-test-token" }, (f) => ({ slack, bot } = f));

let eventCounter = 0;
function mentionEvent(text: string, extra: Record<string, unknown> = {}) {
  eventCounter += 1;
  return {
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${Date.now()}${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: "app_mention",
      user: "U1",
      text,
      ts: `1700000${eventCounter}.000200`,
      channel: "C1",
      event_ts: `1700000${eventCounter}.000200`,
      ...extra,
    },
  };
}

async function postSlack(body: string, headers: Record<string, string>, extra: Record<string, string> = {}) {
  return fetch(`${bot.server.url}/slack/events`, { method: "POST", headers: { ...headers, ...extra }, body });
}

async function sendSigned(payload: object, extra: Record<string, string> = {}) {
  const body = JSON.stringify(payload);
  return postSlack(body, slackHeaders(SECRET, body), extra);
}

function postedText(call: { body: Record<string, unknown> }): string {
  return JSON.stringify(call.body.blocks ?? "") + String(call.body.text ?? "");
}

describe("Slack over real HTTP", () => {
  it("answers a signed app_mention in the thread, with blocks, source and buttons", async () => {
    const event = mentionEvent("<@UBOT> mijn wethouder P&O wil meebeslissen over wie afdelingsmanager wordt");
    const res = await sendSigned(event);
    expect(res.status).toBe(200);
    const [post] = await slack.waitFor("/chat.postMessage");
    expect(post!.body.channel).toBe("C1");
    expect(post!.body.thread_ts).toBe(event.event.ts);
    expect(post!.headers.authorization).toBe("Bearer xoxb-test-token");
    const blocks = post!.body.blocks as Array<{ type: string }>;
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(postedText(post!)).toContain("Bron: Wegwijzer voor de Gemeentesecretaris, thema 13");
    expect(blocks.some((b) => b.type === "actions")).toBe(true);
  });

  it("refuses forged and stale signatures with 401 and sends nothing", async () => {
    const body = JSON.stringify(mentionEvent("<@UBOT> hoi"));
    const forged = await postSlack(body, slackHeaders("wrong-secret", body));
    const stale = await postSlack(body, slackHeaders(SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60));
    const unsigned = await postSlack(body, { "content-type": "application/json" });
    expect([forged.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls("/chat.postMessage")).toHaveLength(0);
  });

  it("answers a retried event once", async () => {
    const event = mentionEvent("<@UBOT> hoe werk ik samen met de griffier");
    await sendSigned(event);
    await sendSigned(event, { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" });
    await sendSigned(event, { "x-slack-retry-num": "2", "x-slack-retry-reason": "http_timeout" });
    await slack.waitFor("/chat.postMessage");
    await new Promise((r) => setTimeout(r, 300));
    expect(slack.calls("/chat.postMessage")).toHaveLength(1);
  });

  it("never answers unmentioned channel talk, but does answer a DM", async () => {
    const channelMessage = {
      ...mentionEvent(""),
      event: {
        type: "message",
        channel_type: "channel",
        user: "U1",
        text: "wie heeft er koffie",
        ts: "1.1",
        channel: "C1",
      },
    };
    await sendSigned(channelMessage);
    const dm = {
      ...mentionEvent(""),
      event: { type: "message", channel_type: "im", user: "U1", text: "thema 16", ts: "1.2", channel: "D1" },
    };
    await sendSigned(dm);
    const [post] = await slack.waitFor("/chat.postMessage");
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.calls("/chat.postMessage")).toHaveLength(1);
    expect(post!.body.channel).toBe("D1");
    expect(postedText(post!)).toContain("thema 16");
  });

  it("answers the slash command through its response_url, to the asker only", async () => {
    const form = new URLSearchParams({
      token: "legacy",
      team_id: "T1",
      team_domain: "gemeente",
      channel_id: "C1",
      channel_name: "algemeen",
      user_id: "U1",
      user_name: "secretaris",
      command: "/wegwijzer",
      text: "thema 45",
      api_app_id: "A1",
      response_url: `${slack.url}/respond/T1/123/abc`,
      trigger_id: "1.2.3",
    }).toString();
    const res = await postSlack(form, slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded"));
    expect(res.status).toBe(200);
    const [response] = await slack.waitFor("/respond/T1/123/abc");
    expect(response!.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(response!.body.blocks)).toContain("thema 45");
  });

  it("asks a clicked follow-up in the same thread", async () => {
    const payload = {
      type: "block_actions",
      team: { id: "T1", domain: "gemeente" },
      user: { id: "U1", team_id: "T1" },
      api_app_id: "A1",
      channel: { id: "C1", name: "algemeen" },
      container: {
        type: "message",
        message_ts: "1700000999.000300",
        channel_id: "C1",
        is_ephemeral: false,
        thread_ts: "1700000998.000100",
      },
      message: { type: "message", ts: "1700000999.000300", thread_ts: "1700000998.000100", text: "antwoord" },
      trigger_id: "1.2.3",
      response_url: `${slack.url}/respond/T1/456/def`,
      actions: [
        {
          type: "button",
          action_id: "wegwijzer:0",
          block_id: "b1",
          value: JSON.stringify({ kind: "ask", question: "Hoe werk ik samen met de griffier?" }),
          action_ts: "1700001000.1",
        },
      ],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await postSlack(form, slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded"));
    expect(res.status).toBe(200);
    const [post] = await slack.waitFor("/chat.postMessage");
    expect(post!.body.channel).toBe("C1");
    expect(post!.body.thread_ts).toBe("1700000998.000100");
    expect(postedText(post!)).toContain("griffier");
    // Once the click is fully handled, its answer stands exactly once (a click once posted it twice).
    await bot.server.slack!.inFlight.settle(30_000);
    expect(slack.calls("/chat.postMessage")).toHaveLength(1);
  });

  it("stores feedback with unit IDs and a question hash, never the user", async () => {
    const payload = {
      type: "block_actions",
      team: { id: "T1" },
      user: { id: "U-secret", team_id: "T1" },
      api_app_id: "A1",
      channel: { id: "D1" },
      container: { type: "message", message_ts: "1.5", channel_id: "D1", is_ephemeral: false },
      message: { type: "message", ts: "1.5", text: "antwoord" },
      trigger_id: "1",
      response_url: `${slack.url}/respond/x`,
      actions: [
        {
          type: "button",
          action_id: "wegwijzer:7",
          block_id: "b",
          value: JSON.stringify({ kind: "feedback", value: "up", ref: "0123456789abcdef|wegwijzer-13,wegwijzer-52" }),
          action_ts: "1",
        },
      ],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    await postSlack(form, slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded"));
    // The clicked answer itself changes: thanks instead of the 👍/👎 buttons (chat.update), no new message.
    const [update] = await slack.waitFor("/chat.update");
    expect(JSON.stringify(update)).toContain("Bedankt voor je feedback");
    const feedback = await bot.store.listFeedback();
    expect(feedback.at(-1)).toMatchObject({
      questionHash: "0123456789abcdef",
      unitIds: ["wegwijzer-13", "wegwijzer-52"],
      value: "up",
    });
    expect(JSON.stringify(feedback)).not.toContain("U-secret");
  });

  it("waits out a 429 with Retry-After and still delivers the answer", async () => {
    slack.script("/chat.postMessage", {
      status: 429,
      headers: { "retry-after": "1" },
      body: { ok: false, error: "ratelimited" },
    });
    const started = Date.now();
    await sendSigned(mentionEvent("<@UBOT> hoe werk ik goed samen met de griffier"));
    const calls = await slack.waitFor("/chat.postMessage", 2, 8000);
    expect(calls[1]!.at - calls[0]!.at).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(postedText(calls[1]!)).toContain("Bron:");
  });

  it("ignores signed broken JSON with 200 (no Slack retry), refuses a huge body with 413, answers empty and emoji-only input", async () => {
    const broken = "{ this is not json";
    expect((await postSlack(broken, slackHeaders(SECRET, broken))).status).toBe(200);
    const huge = JSON.stringify(mentionEvent(`<@UBOT> ${"bestuur ".repeat(140_000)}`));
    expect((await postSlack(huge, slackHeaders(SECRET, huge))).status).toBe(413);
    await sendSigned(mentionEvent("<@UBOT>"));
    await sendSigned(mentionEvent("<@UBOT> 🙂🙂🙂"));
    const posts = await slack.waitFor("/chat.postMessage", 2);
    for (const post of posts) expect(String(post.body.text).length).toBeGreaterThan(10);
    expect((await fetch(`${bot.server.url}/healthz`)).status).toBe(200);
  });

  it("publishes an App Home and welcomes once in the DM", async () => {
    const home = {
      ...mentionEvent(""),
      event: { type: "app_home_opened", user: "U1", channel: "D9", tab: "home", event_ts: "1.1" },
    };
    await sendSigned(home);
    const [publish] = await slack.waitFor("/views.publish");
    const view = JSON.stringify(publish!.body.view);
    for (const part of ["Wegwijzer", "Jouw les van de week", "Les van de week", "Reflectievraag", "abonneer"])
      expect(view).toContain(part);
    const messages = {
      ...mentionEvent(""),
      event: { type: "app_home_opened", user: "U1", channel: "D9", tab: "messages", event_ts: "1.2" },
    };
    await sendSigned(messages);
    await sendSigned({ ...messages, event_id: "EvSecondVisit" });
    await slack.waitFor("/chat.postMessage");
    await new Promise((r) => setTimeout(r, 200));
    expect(slack.calls("/chat.postMessage")).toHaveLength(1);
  });

  it("keeps question text and tokens out of the logs", () => {
    const all = bot.logs.lines.join("\n");
    expect(all).not.toContain("afdelingsmanager");
    expect(all).not.toContain("xoxb-test-token");
    expect(all).toContain('"intent":"question"');
  });
});

describe("Slack App Home buttons", () => {
  it("subscribes the user's DM from the Home tab, refreshes the Home, and can reach the DM later", async () => {
    const payload = {
      type: "block_actions",
      team: { id: "T1" },
      user: { id: "UHOME", team_id: "T1" },
      api_app_id: "A1",
      trigger_id: "1",
      view: { id: "V1", type: "home" },
      container: { type: "view", view_id: "V1" },
      actions: [
        {
          type: "button",
          action_id: "wegwijzer:0",
          block_id: "b",
          value: JSON.stringify({ kind: "command", command: "abonneer" }),
          action_ts: "1",
        },
      ],
    };
    const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    expect(
      (await postSlack(form, slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded"))).status,
    ).toBe(200);
    const [publish] = await slack.waitFor("/views.publish");
    expect(publish!.body.user_id).toBe("UHOME");
    expect(JSON.stringify(publish!.body.view)).toContain("Je bent geabonneerd");
    expect((await bot.store.subscriptions.get("slack:T1:UHOME"))?.active).toBe(true);
    expect((await bot.store.getConversation("slack:T1:UHOME"))?.reference).toEqual({ channel: "UHOME" });
  });
});
