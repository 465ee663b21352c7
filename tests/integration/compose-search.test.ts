import { describe, expect, it } from "vitest";
import type { FakePlatform } from "../helpers/fake-platform.ts";
import type { TestBot } from "../helpers/bot.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";
import { useBotFixture } from "../helpers/fixtures.ts";
import { teamsActivity } from "../helpers/teams-activity.ts";

/** The handbook in the compose box: Teams' message extension and Slack's shortcuts, over real HTTP. */
const SECRET = "compose-secret";
let slack: FakePlatform;
let connector: FakePlatform;
let bot: TestBot;

useBotFixture({ slackSecret: SECRET, teams: true }, (f) => ({ slack, connector, bot } = f));

function queryInvoke(commandId: string, query: string) {
  return teamsActivity(connector.url, {
    type: "invoke",
    name: "composeExtension/query",
    conversation: { id: "19:chat-with-colleague@thread.v2", conversationType: "groupChat", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" }, source: { name: "compose" } },
    value: { commandId, parameters: [{ name: "vraag", value: query }], queryOptions: { skip: 0, count: 25 } },
  });
}

async function teams(body: unknown) {
  const res = await fetch(`${bot.server.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => undefined)) as Record<string, never> | undefined };
}

interface MeResult {
  composeExtension: {
    type: string;
    text?: string;
    attachmentLayout?: string;
    attachments?: Array<{
      contentType: string;
      content: { type: string; version: string; body: unknown[]; actions?: unknown[] };
      preview: { contentType: string; content: { title: string; text: string } };
    }>;
  };
}

describe("Teams message extension (search in the compose box)", () => {
  it("answers a query with theme cards from the same matcher: title, best passage and source, with a list preview", async () => {
    const res = await teams(queryInvoke("zoekInDeWegwijzer", "hoe werk ik samen met de griffier"));
    expect(res.status).toBe(200);
    const result = res.body as unknown as MeResult;
    expect(result.composeExtension.type).toBe("result");
    expect(result.composeExtension.attachmentLayout).toBe("list");
    const [first] = result.composeExtension.attachments!;
    expect(first!.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(first!.content.type).toBe("AdaptiveCard");
    expect(first!.content.version).toBe("1.5");
    const card = JSON.stringify(first!.content);
    expect(card).toContain("Relatie met griffier");
    expect(card).toContain("Bron: Wegwijzer voor de Gemeentesecretaris, thema 16");
    expect(card).not.toContain("Action.Execute"); // the inserted card works in any chat, without the bot
    expect(first!.preview.contentType).toBe("application/vnd.microsoft.card.thumbnail");
    expect(first!.preview.content.title).toBe("thema 16: Relatie met griffier");
    expect(first!.preview.content.text.length).toBeGreaterThan(20);
    // the search posts nothing by itself: inserting is the user's choice
    expect(connector.requests).toHaveLength(0);
  });

  it("asks for a question when the box is empty, says so when nothing fits, and refuses an unknown command", async () => {
    const empty = (await teams(queryInvoke("zoekInDeWegwijzer", "  "))).body as unknown as MeResult;
    expect(empty.composeExtension).toMatchObject({ type: "message" });
    expect(empty.composeExtension.text).toContain("Typ je vraag");
    const none = (await teams(queryInvoke("zoekInDeWegwijzer", "recept voor appeltaart met kaneel")))
      .body as unknown as MeResult;
    expect(none.composeExtension.type).toBe("message");
    const unknown = (await teams(queryInvoke("ietsAnders", "griffier"))).body as unknown as MeResult;
    expect(unknown.composeExtension.type).toBe("message");
  });
});

async function slackForm(payload: object) {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(`${bot.server.url}/slack/events`, {
    method: "POST",
    headers: slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded"),
    body: form,
  });
  return res.status;
}

interface ShareButton {
  action_id: string;
  value: string;
  text: { text: string };
}
function buttonsOf(body: Record<string, unknown>): ShareButton[] {
  const blocks = body.blocks as Array<{ type: string; elements?: ShareButton[] }>;
  return blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements ?? []);
}

describe("Slack shortcuts: Zoek in de Wegwijzer", () => {
  it("message shortcut: the message's text is the question, answered ephemerally with a share button per theme", async () => {
    const status = await slackForm({
      type: "message_action",
      callback_id: "wegwijzer_zoek_bericht",
      trigger_id: "13345224609.738474920.8088930838d88f008e0",
      team: { id: "T1", domain: "gemeente" },
      user: { id: "U1", username: "secretaris", team_id: "T1" },
      channel: { id: "C9", name: "regio-twente" },
      message: {
        type: "message",
        user: "U2",
        ts: "1700000100.000200",
        text: "De informateur vraagt om ambtelijke ondersteuning bij de collegeonderhandelingen",
      },
      message_ts: "1700000100.000200",
      response_url: `${slack.url}/respond/T1/msg/abc`,
      action_ts: "1700000101.1",
      token: "legacy",
    });
    expect(status).toBe(200);
    const [answer] = await slack.waitFor("/respond/T1/msg/abc");
    expect(answer!.body.response_type).toBe("ephemeral");
    const text = JSON.stringify(answer!.body.blocks);
    expect(text).toContain("Collegeonderhandelingen");
    expect(text).toContain("Bron: Wegwijzer voor de Gemeentesecretaris, thema 84");
    const buttons = buttonsOf(answer!.body);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons[0]).toMatchObject({ action_id: "wegwijzer_deel", text: { text: "Deel in het kanaal" } });
    expect(JSON.parse(buttons[0]!.value)).toMatchObject({ u: "wegwijzer-84" });
    expect(slack.calls("/chat.postMessage")).toHaveLength(0); // nothing in the channel before she shares
  });

  it("share button: posts the theme card in the channel through the response_url and replaces the ephemeral answer", async () => {
    const status = await slackForm({
      type: "block_actions",
      team: { id: "T1", domain: "gemeente" },
      user: { id: "U1", team_id: "T1" },
      api_app_id: "A1",
      channel: { id: "C9", name: "regio-twente" },
      container: { type: "message", message_ts: "1700000102.000300", channel_id: "C9", is_ephemeral: true },
      trigger_id: "1.2.3",
      response_url: `${slack.url}/respond/T1/share/xyz`,
      actions: [
        {
          type: "button",
          action_id: "wegwijzer_deel",
          block_id: "s1",
          value: JSON.stringify({ u: "wegwijzer-84", q: "collegeonderhandelingen voorbereiden" }),
          action_ts: "1700001000.1",
        },
      ],
    });
    expect(status).toBe(200);
    const [shared, replaced] = await slack.waitFor("/respond/T1/share/xyz", 2);
    expect(shared!.body).toMatchObject({ response_type: "in_channel", replace_original: false });
    const text = JSON.stringify(shared!.body.blocks);
    expect(text).toContain("Uit de Wegwijzer voor de gemeentesecretaris");
    expect(text).toContain("Collegeonderhandelingen");
    expect(text).toContain("thema 84");
    expect(text).not.toContain("collegeonderhandelingen voorbereiden"); // her question is not posted
    expect(text).not.toContain("U1");
    expect(replaced!.body).toMatchObject({
      response_type: "ephemeral",
      replace_original: true,
      text: "Gedeeld in het kanaal.",
    });
  });

  it("global shortcut: opens a modal; its submission answers ephemerally in the chosen conversation", async () => {
    await slackForm({
      type: "shortcut",
      callback_id: "wegwijzer_zoek",
      trigger_id: "trigger-1",
      team: { id: "T1", domain: "gemeente" },
      user: { id: "U1", username: "secretaris", team_id: "T1" },
      action_ts: "1700000200.1",
      token: "legacy",
    });
    const [open] = await slack.waitFor("/views.open");
    const view = open!.body.view as {
      callback_id: string;
      blocks: Array<{ block_id: string; element: { type: string; response_url_enabled?: boolean } }>;
    };
    expect(open!.body.trigger_id).toBe("trigger-1");
    expect(view.callback_id).toBe("wegwijzer_zoek_modal");
    expect(view.blocks.find((b) => b.block_id === "kanaal")!.element).toMatchObject({
      type: "conversations_select",
      response_url_enabled: true,
    });

    const status = await slackForm({
      type: "view_submission",
      team: { id: "T1", domain: "gemeente" },
      user: { id: "U1", username: "secretaris", team_id: "T1" },
      api_app_id: "A1",
      trigger_id: "trigger-2",
      view: {
        id: "V1",
        team_id: "T1",
        type: "modal",
        callback_id: "wegwijzer_zoek_modal",
        state: {
          values: {
            vraag: { vraag: { type: "plain_text_input", value: "hoe werk ik samen met de griffier" } },
            kanaal: { kanaal: { type: "conversations_select", selected_conversation: "C9" } },
          },
        },
        hash: "1",
        private_metadata: "",
      },
      response_urls: [
        { block_id: "kanaal", action_id: "kanaal", channel_id: "C9", response_url: `${slack.url}/respond/T1/view/123` },
      ],
    });
    expect(status).toBe(200);
    const [answer] = await slack.waitFor("/respond/T1/view/123");
    expect(answer!.body.response_type).toBe("ephemeral");
    expect(JSON.stringify(answer!.body.blocks)).toContain("thema 16");
    expect(buttonsOf(answer!.body)[0]!.action_id).toBe("wegwijzer_deel");
  });

  it("refuses an unsigned shortcut", async () => {
    const form = new URLSearchParams({
      payload: JSON.stringify({ type: "shortcut", callback_id: "wegwijzer_zoek", trigger_id: "t" }),
    }).toString();
    const res = await fetch(`${bot.server.url}/slack/events`, {
      method: "POST",
      headers: slackHeaders("wrong", form, undefined, "application/x-www-form-urlencoded"),
      body: form,
    });
    expect(res.status).toBe(401);
  });
});
