import { createRequire } from "node:module";
import type { IAdaptiveCard } from "@microsoft/teams.cards";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConversationCore } from "../../src/conversation/core.ts";
import type { Incoming } from "../../src/conversation/incoming.ts";
import type { Reply } from "../../src/conversation/reply.ts";
import { renderSlack } from "../../src/render/slack.ts";
import { renderTeamsCard, TEAMS_BUTTON_MAX, TEAMS_CARD_MAX_BYTES } from "../../src/render/teams.ts";
import type { Store } from "../../src/store/store.ts";
import { testApp } from "../helpers/bot.ts";

// The package's ESM build imports without extensions; its UMD bundle loads in Node as is.
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as typeof import("adaptivecards");

/** Every problem Microsoft's Adaptive Cards library finds when it reads the card. */
function cardProblems(card: IAdaptiveCard): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}

/** All elements of a card, depth first. */
function elements(card: IAdaptiveCard): Record<string, unknown>[] {
  const all: Record<string, unknown>[] = [];
  const walk = (items: unknown[]) => {
    for (const item of items as Record<string, unknown>[]) {
      all.push(item);
      if (Array.isArray(item.items)) walk(item.items);
    }
  };
  walk(card.body ?? []);
  return all;
}
const textsOf = (card: IAdaptiveCard) =>
  elements(card).flatMap((e) => (e.type === "TextBlock" ? [String(e.text)] : []));

let store: Store;
let core: ConversationCore;
beforeEach(async () => {
  ({ store, core } = await testApp({ now: () => new Date("2026-11-23T10:00:00Z") }));
});
afterEach(async () => {
  await store.close();
});

const dm = (text: string, extra: Partial<Incoming> = {}): Incoming => ({
  platform: "teams",
  conversationId: "teams:a:1",
  userId: "U1",
  text,
  isDirect: true,
  ...extra,
});

describe("Teams cards designed for the client", () => {
  it("are valid Adaptive Cards within the size limit for every kind of reply", async () => {
    const replies: Reply[] = [
      core.welcome(),
      await core.handle(dm("help")),
      await core.handle(dm("mijn wethouder P&O wil meebeslissen over wie afdelingsmanager wordt")),
      await core.handle(dm("themas")),
      await core.handle(dm("inhoud")),
      await core.handle(dm("thema 12")),
      await core.handle(dm("les")),
      await core.handle(dm("vergeet mij")),
      await core.handle(dm("hoe vraag ik een parkeervergunning aan?")),
    ];
    // The validator does find problems: an element type it does not know.
    expect(
      cardProblems({ type: "AdaptiveCard", version: "1.5", body: [{ type: "Bogus" }] } as unknown as IAdaptiveCard),
    ).not.toEqual([]);
    for (const reply of replies) {
      const card = renderTeamsCard(reply);
      expect(cardProblems(card), reply.text).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    }
  });

  it("gives every line of the welcome and help its own element, with no escape before a number", () => {
    const card = renderTeamsCard(core.welcome());
    const lines = textsOf(card);
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(lines.some((l) => l.startsWith("**Opdrachten**"))).toBe(true);
    expect(lines.every((l) => !/\\\d/.test(l) && !l.includes("\n"))).toBe(true);
  });

  it("shows the table of contents as numbered facts under each chapter, not escaped markdown", async () => {
    const card = renderTeamsCard(await core.handle(dm("themas")));
    const facts = elements(card).flatMap((e) =>
      e.type === "FactSet" ? (e.facts as { title: string; value: string }[]) : [],
    );
    expect(facts).toHaveLength(100);
    expect(facts[0]).toEqual({ title: "1", value: expect.any(String) });
    expect(facts[99]!.title).toBe("100");
    const json = JSON.stringify(card);
    expect(json).toContain('"text":"Adviseur van het college"');
    expect(json).not.toMatch(/\\\\\d/);
  });

  it("offers follow-ups and long choices as full-width rows, and no button title that the client would cut off", async () => {
    const reply = await core.handle(dm("mijn wethouder P&O wil meebeslissen over wie afdelingsmanager wordt"));
    const card = renderTeamsCard({
      ...reply,
      actions: [
        ...reply.actions,
        {
          kind: "read-more",
          label: "Bedoel je misschien: Relatie met portefeuillehouder PenO",
          unitId: "wegwijzer-13",
        },
      ],
    });
    const rows = elements(card).filter((e) => e.type === "Container" && e.selectAction);
    expect(rows.length).toBe(reply.followUps.length + 1);
    const buttons = elements(card).flatMap((e) => (e.type === "ActionSet" ? (e.actions as { title: string }[]) : []));
    for (const button of buttons) expect(button.title.length).toBeLessThanOrEqual(TEAMS_BUTTON_MAX);
  });

  it("puts the lesson header and its summary in separate elements", async () => {
    const lines = textsOf(renderTeamsCard(await core.handle(dm("les"))));
    expect(lines[0]).toMatch(/^\*\*Les van de week\*\*: /);
    expect(lines[1]!.length).toBeGreaterThan(20);
  });
});

