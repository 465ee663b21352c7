import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Reply } from "../../src/conversation/reply.ts";
import { texts } from "../../src/conversation/texts.ts";
import { KnowledgeError } from "../../src/knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../../src/knowledge/location.ts";
import { activePeriods, loadCalendar, type MunicipalCalendar } from "../../src/lessons/calendar.ts";
import { chooseLesson, nextLesson } from "../../src/lessons/choose.ts";
import { Deliverer } from "../../src/lessons/deliver.ts";
import { Pacer } from "../../src/lessons/pacer.ts";
import { createLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import type { Store } from "../../src/store/store.ts";
import { LogSink, sharedBrain, sharedPlan, testApp } from "../helpers/bot.ts";
import type { App } from "../../src/app/create-app.ts";

const ZONE = "Europe/Amsterdam";
const calendar: MunicipalCalendar = loadCalendar(KNOWLEDGE_DIR, sharedBrain().knowledge);
const at = (isoLocal: string) => DateTime.fromISO(isoLocal, { zone: ZONE }).toJSDate();
const periodIds = (isoLocal: string) => activePeriods(calendar, at(isoLocal), ZONE).map((p) => p.id);

describe("knowledge/calendar.yaml", () => {
  it("is valid, and the periods fall where the municipal year has them", () => {
    expect(periodIds("2026-02-18T09:00")).toEqual(["kort-voor-de-verkiezingen-2026"]);
    expect(periodIds("2026-03-18T09:00")).toEqual(["kort-voor-de-verkiezingen-2026", "collegeonderhandelingen-2026"]);
    expect(periodIds("2026-05-04T09:00")).toEqual([
      "collegeonderhandelingen-2026",
      "nieuw-college-2026",
      "voorjaarsnota",
    ]);
    expect(periodIds("2027-05-10T09:00")).toEqual(["voorjaarsnota"]);
    expect(periodIds("2027-07-20T09:00")).toEqual(["zomerreces"]);
    expect(periodIds("2027-10-04T09:00")).toEqual(["begroting"]);
    expect(periodIds("2027-12-31T09:00")).toEqual(["jaarwisseling"]);
    expect(periodIds("2028-01-10T09:00")).toEqual(["jaarwisseling"]);
    expect(periodIds("2027-02-15T09:00")).toEqual([]);
    expect(periodIds("2029-05-01T09:00")).toEqual(["anticiperen-op-verkiezingen-2030", "voorjaarsnota"]);
  });

  it("names the file and field of a mistake", () => {
    const dir = mkdtempSync(join(tmpdir(), "calendar-"));
    writeFileSync(
      join(dir, "calendar.yaml"),
      "events: []\nperiods:\n  - id: x\n    yearly: { from: '13-01', to: '01-02' }\n    reason: Een reden van genoeg lengte.\n    units: [wegwijzer-999]\n",
    );
    try {
      loadCalendar(dir, sharedBrain().knowledge);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(KnowledgeError);
      expect((error as Error).message).toContain("calendar.yaml");
      expect((error as Error).message).toContain("periods.0.yearly.from");
    }
    writeFileSync(
      join(dir, "calendar.yaml"),
      "events: []\nperiods:\n  - id: x\n    event: onbekend\n    fromWeeks: -2\n    toWeeks: 0\n    reason: Een reden van genoeg lengte.\n    units: [wegwijzer-999]\n",
    );
    expect(() => loadCalendar(dir, sharedBrain().knowledge)).toThrow(
      /unknown unit ID "wegwijzer-999"[\s\S]*unknown event "onbekend"|unknown event[\s\S]*wegwijzer-999/,
    );
  });

  it("counts down to and back from the elections in Dutch", () => {
    const c = texts.calendar.countdown;
    expect(c(28, "de gemeenteraadsverkiezingen")).toBe("Over vier weken zijn de gemeenteraadsverkiezingen.");
    expect(c(8, "de verkiezingen")).toBe("Volgende week zijn de verkiezingen.");
    expect(c(3, "de verkiezingen")).toBe("Over drie dagen zijn de verkiezingen.");
    expect(c(0, "de verkiezingen")).toBe("Vandaag zijn de verkiezingen.");
    expect(c(-14, "de verkiezingen")).toBe("Twee weken geleden waren de verkiezingen.");
    expect(c(300, "de verkiezingen")).toBe("Over tien maanden zijn de verkiezingen.");
  });
});

describe("choosing the next lesson", () => {
  const plan = sharedPlan();

  it("prefers a fitting unit not yet had, and keeps each unit once before repeating", () => {
    const season = { calendar, now: at("2027-05-10T09:00"), zone: ZONE };
    expect(chooseLesson(plan, "standaard", [], season)).toMatchObject({
      lesson: { unit: { id: "wegwijzer-14" } },
      period: { id: "voorjaarsnota" },
    });
    expect(chooseLesson(plan, "standaard", ["wegwijzer-14"], season).lesson.unit.id).toBe("wegwijzer-26");
    const allFitting = ["wegwijzer-14", "wegwijzer-26", "wegwijzer-79", "wegwijzer-15", "wegwijzer-10"];
    // every fitting unit had: the track's order again, no repeat
    expect(chooseLesson(plan, "standaard", allFitting, season)).toEqual({
      lesson: nextLesson(plan, "standaard", allFitting),
    });
    // after a full round, a fitting unit is preferred again among those had the fewest times
    const round = plan.tracks.standaard.map((l) => l.unit.id);
    expect(chooseLesson(plan, "standaard", [...round, "wegwijzer-14"], season).lesson.unit.id).toBe("wegwijzer-26");
    // outside every period: the plain order
    expect(chooseLesson(plan, "standaard", [], { calendar, now: at("2027-02-15T09:00"), zone: ZONE })).toEqual({
      lesson: nextLesson(plan, "standaard", []),
    });
  });

  it("gives the starter track its opening themes first, whatever the season", () => {
    const season = { calendar, now: at("2027-05-10T09:00"), zone: ZONE };
    expect(chooseLesson(plan, "starter", [], season).lesson.unit.id).toBe("wegwijzer-98");
    expect(
      chooseLesson(plan, "starter", ["wegwijzer-98", "wegwijzer-99", "wegwijzer-100"], season).lesson.unit.id,
    ).toBe("wegwijzer-14");
  });
});

/** A year of Monday lessons through the real Deliverer on a fake clock, recording the cards. */
describe("a subscription across the municipal year", () => {
  let app: App;
  let store: Store;
  let clock: Date;
  const cards: Array<{ week: string; unit: string; text: string }> = [];

  beforeEach(async () => {
    clock = at("2026-11-01T12:00");
    app = await testApp({ now: () => clock });
    store = app.store;
    cards.length = 0;
  });
  afterEach(async () => {
    await app.close();
  });

  async function runYear(conversationId: string, fromLocal: string, weeks: number, args = ""): Promise<void> {
    clock = at(fromLocal);
    await store.saveConversation({
      id: conversationId,
      platform: "slack",
      isDirect: true,
      userId: "U1",
      reference: { channel: "D1" },
    });
    const reply = await app.core.handle({
      platform: "slack",
      conversationId,
      userId: "U1",
      text: `abonneer maandag 8:30 ${args}`.trim(),
      isDirect: true,
    });
    expect(reply.text).toContain("geabonneerd");
    const sender = {
      async send(_c: unknown, card: Reply) {
        cards.push({ week: clock.toISOString().slice(0, 10), unit: card.units[0]!.id, text: renderText(card) });
        return { ok: true as const };
      },
    };
    const deliverer = new Deliverer({
      store,
      plan: app.plan,
      calendar: app.calendar,
      knowledge: app.brain.knowledge,
      answerer: app.brain.answerer,
      log: createLogger({ logLevel: "silent", logQuestions: false }, new LogSink()),
      platforms: new Map([
        [
          "slack",
          {
            sender,
            pacer: new Pacer({
              perSecond: 1000,
              burst: 1000,
              perConversationMs: 0,
              sleep: async () => {},
              clock: () => clock.getTime(),
            }),
          },
        ],
      ]),
    });
    let monday = DateTime.fromJSDate(clock, { zone: ZONE }).startOf("week").plus({ weeks: 1 }).set({ hour: 9 });
    for (let i = 0; i < weeks; i++, monday = monday.plus({ weeks: 1 })) {
      clock = monday.toJSDate();
      expect((await deliverer.runPass(clock)).sent).toBe(1);
    }
  }
  const unitsBetween = (from: string, to: string) =>
    cards.filter((c) => c.week >= from && c.week <= to).map((c) => c.unit);

  it("in an ordinary year: year-end, voorjaarsnota, zomerreces and begroting themes in their season, each unit once", async () => {
    await runYear("slack:T1:U1", "2026-12-01T12:00", 52);
    expect(cards).toHaveLength(52);
    expect(new Set(cards.map((c) => c.unit)).size).toBe(52); // nothing twice within a round
    expect(unitsBetween("2026-12-14", "2027-01-11")).toEqual([
      "wegwijzer-65",
      "wegwijzer-66",
      "wegwijzer-23",
      "wegwijzer-47",
      "wegwijzer-1",
    ]);
    expect(unitsBetween("2027-04-05", "2027-05-03")).toEqual([
      "wegwijzer-14",
      "wegwijzer-26",
      "wegwijzer-79",
      "wegwijzer-15",
      "wegwijzer-10",
    ]);
    // wegwijzer-64 came earlier in the year in the plain order, so the summer has four of its five
    expect(unitsBetween("2027-07-12", "2027-08-02")).toEqual([
      "wegwijzer-68",
      "wegwijzer-72",
      "wegwijzer-53",
      "wegwijzer-32",
    ]);
    expect(unitsBetween("2027-01-25", "2027-07-05")).toContain("wegwijzer-64");
    // the begroting themes were had in spring: this round, autumn brings what is left of them (wegwijzer-75) first
    expect(unitsBetween("2027-09-20", "2027-09-20")).toEqual(["wegwijzer-75"]);
    const spring = cards.find((c) => c.week === "2027-04-05")!;
    expect(spring.text).toContain("Waarom nu? Het is de tijd van de voorjaarsnota of kadernota");
    const plain = cards.find((c) => c.week === "2027-02-15")!;
    expect(plain.text).not.toContain("Waarom nu?");
  });

  it("in an election year: the run-up, the elections, the collegeonderhandelingen and the new college, with the countdown", async () => {
    await runYear("slack:T1:U2", "2029-09-25T12:00", 52);
    expect(new Set(cards.map((c) => c.unit)).size).toBe(52);
    expect(cards[0]).toMatchObject({ week: "2029-10-01", unit: "wegwijzer-82" });
    expect(cards[0]!.text).toMatch(
      /Waarom nu\? Over (vijf|zes) maanden zijn de gemeenteraadsverkiezingen\. Het laatste jaar/,
    );
    expect(unitsBetween("2029-12-03", "2029-12-10")).toEqual(["wegwijzer-83", "wegwijzer-16"]);
    expect(unitsBetween("2030-03-25", "2030-04-15")).toEqual([
      "wegwijzer-84",
      "wegwijzer-86",
      "wegwijzer-58",
      "wegwijzer-11",
    ]);
    expect(cards.find((c) => c.week === "2030-03-25")!.text).toContain(
      "Vijf dagen geleden waren de gemeenteraadsverkiezingen. Dit is de tijd van de collegeonderhandelingen",
    );
    const newCollege = calendar.periods.find((p) => p.id === "nieuw-college-2030")!.units;
    expect(unitsBetween("2030-05-06", "2030-05-13")).toEqual(["wegwijzer-85", "wegwijzer-12"]);
    expect(unitsBetween("2030-05-06", "2030-06-03").every((u) => newCollege.includes(u))).toBe(true);
  });

  it("says 'Over vier weken zijn de verkiezingen' on a lesson four weeks before them", async () => {
    await runYear("slack:T1:U3", "2030-02-17T12:00", 1);
    expect(cards[0]).toMatchObject({ week: "2030-02-18", unit: "wegwijzer-83" });
    expect(cards[0]!.text).toContain("Waarom nu? Over vier weken zijn de gemeenteraadsverkiezingen.");
    // "les" shows the same lesson with the same reason
    const les = renderText(
      await app.core.handle({
        platform: "slack",
        conversationId: "slack:T1:U3",
        userId: "U3",
        text: "les",
        isDirect: true,
      }),
    );
    expect(les).toContain("Over vier weken zijn de gemeenteraadsverkiezingen.");
  });

  it("'abonneer zonder kalender' keeps the fixed order, and says so in the status", async () => {
    await runYear("slack:T1:U4", "2027-03-30T12:00", 6, "zonder kalender");
    expect(cards.map((c) => c.unit)).toEqual(
      sharedPlan()
        .tracks.standaard.slice(0, 6)
        .map((l) => l.unit.id),
    );
    expect(cards.every((c) => !c.text.includes("Waarom nu?"))).toBe(true);
    const status = await app.core.handle({
      platform: "slack",
      conversationId: "slack:T1:U4",
      userId: "U1",
      text: "status",
      isDirect: true,
    });
    expect(status.text).toContain("zonder de kalender");
    expect((await store.subscriptions.get("slack:T1:U4"))?.calendar).toBe(false);
    await app.core.handle({
      platform: "slack",
      conversationId: "slack:T1:U4",
      userId: "U1",
      text: "abonneer",
      isDirect: true,
    });
    expect((await store.subscriptions.get("slack:T1:U4"))?.calendar).toBe(true);
  });
});
