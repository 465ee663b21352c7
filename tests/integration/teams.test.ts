import { describe, expect, it } from "vitest";
import type { FakePlatform } from "../helpers/fake-platform.ts";
import { startTestBot, type TestBot } from "../helpers/bot.ts";
import { useBotFixture } from "../helpers/fixtures.ts";
import { teamsActivity } from "../helpers/teams-activity.ts";

let connector: FakePlatform;
let bot: TestBot;

useBotFixture({ teams: true }, (f) => ({ connector, bot } = f));

const activity = (fields: Record<string, unknown>) => teamsActivity(connector.url, fields);

async function post(body: unknown, raw?: string) {
  return fetch(`${bot.server.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: raw ?? JSON.stringify(body),
  });
}

interface CardJson {
  type: string;
  version: string;
  body: unknown[];
}
function cardOf(call: { body: Record<string, unknown> }): CardJson {
  const attachments = call.body.attachments as Array<{ contentType: string; content: CardJson }>;
  expect(attachments[0]!.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return attachments[0]!.content;
}

describe("Teams over real HTTP", () => {
  it("answers a personal message with an Adaptive Card 1.5 on the connector", async () => {
    const res = await post(activity({ text: "hoe werk ik samen met de griffier?" }));
    expect(res.status).toBe(200);
    const [sent] = await connector.waitFor("/v3/conversations/a:personal-1/activities");
    const card = cardOf(sent!);
    expect(card.type).toBe("AdaptiveCard");
    expect(card.version).toBe("1.5");
    const json = JSON.stringify(card);
    expect(json).toContain("Bron: Wegwijzer voor de Gemeentesecretaris, thema 16");
    expect(json).toContain('"Action.Execute"');
    expect(json).toContain('"Action.Submit"');
    expect(Buffer.byteLength(JSON.stringify(sent!.body))).toBeLessThan(28 * 1024);
  });

  it("strips the mention in a channel and answers in the thread", async () => {
    const threadId = "19:team-channel@thread.tacv2;messageid=1700000000001";
    await post(
      activity({
        text: "<at>Wegwijzer</at> thema 16",
        conversation: { id: threadId, conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
        entities: [{ type: "mention", text: "<at>Wegwijzer</at>", mentioned: { id: "28:bot-1", name: "Wegwijzer" } }],
        channelData: {
          tenant: { id: "tenant-1" },
          teamsChannelId: "19:team-channel@thread.tacv2",
          teamsTeamId: "19:team@thread.tacv2",
        },
      }),
    );
    const [sent] = await connector.waitFor("/activities");
    expect(decodeURIComponent(sent!.path)).toContain(threadId);
    expect(JSON.stringify(cardOf(sent!))).toContain("thema 16");
  });

  it("answers a mention in a group chat, and says it only reads text when sent binary data", async () => {
    await post(
      activity({
        text: "<at>Wegwijzer</at> hoe werk ik samen met de griffier?",
        conversation: {
          id: "19:group-chat@thread.v2",
          conversationType: "groupChat",
          isGroup: true,
          tenantId: "tenant-1",
        },
        entities: [{ type: "mention", text: "<at>Wegwijzer</at>", mentioned: { id: "28:bot-1", name: "Wegwijzer" } }],
      }),
    );
    await post(activity({ text: "\u0000\u0001\u0002\u0003binary\u0004\u0005" }));
    const sent = await connector.waitFor("/activities", 2);
    const group = sent.find((s) => decodeURIComponent(s.path).includes("19:group-chat@thread.v2"))!;
    expect(JSON.stringify(cardOf(group))).toContain("thema 16");
    const binary = sent.find((s) => s !== group)!;
    expect(JSON.stringify(cardOf(binary))).toContain("Ik kan alleen tekst lezen");
  });

  it("handles a card action (Action.Execute) and the Action.Submit fallback", async () => {
    const click = { kind: "ask", question: "Hoe werk ik samen met de griffier?" };
    const invoke = await post(
      activity({
        type: "invoke",
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: "wegwijzer", data: { click } }, trigger: "manual" },
      }),
    );
    expect(invoke.status).toBe(200);
    await post(activity({ value: { click: { kind: "read-more", unitId: "wegwijzer-16" } } }));
    const sent = await connector.waitFor("/activities", 2);
    const texts = sent.map((s) => JSON.stringify(cardOf(s)));
    expect(texts.some((t) => t.includes("griffier"))).toBe(true);
    expect(texts.some((t) => t.includes("thema 16"))).toBe(true);
  });

  it("greets once on install and stores the conversation reference with its service URL", async () => {
    const install = activity({
      type: "installationUpdate",
      action: "add",
      conversation: { id: "a:personal-2", conversationType: "personal", tenantId: "tenant-1" },
    });
    await post(install);
    await post({ ...install, id: "again" });
    await post(
      activity({
        type: "conversationUpdate",
        membersAdded: [{ id: "28:bot-1" }],
        conversation: { id: "a:personal-2", conversationType: "personal" },
        channelData: { eventType: "teamMemberAdded", tenant: { id: "tenant-1" } },
      }),
    );
    await connector.waitFor("/activities");
    await new Promise((r) => setTimeout(r, 200));
    expect(connector.calls("/activities")).toHaveLength(1);
    const stored = await bot.store.getConversation("teams:a:personal-2");
    expect(stored?.reference).toMatchObject({ serviceUrl: connector.url });
  });

  it("refuses malformed, non-activity and oversized bodies with a 4xx, and answers empty or emoji-only text", async () => {
    expect((await post(undefined, "{ not json")).status).toBe(400);
    expect((await post([1, 2, 3])).status).toBe(400);
    expect((await post(undefined, JSON.stringify({ type: "message", text: "x".repeat(1024 * 1024) }))).status).toBe(
      413,
    );
    await post(activity({ text: "" }));
    await post(activity({ text: "🙂🙂" }));
    const sent = await connector.waitFor("/activities", 2);
    for (const s of sent) expect(JSON.stringify(cardOf(s)).length).toBeGreaterThan(100);
    expect((await fetch(`${bot.server.url}/readyz`)).status).toBe(200);
  });

  it("refuses a mention entity that names no one with 400 (the SDK would read its name and fail)", async () => {
    // found by `npm run fuzz` (seed 7926): a channel message whose mention entity lacks `mentioned`
    const channel = { id: "19:team-channel@thread.tacv2;messageid=1", conversationType: "channel", isGroup: true };
    const res = await post(
      activity({ text: "<at>Wegwijzer</at> hoi", conversation: channel, entities: [{ type: "mention" }] }),
    );
    expect(res.status).toBe(400);
    const named = await post(
      activity({
        text: "<at>Wegwijzer</at> thema 16",
        conversation: channel,
        entities: [{ type: "mention", text: "<at>Wegwijzer</at>", mentioned: { id: "28:bot-1", name: "Wegwijzer" } }],
      }),
    );
    expect(named.status).toBe(200);
    await connector.waitFor("/activities");
  });
});

describe("Teams token validation", () => {
  it("is on whenever credentials are set: an unsigned activity gets 401 and nothing is sent", async () => {
    const secured = await startTestBot({
      TEAMS_CLIENT_ID: "00000000-0000-0000-0000-000000000001",
      TEAMS_CLIENT_SECRET: "secret",
      TEAMS_TENANT_ID: "tenant-1",
    });
    try {
      const res = await fetch(`${secured.server.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(activity({ text: "hoi" })),
      });
      expect(res.status).toBe(401);
      await new Promise((r) => setTimeout(r, 100));
      expect(connector.calls("/activities")).toHaveLength(0);
    } finally {
      await secured.stop();
    }
  });
});