describe("a click answers with the updated card", () => {
  it("feedback shows thanks, can be changed once and is stored once", async () => {
    const answer = await core.handle(dm("hoe werk ik samen met de griffier?"));
    const up = answer.actions.find((a) => a.kind === "feedback" && a.value === "up")!;
    if (up.kind !== "feedback") throw new Error("no feedback button");
    const first = await core.click(
      dm("", { click: { kind: "feedback", value: "up", ref: up.ref }, origin: answer.origin }),
    );
    expect(first.post).toBeUndefined();
    expect(first.update?.feedbackGiven).toEqual({ value: "up", final: false, ref: up.ref });
    expect(first.update?.units.map((u) => u.id)).toEqual(answer.units.map((u) => u.id));
    const card = JSON.stringify(renderTeamsCard(first.update!));
    expect(card).toContain("Bedankt voor je feedback");
    expect(card).toContain("Toch niet nuttig");
    expect(card).not.toContain("👍 Nuttig");
    const second = await core.click(
      dm("", { click: { kind: "feedback", value: "down", ref: up.ref, was: "up" }, origin: answer.origin }),
    );
    expect(second.update?.feedbackGiven?.final).toBe(true);
    expect(JSON.stringify(renderTeamsCard(second.update!))).not.toContain("Toch nuttig");
    const stored = await store.listFeedback();
    expect(stored.map((f) => f.value)).toEqual(["down"]);
    // Slack renders the same state.
    expect(JSON.stringify(renderSlack(first.update!))).toContain("Bedankt voor je feedback");
  });

  it("a confirmation card becomes its outcome, without buttons", async () => {
    const cancelled = await core.click(dm("", { click: { kind: "command", command: "vergeet mij niet" } }));
    expect(cancelled.post).toBeUndefined();
    expect(cancelled.update?.text).toContain("niets verwijderd");
    expect(cancelled.update?.actions).toEqual([]);
  });

  it("a clicked follow-up is echoed in a group chat or thread and the card it came from is built again", async () => {
    const answer = await core.handle(dm("hoe werk ik samen met de griffier?", { isDirect: false }));
    const question = answer.followUps[0]!;
    const outcome = await core.click(
      dm("", { isDirect: false, click: { kind: "ask", question }, origin: answer.origin }),
    );
    expect(outcome.post?.text.startsWith(`Je vroeg: ${question}\n`)).toBe(true);
    expect(outcome.update?.units.map((u) => u.id)).toEqual(answer.units.map((u) => u.id));
    const direct = await core.click(dm("", { click: { kind: "ask", question } }));
    expect(direct.post?.text).not.toContain("Je vroeg");
  });

  it("the lesson card's subscribe button answers and refreshes that lesson's card", async () => {
    const lesson = await core.handle(dm("les"));
    const outcome = await core.click(
      dm("", { click: { kind: "command", command: "abonneer" }, origin: lesson.origin }),
    );
    expect(outcome.post?.text).toContain("geabonneerd");
    expect(outcome.update?.units[0]?.id).toBe(lesson.units[0]?.id);
    expect(outcome.update?.actions.map((a) => a.label)).toContain("Afmelden");
  });
});

describe("typed answers in chat", () => {
  it("vergeet mij is confirmed with ja and cancelled with nee", async () => {
    await core.handle(dm("noteer een gedachte"));
    expect((await core.handle(dm("vergeet mij"))).text).toContain("Typ *ja* of *nee*");
    expect((await core.handle(dm("nee"))).text).toContain("niets verwijderd");
    expect((await core.handle(dm("ja"))).text).toContain("geen verwijderverzoek");
    await core.handle(dm("vergeet mij"));
    expect((await core.handle(dm("ja"))).text).toContain("is verwijderd");
    expect((await store.userData("teams", "U1")).notes).toBe(0);
  });

  it("👍 and 👎 rate the last answer; alone they explain themselves", async () => {
    expect((await core.handle(dm("👍"))).text).toContain("direct na een antwoord");
    await core.handle(dm("hoe werk ik samen met de griffier?"));
    await core.handle(dm("👍"));
    expect((await store.listFeedback()).map((f) => f.value)).toEqual(["up"]);
  });

  it("a unit number beyond the book says it does not exist, with the range", async () => {
    expect((await core.handle(dm("thema 101"))).text).toBe("thema 101 bestaat niet: kies thema 1 tot en met 100.");
    expect((await core.handle(dm("les 8"))).text).toContain("les 1 tot en met 7");
  });
});

describe("follow-ups", () => {
  it("never repeat the question answered and hold no near-duplicates", async () => {
    const { distinctFollowUps } = await import("../../src/conversation/compose.ts");
    expect(
      distinctFollowUps("Hoe werk ik samen met de griffier?", [
        "hoe werk ik samen met de griffier",
        "Hoe werk ik samen met de wethouder financiën?",
        "Hoe werk ik met de wethouder financien?",
        "Wat doet de raad?",
      ]),
    ).toEqual(["Hoe werk ik samen met de wethouder financiën?", "Wat doet de raad?"]);
  });
});

describe("subscription buttons act on the state they showed", () => {
  it("a stale lesson card's Abonneer asks first instead of resetting a changed subscription", async () => {
    const stale = await core.handle(dm("les"));
    const subscribe = stale.actions.find((a) => a.kind === "command" && a.command === "abonneer");
    expect(subscribe).toMatchObject({ expect: "none" });
    await core.handle(dm("abonneer dinsdag 9:00"));
    await core.handle(dm("pauzeer 2 weken"));
    const outcome = await core.click(
      dm("", { click: { kind: "command", command: "abonneer", expect: "none" }, origin: stale.origin }),
    );
    expect(outcome.post?.text).toContain("veranderd sinds dit bericht");
    expect(outcome.post?.text).toContain("dinsdag om 09:00");
    const sub = await store.subscriptions.get("teams:a:1");
    expect(sub).toMatchObject({ weekday: 2, time: "09:00" });
    expect(sub?.pausedUntil).toBeDefined();
    // The lesson card built again now shows the subscription as it is.
    expect(outcome.update?.actions.map((a) => a.label)).toContain("Afmelden");
  });
});
