import { DateTime, IANAZone } from "luxon";

export interface SlotSpec {
  /** ISO weekday, 1 = Monday … 7 = Sunday */
  weekday: number;
  /** "HH:mm" in the time zone */
  time: string;
  timeZone: string;
}

export interface Slot {
  /** ISO week of the slot in its own zone: "2026-W48" */
  week: string;
  at: Date;
  /** the slot's calendar date in its zone: "2026-11-23" */
  localDate: string;
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function slotIn(spec: SlotSpec, local: DateTime): Slot {
  const [hour, minute] = spec.time.split(":").map(Number) as [number, number];
  // Luxon resolves the wall-clock time in the zone: a time that does not exist on the day clocks
  // go forward moves on by the gap; one that happens twice when they go back is the first.
  const at = local.set({ weekday: spec.weekday as 1, hour, minute, second: 0, millisecond: 0 });
  return {
    week: `${at.weekYear}-W${String(at.weekNumber).padStart(2, "0")}`,
    at: at.toJSDate(),
    localDate: at.toISODate()!,
  };
}

/** The slot in the ISO week that `now` falls in, in the subscription's own time zone. */
export function slotOfWeek(spec: SlotSpec, now: Date): Slot {
  return slotIn(spec, DateTime.fromJSDate(now, { zone: spec.timeZone }));
}

/** The first slot at or after `now` (for "status" and confirmations). */
export function nextSlot(spec: SlotSpec, now: Date): Slot {
  const local = DateTime.fromJSDate(now, { zone: spec.timeZone });
  const thisWeek = slotIn(spec, local);
  return thisWeek.at.getTime() >= now.getTime() ? thisWeek : slotIn(spec, local.plus({ weeks: 1 }));
}

/** The calendar date of `now` in a zone: a missed slot is sent only on its own day. */
export function localDate(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** End of the ISO week containing `now` in the zone: retries stop there. */
export function endOfWeek(now: Date, zone: string): Date {
  return DateTime.fromJSDate(now, { zone }).endOf("week").toJSDate();
}

/** "maandag 23 november om 08:30" in Dutch. */
export function formatSlotDutch(slot: Slot, zone: string): string {
  return DateTime.fromJSDate(slot.at, { zone }).setLocale("nl").toFormat("cccc d LLLL 'om' HH:mm");
}
