import { beforeEach, describe, expect, it } from "vitest";
import { FakePlatform, type Recorded } from "../helpers/fake-platform.ts";
import type { TestBot } from "../helpers/bot.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";
import { useBotFixture } from "../helpers/fixtures.ts";

/** "Vraag het de regio" on Slack, over real HTTP against a fake Slack Web API with channel members. */
const SECRET = "regional-secret";
const members: Record<string, string[]> = { C9: ["U1", "U2"], C8: [] };
let slack: FakePlatform;
let bot: TestBot;
let ts = 1_700_100_000;

useBotFixture(
  {
    slackSecret: SECRET,
    slackApi: () =>
      new FakePlatform((req) => {
        if (req.path.endsWith("/auth.test"))
          return { status: 200, body: { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" } };
        if (req.path.endsWith("/chat.postMessage"))
          return { status: 200, body: { ok: true, channel: req.body.channel, ts: `${ts++}.000100` } };
        if (req.path.endsWith("/conversations.members")) {
          const list = members[String(req.body.channel)];
          return list
            ? { status: 200, body: { ok: true, members: list, response_metadata: { next_cursor: "" } } }
            : { status: 200, body: { ok: false, error: "channel_not_found" } };
        }
        return { status: 200, body: { ok: true } };
      }),
  },
  (f) => ({ slack, bot } = f),
);

let n = 0;
async function event(ev: Record<string, unknown>) {
  n += 1;
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    api_app_id: "A1",
    event_id: `EvR${n}${Date.now()}`,
    event_time: 1,
    event: ev,
  });
  const res = await fetch(`${bot.server.url}/slack/events`, {
    method: "POST",
    headers: slackHeaders(SECRET, body),
    body,
  });
  expect(res.status).toBe(200);
}
let clicks = 0;
async function click(user: string, command: string) {
  // Every real click carries its own trigger_id and action_ts; identical signed bodies in one second are refused as a replay.
  clicks += 1;
  const payload = {
    type: "block_actions",
    team: { id: "T1" },
    user: { id: user, team_id: "T1" },
    api_app_id: "A1",
    channel: { id: `D-${user}` },
    container: { type: "message", message_ts: "1.5", channel_id: `D-${user}`, is_ephemeral: false },
    message: { type: "message", ts: "1.5", text: "antwoord" },
    trigger_id: `t${clicks}`,
    response_url: `${slack.url}/respond/x`,
    actions: [
      {
        type: "button",
        action_id: "wegwijzer:9",
        block_id: "b",
        value: JSON.stringify({ kind: "command", command }),
        action_ts: `${clicks}.1`,
      },
    ],
  };
  const form = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(`${bot.server.url}/slack/events`, {
    method: "POST",
    headers: slackHeaders(SECRET, form, undefined, "application/x-www-form-urlencoded"),
    body: form,
  });
  expect(res.status).toBe(200);
}
const posts = () => slack.calls("/chat.postMessage");
async function nextPost(channel: string): Promise<Recorded> {
  const deadline = Date.now() + 30_000; // a condition wait: generous for a loaded machine
  while (Date.now() < deadline) {
    const found = posts().filter((p) => p.body.channel === channel);
    // Posts are taken in order, one at a time: a duplicate post shows up as the next one.
    const next = found[seen(channel)];
    if (next) {
      mark(channel, seen(channel) + 1);
      return next;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(
    `no post to ${channel}: ${posts()
      .map((p) => p.body.channel)
      .join(", ")}`,
  );
}
const seenCount = new Map<string, number>();
const seen = (channel: string) => seenCount.get(channel) ?? 0;
const mark = (channel: string, count: number) => seenCount.set(channel, count);
beforeEach(() => seenCount.clear());
const text = (post: Recorded) => JSON.stringify(post.body.blocks ?? "") + String(post.body.text ?? "");
interface Button {
  value: string;
  text: { text: string };
}
const buttons = (post: Recorded): Button[] =>
  (post.body.blocks as Array<{ type: string; elements?: Button[] }>)
    .filter((b) => b.type === "actions")
    .flatMap((b) => b.elements ?? []);
const commandOf = (b: Button) => (JSON.parse(b.value) as { command: string }).command;
const dm = (user: string, message: string) =>
  event({ type: "message", channel_type: "im", user, text: message, ts: `${n}.1`, channel: `D-${user}` });

const QUESTION = "Hoe bereid ik de collegeonderhandelingen na de verkiezingen voor?";

describe("vraag het de regio (Slack)", () => {
  it("links a channel to a region with 'regio koppel', and 'regio' shows it", async () => {
    await event({
      type: "app_mention",
      user: "U2",
      text: "<@UBOT> regio koppel Regio Twente",
      ts: "1700000500.000100",
      channel: "C9",
    });
    const reply = await nextPost("C9");
    expect(text(reply)).toContain("Regio Twente");
    expect((await bot.store.regions.get("slack:T1:C9"))?.name).toBe("Regio Twente");
    await event({ type: "app_mention", user: "U2", text: "<@UBOT> regio", ts: "1700000501.000100", channel: "C9" });
    await slack.waitFor("/chat.postMessage", 3);
    expect(text(posts().at(-1)!)).toContain("Dit kanaal is het kanaal van *Regio Twente*");
  });

  it("offers 'Vraag het je regio' after an answer in a DM only to members of the region's channel", async () => {
    await dm("U1", QUESTION);
    const answer = await nextPost("D-U1");
    const offer = buttons(answer).find((b) => b.text.text === "Vraag het je regio");
    expect(offer && commandOf(offer)).toBe(`regio vraag ${QUESTION}`);
    expect(slack.calls("/conversations.members").some((c) => c.body.channel === "C9")).toBe(true);
    await dm("U3", QUESTION);
    const other = await nextPost("D-U3");
    expect(buttons(other).some((b) => b.text.text === "Vraag het je regio")).toBe(false);
    await dm("U3", `regio vraag ${QUESTION}`);
    expect(text(await nextPost("D-U3"))).toContain("geen lid van een kanaal");
  });

  it("shows the exact text first, anonymous by default, and posts nothing without her confirmation", async () => {
    await click("U1", `regio vraag ${QUESTION}`);
    const preview = await nextPost("D-U1");
    expect(text(preview)).toContain(`Een collega uit de regio vraagt:* ${QUESTION}`);
    expect(text(preview)).toContain("Collegeonderhandelingen");
    expect(text(preview)).toContain("anoniem");
    const choices = buttons(preview).map((b) => [b.text.text, commandOf(b)]);
    expect(choices).toEqual([
      ["Plaats anoniem", `regio plaats anoniem @slack:T1:C9 ${QUESTION}`],
      ["Plaats met mijn naam", `regio plaats naam @slack:T1:C9 ${QUESTION}`],
      ["Niet plaatsen", "regio annuleer"],
    ]);
    expect(posts().some((p) => p.body.channel === "C9")).toBe(false);
    await click("U1", "regio annuleer");
    expect(text(await nextPost("D-U1"))).toContain("niets geplaatst");
    expect(posts().some((p) => p.body.channel === "C9")).toBe(false);
  });

  it("posts anonymously as a thread starter with the themes, and sends thread replies to her DM", async () => {
    await click("U1", `regio plaats anoniem @slack:T1:C9 ${QUESTION}`);
    const starter = await nextPost("C9");
    expect(text(starter)).toContain("Een collega uit de regio vraagt:");
    expect(text(starter)).toContain(QUESTION.replace("?", ""));
    expect(text(starter)).toContain("thema 84");
    expect(text(starter)).not.toContain("U1");
    expect(starter.body.thread_ts).toBeUndefined();
    expect(text(await nextPost("D-U1"))).toContain("Je vraag staat anoniem in het kanaal van *Regio Twente*");
    const [question] = await bot.store.regions.questionsOf("slack:U1");
    expect(question).toMatchObject({ regionId: "slack:T1:C9", anonymous: true, dmConversationId: "slack:T1:U1" });
    expect(JSON.stringify(question)).not.toContain("collegeonderhandelingen"); // the question's text is not stored

    const threadTs = question!.threadRef;
    expect(threadTs).toMatch(/^\d+\.000100$/); // the ts Slack gave the thread starter
    await event({
      type: "message",
      channel_type: "channel",
      user: "U2",
      text: "Begin met een goede informatiedag voor alle fracties.",
      ts: "1700200000.000200",
      thread_ts: threadTs,
      channel: "C9",
    });
    const forwarded = await nextPost("D-U1");
    expect(text(forwarded)).toContain("Antwoord uit *Regio Twente*");
    expect(text(forwarded)).toContain("informatiedag voor alle fracties");
    // a message outside the thread is not forwarded
    const before = posts().filter((p) => p.body.channel === "D-U1").length;
    await event({
      type: "message",
      channel_type: "channel",
      user: "U2",
      text: "los bericht",
      ts: "1700200001.000200",
      channel: "C9",
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(posts().filter((p) => p.body.channel === "D-U1")).toHaveLength(before);
  });

  it("posts with her name only when she chooses it", async () => {
    await click("U1", `regio plaats naam @slack:T1:C9 ${QUESTION}`);
    const starter = await nextPost("C9");
    expect(text(starter)).toContain("<@U1> vraagt:");
    expect(text(await nextPost("D-U1"))).toContain("Je vraag staat in het kanaal van *Regio Twente*");
  });

  it("lets someone in two regions choose, and refuses a region whose channel she left", async () => {
    members.C8 = ["U1"];
    await event({
      type: "app_mention",
      user: "U1",
      text: "<@UBOT> regio koppel Regio Achterhoek",
      ts: "1700000600.000100",
      channel: "C8",
    });
    await nextPost("C8");
    await click("U1", `regio vraag ${QUESTION}`);
    const choose = await nextPost("D-U1");
    expect(text(choose), text(choose)).toContain("meer dan één regio");
    expect(buttons(choose).map((b) => [b.text.text, commandOf(b)])).toEqual([
      ["Regio Achterhoek", `regio vraag @slack:T1:C8 ${QUESTION}`],
      ["Regio Twente", `regio vraag @slack:T1:C9 ${QUESTION}`],
    ]);
    members.C8 = [];
    await click("U1", `regio plaats anoniem @slack:T1:C8 ${QUESTION}`);
    expect(text(await nextPost("D-U1"))).toContain("geen lid (meer)");
    expect(posts().some((p) => p.body.channel === "C8" && text(p).includes("vraagt"))).toBe(false);
  });

  it("'vergeet mij' removes her links and questions, and replies are no longer sent to her", async () => {
    const [question] = await bot.store.regions.questionsOf("slack:U1");
    expect(await bot.store.regions.linksOf("slack:U1")).toContain("slack:T1:C9");
    await dm("U1", "vergeet mij bevestigd");
    await nextPost("D-U1");
    expect(await bot.store.regions.linksOf("slack:U1")).toEqual([]);
    expect(await bot.store.regions.questionsOf("slack:U1")).toEqual([]);
    const before = posts().filter((p) => p.body.channel === "D-U1").length;
    await event({
      type: "message",
      channel_type: "channel",
      user: "U2",
      text: "Nog een antwoord",
      ts: "1700200002.000200",
      thread_ts: question!.threadRef,
      channel: "C9",
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(posts().filter((p) => p.body.channel === "D-U1")).toHaveLength(before);
  });
});
