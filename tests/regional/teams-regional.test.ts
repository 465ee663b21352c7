import { describe, expect, it } from "vitest";
import { FakePlatform, MENTION_REFUSED, mentionMismatch, type Recorded } from "../helpers/fake-platform.ts";
import type { TestBot } from "../helpers/bot.ts";
import { useBotFixture } from "../helpers/fixtures.ts";
import { teamsActivity } from "../helpers/teams-activity.ts";

/** "Vraag het de regio" on Teams, over real HTTP against a fake Bot Connector with a channel roster. */
const CHANNEL = "19:regio-twente@thread.tacv2";
const roster = new Set(["aad-user-1", "aad-user-2"]);
let connector: FakePlatform;
let bot: TestBot;
let id = 1;

useBotFixture(
  {
    teams: true,
    connector: () =>
      new FakePlatform((req) => {
        const member = /\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(decodeURIComponent(req.path));
        if (req.method === "GET" && member) {
          return roster.has(member[2]!)
            ? {
                status: 200,
                body: {
                  id: `29:${member[2]}`,
                  aadObjectId: member[2],
                  name: member[2] === "aad-user-1" ? "Anna de Vries" : "Bert",
                },
              }
            : { status: 404, body: { error: { code: "MemberNotFoundInConversation", message: "not found" } } };
        }
        return mentionMismatch(req.body) ? MENTION_REFUSED : { status: 200, body: { id: `activity-${id++}` } };
      }),
  },
  (f) => ({ connector, bot } = f),
);

function activity(fields: Record<string, unknown>, user = "aad-user-1") {
  return teamsActivity(connector.url, {
    from: { id: `29:${user}`, name: user === "aad-user-1" ? "Anna de Vries" : "Iemand", aadObjectId: user },
    conversation: { id: `a:personal-${user}`, conversationType: "personal", tenantId: "tenant-1" },
    ...fields,
  });
}
const inChannel = (text: string, conversationId: string, user = "aad-user-2") =>
  activity(
    {
      text: `<at>Wegwijzer</at> ${text}`,
      conversation: { id: conversationId, conversationType: "channel", isGroup: true, tenantId: "tenant-1" },
      entities: [{ type: "mention", text: "<at>Wegwijzer</at>", mentioned: { id: "28:bot-1", name: "Wegwijzer" } }],
      channelData: { tenant: { id: "tenant-1" }, teamsChannelId: CHANNEL, teamsTeamId: "19:team@thread.tacv2" },
    },
    user,
  );

