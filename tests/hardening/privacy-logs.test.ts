import { describe, expect, it } from "vitest";
import type { TestBot } from "../helpers/bot.ts";
import type { FakePlatform } from "../helpers/fake-platform.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";
import { useBotFixture } from "../helpers/fixtures.ts";

/**
 * The README promises no platform user or conversation ID and no fragment of a request body in
 * the logs at the default level. A scripted session over both platforms, with failures that
 * make the bot and the SDKs log (a refused reply, a deactivated subscription, broken input),
 * and then every log line is searched for them.
 */
const SECRET = "privacy-secret";
const SECRETS = [
  "UPRIVACY1",
  "CPRIVACY2",
  "DPRIVACY3",
  "TPRIVACY4",
  "29:privacy-user",
  "a:privacy-conv",
  "aad-privacy-user",
  "19:privacy-channel",
  "geheimevraag",
  "zzbodyfragmentzz",
];
let slack: FakePlatform;
let connector: FakePlatform;
let bot: TestBot;

useBotFixture({ slackSecret: SECRET, slackToken: "xoxb-privacy", teams: true }, (f) => ({ slack, connector, bot } = f));

let n = 0;
async function slackPost(body: string, contentType = "application/json") {
  return fetch(`${bot.server.url}/slack/events`, {
    method: "POST",
    headers: slackHeaders(SECRET, body, undefined, contentType),
    body,
  });
}
function event(inner: Record<string, unknown>) {
  n += 1;
  return JSON.stringify({
    type: "event_callback",
    team_id: "TPRIVACY4",
    event_id: `EvPriv${n}${Date.now()}`,
    event: inner,
  });
}
async function teams(fields: Record<string, unknown>) {
  const activity = {
    type: "message",
    id: `m${n++}`,
    serviceUrl: connector.url,
    channelId: "msteams",
    from: { id: "29:privacy-user", aadObjectId: "aad-privacy-user", name: "Secretaris" },
    conversation: { id: "a:privacy-conv", conversationType: "personal" },
    recipient: { id: "28:bot" },
    ...fields,
  };
  return fetch(`${bot.server.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity),
  });
}

describe("logs at the default level", () => {
  it("carry no platform IDs, no question text and no body fragments, also from the SDKs and on failures", async () => {
    // Slack: a DM, a mention, the slash command, a subscription, a reply Slack refuses, broken input.
    await slackPost(
      event({
        type: "message",
        channel_type: "im",
        user: "UPRIVACY1",
        text: "geheimevraag over de griffier",
        ts: "1.1",
        channel: "DPRIVACY3",
      }),
    );
    await slackPost(
      event({ type: "app_mention", user: "UPRIVACY1", text: "<@UBOT> abonneer", ts: "2.1", channel: "CPRIVACY2" }),
    );
    slack.script("/chat.postMessage", { status: 200, body: { ok: false, error: "channel_not_found" } });
    await slackPost(
      event({ type: "app_mention", user: "UPRIVACY1", text: "<@UBOT> geheimevraag", ts: "3.1", channel: "CPRIVACY2" }),
    );
    const form = new URLSearchParams({
      team_id: "TPRIVACY4",
      channel_id: "CPRIVACY2",
      user_id: "UPRIVACY1",
      command: "/wegwijzer",
      text: "geheimevraag",
      response_url: `${slack.url}/respond/9`,
      trigger_id: "x",
    });
    await slackPost(form.toString(), "application/x-www-form-urlencoded");
    await slackPost('{"zzbodyfragmentzz": UPRIVACY1 broken');
    await slackPost(
      event({ type: "app_mention", user: "UPRIVACY1", text: { zzbodyfragmentzz: 1 }, ts: "4.1", channel: "CPRIVACY2" }),
    );
    // Teams: a message, a reply the Bot Connector refuses, an update, broken input.
    await teams({ text: "geheimevraag" });
    connector.script("/activities", {
      status: 403,
      body: { error: { code: "BotBlocked", message: "a:privacy-conv blocked by 29:privacy-user" } },
    });
    await teams({ text: "geheimevraag nog een keer" });
    await teams({ type: "conversationUpdate", membersAdded: [{ id: "28:bot" }] });
    await teams({ text: 5, conversation: { id: "19:privacy-channel", conversationType: "channel" } });
    await teams({
      type: "message",
      text: "abonneer",
      conversation: { id: "19:privacy-channel;messageid=1", conversationType: "channel" },
      entities: [{ type: "mention", text: "<at>Wegwijzer</at>", mentioned: { id: "28:bot", name: "Wegwijzer" } }],
      serviceUrl: "http://127.0.0.1:1",
    });
    await slack.waitFor("/chat.postMessage", 3, 20_000);
    await Promise.all([bot.server.slack!.inFlight.settle(30_000), bot.server.teams!.inFlight.settle(30_000)]);
    // A delivery pass whose post is refused: the deactivation is logged.
    slack.script("/chat.postMessage", { status: 200, body: { ok: false, error: "channel_not_found" } });
    await bot.server.deliverer.runPass(new Date(Date.now() + 8 * 24 * 3600 * 1000));

    const lines = bot.logs.lines;
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.some((l) => l.includes('"level":50') || l.includes('"level":40'))).toBe(true);
    for (const secret of SECRETS) {
      const leaking = lines.filter((l) => l.includes(secret));
      expect(leaking, `"${secret}" in the logs`).toEqual([]);
    }
  }, 90_000);
});