describe("Teams les van de week", () => {
  it("delivers the lesson proactively to the stored conversation at its service URL, and stops on 403", async () => {
    await post(
      activity({
        text: "abonneer maandag 8:30",
        conversation: { id: "a:personal-lesson", conversationType: "personal", tenantId: "tenant-1" },
      }),
    );
    await post(
      activity({
        text: "abonneer maandag 8:30",
        conversation: { id: "a:personal-gone", conversationType: "personal", tenantId: "tenant-1" },
      }),
    );
    await connector.waitFor("/activities", 2);
    connector.requests.length = 0;
    connector.script("/v3/conversations/a:personal-gone/activities", {
      status: 403,
      body: { error: { code: "BotNotInConversationRoster", message: "removed" } },
    });
    const now = new Date(Date.now() + 8 * 24 * 3600 * 1000);
    const monday = new Date(now);
    monday.setUTCDate(now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
    monday.setUTCHours(9, 0, 0, 0); // Monday 10:00 or 11:00 in Amsterdam: the slot has come, same day
    const report = await bot.server.deliverer.runPass(monday);
    expect(report.sent).toBe(1);
    expect(report.deactivated).toBe(1);
    const [lesson] = connector.calls("/v3/conversations/a:personal-lesson/activities");
    const card = JSON.stringify(cardOf(lesson!));
    expect(card).toContain("Les van de week");
    expect(card).toContain("Noteer je reflectie");
    expect((await bot.store.subscriptions.get("teams:a:personal-gone"))?.deactivatedReason).toBe(
      "403_BotNotInConversationRoster",
    );
  });
});

describe("Teams channel subscription", () => {
  it("confirms in the thread and announces the change as a new post in the channel", async () => {
    connector.requests.length = 0;
    await post(
      activity({
        text: "<at>Wegwijzer</at> abonneer woensdag 10:00",
        conversation: {
          id: "19:regio@thread.tacv2;messageid=1700000000099",
          conversationType: "channel",
          isGroup: true,
          tenantId: "tenant-1",
        },
        entities: [{ type: "mention", text: "<at>Wegwijzer</at>", mentioned: { id: "28:bot-1", name: "Wegwijzer" } }],
      }),
    );
    const sent = await connector.waitFor("/activities", 2);
    const paths = sent.map((s) => decodeURIComponent(s.path));
    expect(paths).toContain("/v3/conversations/19:regio@thread.tacv2;messageid=1700000000099/activities");
    expect(paths).toContain("/v3/conversations/19:regio@thread.tacv2/activities");
    const announcement = sent.find(
      (s) => decodeURIComponent(s.path) === "/v3/conversations/19:regio@thread.tacv2/activities",
    )!;
    expect(String(announcement.body.text)).toContain("geabonneerd op de les van de week");
    expect((await bot.store.subscriptions.get("teams:19:regio@thread.tacv2"))?.weekday).toBe(3);
  });
});
