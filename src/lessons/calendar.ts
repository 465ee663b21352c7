import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DateTime } from "luxon";
import { parseYaml } from "../knowledge/yaml-cache.ts";
import { z } from "zod";
import { texts } from "../conversation/texts.ts";
import { KnowledgeError, type Knowledge, type KnowledgeProblem } from "../knowledge/load.ts";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a date as YYYY-MM-DD")
  .refine((d) => DateTime.fromISO(d).isValid, "not a real date");
const monthDay = z
  .string()
  .regex(/^\d{2}-\d{2}$/, "a day of the year as MM-DD")
  .refine((d) => DateTime.fromISO(`2024-${d}`).isValid, "not a real day of the year");

const base = {
  id: z.string().regex(/^[a-z0-9-]{1,80}$/),
  reason: z.string().trim().min(10).max(300),
  units: z.array(z.string().min(1)).min(1),
};
const periodSchema = z.union([
  z
    .object({
      ...base,
      event: z.string().min(1),
      fromWeeks: z.number().int().min(-104).max(104),
      toWeeks: z.number().int().min(-104).max(104),
    })
    .strict(),
  z.object({ ...base, yearly: z.object({ from: monthDay, to: monthDay }).strict() }).strict(),
  z.object({ ...base, from: isoDate, to: isoDate }).strict(),
]);
const calendarFileSchema = z
  .object({
    events: z
      .array(
        z
          .object({ id: z.string().regex(/^[a-z0-9-]{1,80}$/), name: z.string().trim().min(3).max(80), date: isoDate })
          .strict(),
      )
      .default([]),
    periods: z.array(periodSchema).min(1),
  })
  .strict();

export interface CalendarEvent {
  id: string;
  /** "de gemeenteraadsverkiezingen": used in "Over vier weken zijn …" */
  name: string;
  /** local date, YYYY-MM-DD */
  date: string;
}

/** A period of the municipal year and the units that fit it, best first. */
export interface Period {
  id: string;
  reason: string;
  units: readonly string[];
  event?: CalendarEvent | undefined;
  /** whether the period is on, on a local date (YYYY-MM-DD) */
  contains(localDate: string): boolean;
}

export interface MunicipalCalendar {
  periods: readonly Period[];
}

const EMPTY: MunicipalCalendar = { periods: [] };
export const emptyCalendar = (): MunicipalCalendar => EMPTY;

function shift(date: string, weeks: number): string {
  return DateTime.fromISO(date).plus({ weeks }).toISODate()!;
}

/** Loads and validates `knowledge/calendar.yaml` against the knowledge (every unit ID must exist). */
export function loadCalendar(dir: string, knowledge: Knowledge): MunicipalCalendar {
  const path = "calendar.yaml";
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(join(dir, path), "utf8"));
  } catch (error) {
    throw new KnowledgeError([{ path, message: (error as Error).message }]);
  }
  const result = calendarFileSchema.safeParse(raw);
  if (!result.success)
    throw new KnowledgeError(result.error.issues.map((i) => ({ path, field: i.path.join("."), message: i.message })));
  const problems: KnowledgeProblem[] = [];
  const events = new Map<string, CalendarEvent>();
  result.data.events.forEach((e, i) => {
    if (events.has(e.id)) problems.push({ path, field: `events.${i}.id`, message: `"${e.id}" appears twice` });
    events.set(e.id, e);
  });
  const ids = new Set<string>();
  const periods: Period[] = [];
  result.data.periods.forEach((p, i) => {
    if (ids.has(p.id)) problems.push({ path, field: `periods.${i}.id`, message: `"${p.id}" appears twice` });
    ids.add(p.id);
    p.units.forEach((unitId, j) => {
      const unit = knowledge.byId.get(unitId);
      if (!unit) problems.push({ path, field: `periods.${i}.units.${j}`, message: `unknown unit ID "${unitId}"` });
      else if (!["theme", "lesson", "agenda"].includes(unit.kind))
        problems.push({
          path,
          field: `periods.${i}.units.${j}`,
          message: `"${unitId}" is not a theme, lesson or agenda theme`,
        });
    });
    const common = { id: p.id, reason: p.reason, units: p.units };
    if ("event" in p) {
      const event = events.get(p.event);
      if (!event) {
        problems.push({ path, field: `periods.${i}.event`, message: `unknown event "${p.event}"` });
        return;
      }
      if (p.fromWeeks > p.toWeeks)
        problems.push({ path, field: `periods.${i}.toWeeks`, message: "toWeeks is before fromWeeks" });
      const from = shift(event.date, p.fromWeeks);
      const to = shift(event.date, p.toWeeks);
      periods.push({ ...common, event, contains: (d) => d >= from && d <= to });
    } else if ("yearly" in p) {
      const { from, to } = p.yearly;
      // "12-14" to "01-20" runs over the turn of the year
      periods.push({
        ...common,
        contains: (d) => (from <= to ? d.slice(5) >= from && d.slice(5) <= to : d.slice(5) >= from || d.slice(5) <= to),
      });
    } else {
      if (p.from > p.to) problems.push({ path, field: `periods.${i}.to`, message: "to is before from" });
      periods.push({ ...common, contains: (d) => d >= p.from && d <= p.to });
    }
  });
  if (problems.length) throw new KnowledgeError(problems);
  return { periods };
}

/** The periods that are on at a moment, in the calendar's order. */
export function activePeriods(calendar: MunicipalCalendar, now: Date, zone: string): Period[] {
  const day = DateTime.fromJSDate(now, { zone }).toISODate()!;
  return calendar.periods.filter((p) => p.contains(day));
}

/** The first period on at `now` that lists the unit: why this lesson comes now. */
export function periodFor(calendar: MunicipalCalendar, unitId: string, now: Date, zone: string): Period | undefined {
  return activePeriods(calendar, now, zone).find((p) => p.units.includes(unitId));
}

/** "Over vier weken zijn de gemeenteraadsverkiezingen. <reason>", or just the reason. */
export function whyNow(period: Period, now: Date, zone: string): string {
  if (!period.event) return period.reason;
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const days = Math.round(DateTime.fromISO(period.event.date, { zone }).diff(today, "days").days);
  return `${texts.calendar.countdown(days, period.event.name)} ${period.reason}`;
}
