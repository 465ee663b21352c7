import type { Lesson, LessonPlan, Track } from "./plan.ts";

export function trackOf(name: string): Track {
  return name === "starter" ? "starter" : "standaard";
}

/**
 * The next lesson for a subscription: the first in its track's order that it has had the fewest
 * times. So no lesson comes twice before all have come, and after that the order starts over.
 * The standard order starts at the association's lesson of the week on the day the conversation
 * subscribed (`since`): the lesson `les` showed before subscribing is the first one delivered.
 */
export function nextLesson(plan: LessonPlan, track: string, sentUnitIds: readonly string[], since?: Date): Lesson {
  let lessons = plan.tracks[trackOf(track)];
  if (since && trackOf(track) === "standaard") {
    const start = lessons.indexOf(lessonOfWeek(plan, since));
    lessons = [...lessons.slice(start), ...lessons.slice(0, start)];
  }
  const counts = new Map<string, number>();
  for (const id of sentUnitIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const fewest = Math.min(...lessons.map((l) => counts.get(l.unit.id) ?? 0));
  return lessons.find((l) => (counts.get(l.unit.id) ?? 0) === fewest)!;
}

/** The lesson for everyone who has no subscription: the standard order, one per ISO week. */
export function lessonOfWeek(plan: LessonPlan, now: Date): Lesson {
  const lessons = plan.tracks.standaard;
  const weeks = Math.floor((now.getTime() - Date.UTC(2024, 0, 1)) / (7 * 24 * 3600 * 1000));
  return lessons[((weeks % lessons.length) + lessons.length) % lessons.length]!;
}
