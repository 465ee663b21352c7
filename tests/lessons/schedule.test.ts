import { describe, expect, it } from "vitest";
import { nextLesson } from "../../src/lessons/choose.ts";
import { nextSlot, slotOfWeek } from "../../src/lessons/schedule.ts";
import { parsePauseWeeks, parseSubscribeArgs } from "../../src/lessons/subscribe-args.ts";
import { sharedPlan } from "../helpers/bot.ts";

const monday = { weekday: 1, time: "08:30", timeZone: "Europe/Amsterdam" };

describe("weekly slots in the subscription's time zone", () => {
  it("keeps 08:30 local across the spring change (last Sunday of March)", () => {
    expect(slotOfWeek(monday, new Date("2027-03-24T12:00:00Z")).at.toISOString()).toBe("2027-03-22T07:30:00.000Z"); // CET
    expect(slotOfWeek(monday, new Date("2027-03-31T12:00:00Z")).at.toISOString()).toBe("2027-03-29T06:30:00.000Z"); // CEST
  });

  it("keeps 08:30 local across the autumn change (last Sunday of October)", () => {
    expect(slotOfWeek(monday, new Date("2026-10-21T12:00:00Z")).at.toISOString()).toBe("2026-10-19T06:30:00.000Z"); // CEST
    expect(slotOfWeek(monday, new Date("2026-10-28T12:00:00Z")).at.toISOString()).toBe("2026-10-26T07:30:00.000Z"); // CET
  });

  it("moves a time that does not exist on the change day forward, and takes the first of a doubled hour", () => {
    const sunday = (time: string) => ({ weekday: 7, time, timeZone: "Europe/Amsterdam" });
    expect(slotOfWeek(sunday("02:30"), new Date("2027-03-27T12:00:00Z")).at.toISOString()).toBe(
      "2027-03-28T01:30:00.000Z",
    ); // 03:30 CEST
    expect(slotOfWeek(sunday("02:30"), new Date("2026-10-24T12:00:00Z")).at.toISOString()).toBe(
      "2026-10-25T00:30:00.000Z",
    ); // first 02:30, CEST
  });

  it("names the ISO week in the zone and finds the next slot", () => {
    const slot = slotOfWeek(monday, new Date("2026-11-23T10:00:00Z"));
    expect(slot.week).toBe("2026-W48");
    expect(slot.localDate).toBe("2026-11-23");
    expect(nextSlot(monday, new Date("2026-11-23T10:00:00Z")).localDate).toBe("2026-11-30");
    expect(
      slotOfWeek(
        { weekday: 1, time: "09:00", timeZone: "America/New_York" },
        new Date("2026-11-23T13:00:00Z"),
      ).at.toISOString(),
    ).toBe("2026-11-23T14:00:00.000Z");
  });
});

describe("subscription arguments", () => {
  it("reads days, times, zones and tracks, with defaults for what is left out", () => {
    expect(parseSubscribeArgs("")).toEqual({
      weekday: 1,
      time: "08:30",
      timeZone: "Europe/Amsterdam",
      track: "standaard",
      calendar: true,
    });
    expect(parseSubscribeArgs("dinsdag 9:00")).toMatchObject({ weekday: 2, time: "09:00" });
    expect(parseSubscribeArgs("vr 16.30 Europe/Brussels starter")).toEqual({
      weekday: 5,
      time: "16:30",
      timeZone: "Europe/Brussels",
      track: "starter",
      calendar: true,
    });
    expect(parseSubscribeArgs("dinsdag 9:00 zonder kalender")).toEqual({
      weekday: 2,
      time: "09:00",
      timeZone: "Europe/Amsterdam",
      track: "standaard",
      calendar: false,
    });
    expect(parseSubscribeArgs("zonder")).toEqual({ error: "zonder" });
    expect(parseSubscribeArgs("woensdag om 7u")).toMatchObject({ weekday: 3, time: "07:00" });
    expect(parseSubscribeArgs("dinsdag 25:00")).toEqual({ error: "25:00" });
    expect(parseSubscribeArgs("Mars/Olympus")).toEqual({ error: "Mars/Olympus" });
    expect(parsePauseWeeks("3 weken")).toBe(3);
    expect(parsePauseWeeks("")).toBe(1);
    expect(parsePauseWeeks("60 weken")).toBeUndefined();
  });
});

describe("the order of lessons", () => {
  const plan = sharedPlan();

  it("covers every theme, lesson and agenda theme once, and the starter track opens with 98–100", () => {
    expect(plan.tracks.standaard).toHaveLength(111);
    expect(new Set(plan.tracks.standaard.map((l) => l.unit.id)).size).toBe(111);
    expect(plan.tracks.starter.slice(0, 3).map((l) => l.unit.id)).toEqual([
      "wegwijzer-98",
      "wegwijzer-99",
      "wegwijzer-100",
    ]);
    expect(new Set(plan.tracks.starter.map((l) => l.unit.id))).toEqual(
      new Set(plan.tracks.standaard.map((l) => l.unit.id)),
    );
    for (const lesson of plan.tracks.standaard) expect(lesson.reflection.length).toBeGreaterThan(10);
  });

  it("is varied: never two themes of the same chapter in a row", () => {
    const seq = plan.tracks.standaard.map((l) => l.unit);
    for (let i = 1; i < seq.length; i++) {
      if (seq[i]!.source === "wegwijzer" && seq[i - 1]!.source === "wegwijzer")
        expect(seq[i]!.chapter, `${seq[i - 1]!.id} → ${seq[i]!.id}`).not.toBe(seq[i - 1]!.chapter);
    }
  });

  it("never gives a lesson twice before all have come, then starts over", () => {
    for (const track of ["standaard", "starter"]) {
      const sent: string[] = [];
      for (let week = 0; week < 111; week++) sent.push(nextLesson(plan, track, sent).unit.id);
      expect(new Set(sent).size).toBe(111);
      expect(nextLesson(plan, track, sent).unit.id).toBe(sent[0]);
    }
  });
});
