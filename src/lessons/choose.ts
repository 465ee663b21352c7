import { activePeriods, type MunicipalCalendar, type Period } from "./calendar.ts";
import type { Lesson, LessonPlan, Track } from "./plan.ts";

export function trackOf(name: string): Track {
  return name === "starter" ? "starter" : "standaard";
}

/**
 * The next lesson for a subscription: the first in its track's order that it has had the fewest
 * times. So no lesson comes twice before all have come, and after that the order starts over.
 */
export function nextLesson(plan: LessonPlan, track: string, sentUnitIds: readonly string[]): Lesson {
  const lessons = plan.tracks[trackOf(track)];
  const counts = new Map<string, number>();
  for (const id of sentUnitIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const fewest = Math.min(...lessons.map((l) => counts.get(l.unit.id) ?? 0));
  return lessons.find((l) => (counts.get(l.unit.id) ?? 0) === fewest)!;
}

/** The week number the association's lesson of the week changes by (UTC weeks from Monday 1 January 2024). */
export function weekIndex(now: Date): number {
  return Math.floor((now.getTime() - Date.UTC(2024, 0, 1)) / (7 * 24 * 3600 * 1000));
}

/** The lesson for everyone who has no subscription: the standard order, one per ISO week. */
export function lessonOfWeek(plan: LessonPlan, now: Date): Lesson {
  const lessons = plan.tracks.standaard;
  const weeks = weekIndex(now);
  return lessons[((weeks % lessons.length) + lessons.length) % lessons.length]!;
}

/** The calendar side of a choice: the municipal year and where the subscription is in it. */
export interface SeasonContext {
  calendar: MunicipalCalendar;
  now: Date;
  /** the subscription's IANA time zone: the calendar's dates are local */
  zone: string;
}

/**
 * The next lesson, following the municipal year: among the lessons the subscription has had the
 * fewest times (so still "each unit once before repeating"), the first unit of the first period
 * that is on and lists one of them; otherwise the track's order. Returns the period that chose it.
 */
export function chooseLesson(
  plan: LessonPlan,
  track: string,
  sentUnitIds: readonly string[],
  season?: SeasonContext,
): { lesson: Lesson; period?: Period | undefined } {
  const fallback = nextLesson(plan, track, sentUnitIds);
  // The starter track's opening themes come first, whatever the season.
  if (!season || (trackOf(track) === "starter" && plan.starterFirst.includes(fallback.unit.id)))
    return { lesson: fallback };
  const lessons = plan.tracks[trackOf(track)];
  const counts = new Map<string, number>();
  for (const id of sentUnitIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const fewest = Math.min(...lessons.map((l) => counts.get(l.unit.id) ?? 0));
  for (const period of activePeriods(season.calendar, season.now, season.zone)) {
    const unitId = period.units.find((id) => plan.byUnit.has(id) && (counts.get(id) ?? 0) === fewest);
    if (unitId) return { lesson: plan.byUnit.get(unitId)!, period };
  }
  return { lesson: fallback };
}
