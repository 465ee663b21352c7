import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { App } from "../../src/app/create-app.ts";
import type { Incoming } from "../../src/conversation/incoming.ts";
import type { Reply } from "../../src/conversation/reply.ts";
import type { ProactiveSender } from "../../src/lessons/sender.ts";
import { renderText } from "../../src/render/text.ts";
import { testApp } from "../helpers/bot.ts";
import { storeBackends } from "../helpers/postgres.ts";

const backends = await storeBackends();

/** Remembers every lesson card it is asked to post. */
class CollectingSender implements ProactiveSender {
  readonly cards: Reply[] = [];
  async send(_conversation: unknown, card: Reply) {
    this.cards.push(card);
    return { ok: true as const };
  }
}

describe.each(backends)("one current lesson per conversation: $name", ({ url, skip }) => {
  let app: App;
  let clock: Date;
  // a conversation of its own per test: the PostgreSQL database is shared by the tests of this file
  let user = "";
  let id = "";
  const dm = (text: string, extra: Partial<Incoming> = {}): Incoming => ({
    platform: "slack",
    conversationId: id,
    userId: user,
    text,
    isDirect: true,
    ...extra,
  });
  const unitOf = (reply: Reply) => reply.units[0]!.id;
  const labelOf = (unitId: string) => `thema ${Number(unitId.replace("wegwijzer-", ""))}`;

  beforeEach(async (ctx) => {
    if (skip) ctx.skip();
    user = `U${Math.random().toString(36).slice(2, 10)}`;
    id = `slack:T1:${user}`;
    // Monday 23 November 2026, 11:00 in Amsterdam: after this week's 08:30 slot
    clock = new Date("2026-11-23T10:00:00Z");
    app = await testApp({ env: { DATABASE_URL: url() }, now: () => clock });
    await app.store.saveConversation({ id, platform: "slack", isDirect: true, userId: user, reference: {} });
  });
  afterEach(async () => {
    await app?.close();
  });

  it("les shows the same lesson before and after subscribing; noteer and the first delivery keep to it", async () => {
    const before = unitOf(await app.core.handle(dm("les")));
    expect(before).not.toBe(app.plan.tracks.standaard[0]!.unit.id); // the case of the report: not the order's first
    await app.core.handle(dm("abonneer"));
    expect(unitOf(await app.core.handle(dm("les")))).toBe(before);
    expect(renderText(await app.core.handle(dm("noteer Vaker vooraf afstemmen.")))).toContain(labelOf(before));
    expect((await app.store.notes.list(`slack:${user}`))[0]!.unitId).toBe(before);

    const sender = new CollectingSender();
    const deliverer = app.createDeliverer({ slack: sender });
    clock = new Date("2026-11-30T07:31:00Z"); // the first slot: Monday 30 November 08:31 in Amsterdam
    expect((await deliverer.runPass(clock)).sent).toBe(1);
    expect(unitOf(sender.cards[0]!)).toBe(before);
    // the week after: les shows the delivered lesson, then the next one is chosen afresh and kept
    expect(unitOf(await app.core.handle(dm("les")))).toBe(before);
    clock = new Date("2026-12-01T10:00:00Z");
    expect(unitOf(await app.core.handle(dm("les")))).toBe(before);
    clock = new Date("2026-12-07T06:00:00Z"); // Monday before the slot
    const next = unitOf(await app.core.handle(dm("les")));
    expect(next).not.toBe(before);
    clock = new Date("2026-12-07T07:31:00Z");
    expect((await deliverer.runPass(clock)).sent).toBe(1);
    expect(unitOf(sender.cards[1]!)).toBe(next);
  });

  it("subscribing from a lesson card starts with that card's lesson", async () => {
    const card = app.plan.tracks.standaard[40]!.unit.id;
    const outcome = await app.core.click(
      dm("", {
        click: { kind: "command", command: "abonneer", expect: "none" },
        origin: { kind: "lesson", unitId: card },
      }),
    );
    expect(outcome.update && unitOf(outcome.update)).toBe(card);
    expect(unitOf(await app.core.handle(dm("les")))).toBe(card);
  });

  it("a reflection noted from a card is filed under that card's lesson", async () => {
    const current = unitOf(await app.core.handle(dm("les")));
    const older = app.plan.tracks.standaard.find((l) => l.unit.id !== current && l.unit.kind === "theme")!.unit.id;
    const pressed = await app.core.handle(
      dm("", { click: { kind: "command", command: "noteer" }, origin: { kind: "lesson", unitId: older } }),
    );
    expect(renderText(pressed)).toContain(labelOf(older));
    expect(renderText(await app.core.handle(dm("noteer Dit neem ik mee.")))).toContain(labelOf(older));
    // after that note, a typed note goes under the current lesson again
    expect(renderText(await app.core.handle(dm("noteer En dit ook.")))).toContain(labelOf(current));
    expect((await app.store.notes.list(`slack:${user}`)).map((n) => n.unitId)).toEqual([older, current]);
  });

  it("a starter subscription still opens with its own first themes", async () => {
    await app.core.handle(dm("les"));
    await app.core.handle(dm("abonneer starter"));
    expect(unitOf(await app.core.handle(dm("les")))).toBe("wegwijzer-98");
  });

  it("vergeet mij removes what the conversation was shown", async () => {
    await app.core.handle(dm("les"));
    await app.core.handle(dm("vergeet mij bevestigd"));
    expect(await app.store.currentLessons.get(id)).toEqual({});
  });
});