async function post(body: unknown) {
  const res = await fetch(`${bot.server.url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBeLessThan(300);
}
const posted = (conversation: string) =>
  connector.requests.filter(
    (r) => r.method === "POST" && decodeURIComponent(r.path) === `/v3/conversations/${conversation}/activities`,
  );
async function waitPosted(conversation: string, count = 1): Promise<Recorded[]> {
  const deadline = Date.now() + 30_000; // a condition wait: generous for a loaded machine
  while (Date.now() < deadline) {
    if (posted(conversation).length >= count) return posted(conversation);
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(
    `no post to ${conversation}: ${connector.requests.map((r) => `${r.method} ${decodeURIComponent(r.path)}`).join(", ")}`,
  );
}
const cardText = (r: Recorded) => JSON.stringify(r.body.attachments ?? r.body.text);
interface CardAction {
  title: string;
  data?: { click?: { command?: string } };
}
function actions(r: Recorded): CardAction[] {
  const found: CardAction[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const o = node as Record<string, unknown>;
      if (o.type === "Action.Execute") found.push(o as unknown as CardAction);
      Object.values(o).forEach(walk);
    }
  };
  walk(r.body.attachments);
  return found;
}

const QUESTION = "Hoe bereid ik de collegeonderhandelingen na de verkiezingen voor?";
const DM = "a:personal-aad-user-1";

describe("vraag het de regio (Teams)", () => {
  it("links the channel, offers the question to a roster member only, posts after confirmation, and gives a link to the thread", async () => {
    await post(inChannel("regio koppel Regio Twente", `${CHANNEL};messageid=1700000000001`));
    await waitPosted(`${CHANNEL};messageid=1700000000001`);
    expect((await bot.store.regions.get(`teams:${CHANNEL}`))?.name).toBe("Regio Twente");
    // the link is announced in the channel as a post Teams accepts (no mention the text lacks)
    const [announcement] = await waitPosted(CHANNEL);
    expect(String(announcement!.body.text)).toContain("Regio Twente");
    expect(mentionMismatch(announcement!.body)).toBe(false);

    await post(activity({ text: QUESTION }));
    const [answer] = await waitPosted(DM);
    const offer = actions(answer!).find((a) => a.title === "Vraag het je regio");
    expect(offer?.data?.click?.command).toBe(`regio vraag ${QUESTION}`);
    expect(
      connector.requests.some(
        (r) =>
          r.method === "GET" && decodeURIComponent(r.path).endsWith(`/v3/conversations/${CHANNEL}/members/aad-user-1`),
      ),
    ).toBe(true);

    await post(
      activity(
        {
          text: QUESTION,
          conversation: { id: "a:personal-aad-user-9", conversationType: "personal", tenantId: "tenant-1" },
        },
        "aad-user-9",
      ),
    );
    const [outsider] = await waitPosted("a:personal-aad-user-9");
    expect(actions(outsider!).some((a) => a.title === "Vraag het je regio")).toBe(false);

    connector.requests.length = 0;
    await post(
      activity({
        type: "invoke",
        name: "adaptiveCard/action",
        value: {
          action: {
            type: "Action.Execute",
            verb: "wegwijzer",
            data: { click: { kind: "command", command: offer!.data!.click!.command } },
          },
          trigger: "manual",
        },
      }),
    );
    const [preview] = await waitPosted(DM);
    expect(cardText(preview!)).toContain("Een collega uit de regio vraagt:");
    // Teams shows only **bold**: no underscore emphasis the client would print as it is
    expect(cardText(preview!)).not.toMatch(/(^|\s)_\S[^_]*_(\s|$|[.,:])/);
    expect(cardText(preview!)).toContain("collegeonderhandelingen na de verkiezingen");
    expect(posted(CHANNEL)).toHaveLength(0); // nothing posted before she chooses
    const anonymous = actions(preview!).find((a) => a.title === "Plaats anoniem")!;

    connector.requests.length = 0;
    await post(
      activity({
        type: "invoke",
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: "wegwijzer", data: anonymous.data }, trigger: "manual" },
      }),
    );
    const [starter] = await waitPosted(CHANNEL);
    expect(cardText(starter!)).toContain("Een collega uit de regio vraagt:");
    expect(cardText(starter!)).not.toContain("Anna");
    const [confirmation] = await waitPosted(DM);
    expect(cardText(confirmation!)).toContain("anoniem in het kanaal van **Regio Twente**");
    expect(cardText(confirmation!)).toContain("https://teams.microsoft.com/l/message/");

    // a colleague answers in the thread, mentioning the bot: sent to her DM, not answered in the thread
    const [question] = await bot.store.regions.questionsOf("teams:aad-user-1");
    connector.requests.length = 0;
    await post(
      inChannel("Begin met een informatiedag voor alle fracties.", `${CHANNEL};messageid=${question!.threadRef}`),
    );
    const [forwarded] = await waitPosted(DM);
    expect(cardText(forwarded!)).toContain("Antwoord uit **Regio Twente** van Iemand");
    expect(cardText(forwarded!)).toContain("informatiedag voor alle fracties");
    expect(posted(`${CHANNEL};messageid=${question!.threadRef}`)).toHaveLength(0);
  });

  it("posts her name from the roster only when she chooses it, and refuses once she has left the team", async () => {
    connector.requests.length = 0;
    await post(activity({ text: `regio plaats naam @teams:${CHANNEL} ${QUESTION}` }));
    const [starter] = await waitPosted(CHANNEL);
    expect(cardText(starter!)).toContain("Anna de Vries vraagt:");
    await waitPosted(DM);
    roster.delete("aad-user-1");
    connector.requests.length = 0;
    await post(activity({ text: `regio plaats anoniem @teams:${CHANNEL} ${QUESTION}` }));
    const [refused] = await waitPosted(DM);
    expect(cardText(refused!)).toContain("Je bent geen lid");
    expect(posted(CHANNEL)).toHaveLength(0);
  });

  it("with resource-specific consent: forwards every reply in a regio thread, and ignores other channel messages", async () => {
    const [question] = await bot.store.regions.questionsOf("teams:aad-user-1");
    const thread = `${CHANNEL};messageid=${question!.threadRef}`;
    /** A channel message as Teams delivers it under ChannelMessage.Read.Group: no mention of the bot. */
    const unmentioned = (text: string, conversationId: string, entities: unknown[] = []) => ({
      ...inChannel(text, conversationId),
      text,
      entities,
    });

    connector.requests.length = 0;
    await post(unmentioned("Wij begonnen met een informatiedag, dat werkte goed.", thread));
    const [forwarded] = await waitPosted(DM);
    expect(cardText(forwarded!)).toContain("Antwoord uit **Regio Twente** van Iemand");
    expect(cardText(forwarded!)).toContain("informatiedag, dat werkte goed");
    expect(posted(thread)).toHaveLength(0);

    // Neither a mention nor a reply in a regio thread: no answer anywhere, however much it looks like a question.
    connector.requests.length = 0;
    const elsewhere = `${CHANNEL};messageid=1700000000099`;
    await post(unmentioned(QUESTION, elsewhere));
    await post(unmentioned("help", `${CHANNEL};messageid=1700000000001`));
    await post(
      unmentioned("<at>Bert</at> wat vind jij?", elsewhere, [
        { type: "mention", text: "<at>Bert</at>", mentioned: { id: "29:aad-user-2", name: "Bert" } },
      ]),
    );
    // a message that does mention the bot is still answered, in its thread
    const asked = `${CHANNEL};messageid=1700000000100`;
    await post(inChannel("thema 12", asked));
    const [answer] = await waitPosted(asked);
    expect(cardText(answer!)).toContain("Relatie met");
    expect(posted(elsewhere)).toHaveLength(0);
    expect(posted(`${CHANNEL};messageid=1700000000001`)).toHaveLength(0);
    expect(posted(CHANNEL)).toHaveLength(0);
    expect(posted(DM)).toHaveLength(0);
  });
});
