import { describe, expect, it } from "vitest";
import type { FakePlatform } from "../helpers/fake-platform.ts";
import type { TestBot } from "../helpers/bot.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";
import { useBotFixture } from "../helpers/fixtures.ts";

/** The weekly digest of a regional channel, on a fake clock, against the fake Slack API. */
const SECRET = "digest-secret";
let slack: FakePlatform;
let bot: TestBot;

useBotFixture({ slackSecret: SECRET }, (f) => ({ slack, bot } = f));

let n = 0;
async function mention(channel: string, text: string) {
  n += 1;
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: `EvG${n}${Date.now()}`,
    event_time: 1,
    event: { type: "app_mention", user: "U5", text: `<@UBOT> ${text}`, ts: `17000${n}.1`, channel },
  });
  const res = await fetch(`${bot.server.url}/slack/events`, {
    method: "POST",
    headers: slackHeaders(SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
}
const ask = (region: string, user: string, unit: string, at: string, replies = 0) =>
  bot.store.regions
    .addQuestion(
      {
        regionId: region,
        userKey: `slack:${user}`,
        dmConversationId: `slack:T1:${user}`,
        anonymous: true,
        unitIds: [unit],
        threadRef: `${at}-${user}`,
      },
      new Date(at),
    )
    .then(async (q) => {
      for (let i = 0; i < replies; i++) await bot.store.regions.countReply(q.id);
    });
const digestPosts = (channel: string) =>
  slack
    .calls("/chat.postMessage")
    .filter((p) => p.body.channel === channel && String(p.body.text).includes("Weekoverzicht"));

describe("weekly digest (regio digest aan)", () => {
  it("is turned on per channel, goes out on Friday from 15:00 once a week, with theme counts only when three or more people asked", async () => {
    await mention("C21", "regio koppel Regio Twente");
    await mention("C21", "regio digest aan");
    await slack.waitFor("/chat.postMessage", 3);
    expect(slack.calls("/chat.postMessage").some((p) => JSON.stringify(p.body).includes("wekelijks overzicht"))).toBe(
      true,
    );
    expect((await bot.store.regions.get("slack:T1:C21"))?.digest).toBe(true);

    await ask("slack:T1:C21", "U1", "wegwijzer-84", "2026-11-23T10:00:00Z");
    await ask("slack:T1:C21", "U2", "wegwijzer-84", "2026-11-24T10:00:00Z", 2);
    await ask("slack:T1:C21", "U1", "wegwijzer-85", "2026-11-25T10:00:00Z", 1);
    await ask("slack:T1:C21", "U3", "wegwijzer-16", "2026-11-18T10:00:00Z"); // last week, still open

    expect(await bot.server.digest.runPass(new Date("2026-11-26T15:00:00Z"))).toBe(0); // Thursday
    expect(await bot.server.digest.runPass(new Date("2026-11-27T13:59:00Z"))).toBe(0); // Friday 14:59 in Amsterdam
    expect(await bot.server.digest.runPass(new Date("2026-11-27T14:00:00Z"))).toBe(1);
    expect(await bot.server.digest.runPass(new Date("2026-11-27T16:00:00Z"))).toBe(0); // once a week
    const [first] = digestPosts("C21");
    const text = JSON.stringify(first!.body);
    // two people asked this week: no themes, so nobody can be identified
    expect(text).toContain("minder dan drie collega");
    expect(text).not.toContain("Collegeonderhandelingen (");
    // the open threads: this week's unanswered one and last week's
    expect(text).toContain("maandag 23 november (thema 84: Collegeonderhandelingen)");
    expect(text).toContain("woensdag 18 november (thema 16: Relatie met griffier)");
    expect(text).not.toContain("dinsdag 24 november");
    expect(text).not.toMatch(/U[123]/);

    // the next week three people ask
    await ask("slack:T1:C21", "U1", "wegwijzer-84", "2026-11-30T10:00:00Z", 1);
    await ask("slack:T1:C21", "U2", "wegwijzer-84", "2026-12-01T10:00:00Z", 1);
    await ask("slack:T1:C21", "U4", "wegwijzer-14", "2026-12-02T10:00:00Z", 1);
    slack.requests.length = 0;
    expect(await bot.server.digest.runPass(new Date("2026-12-04T15:30:00Z"))).toBe(1);
    const second = JSON.stringify(digestPosts("C21")[0]!.body);
    expect(second).toContain("thema 84: Collegeonderhandelingen (2×)");
    expect(second).toContain("thema 14: Relatie met portefeuillehouder financiën (1×)");
    expect(second).not.toMatch(/U[124]/);
  });

  it("stays quiet when it is off, and when there is nothing to report", async () => {
    await bot.store.regions.setDigest("slack:T1:C21", false);
    await mention("C22", "regio koppel Regio Stil");
    await slack.waitFor("/chat.postMessage", 2);
    await ask("slack:T1:C22", "U1", "wegwijzer-84", "2026-12-07T10:00:00Z");
    expect(await bot.server.digest.runPass(new Date("2026-12-11T15:00:00Z"))).toBe(0);
    await mention("C22", "regio digest aan");
    await mention("C23", "regio koppel Regio Leeg");
    await mention("C23", "regio digest aan");
    await slack.waitFor("/chat.postMessage", 6);
    slack.requests.length = 0;
    expect(await bot.server.digest.runPass(new Date("2026-12-18T15:00:00Z"))).toBe(1); // only C22: C23 has nothing to say
    expect(digestPosts("C22")).toHaveLength(1);
    expect(digestPosts("C23")).toHaveLength(0);
  });
});
