import type { CurrentLessonRecord } from "../store/current-lessons.ts";
import type { Subscription } from "../store/subscriptions.ts";
import { chooseLesson, lessonOfWeek, nextLesson, trackOf, weekIndex, type SeasonContext } from "./choose.ts";
import type { Lesson, LessonPlan } from "./plan.ts";
import { slotOfWeek } from "./schedule.ts";

/**
 * The one current lesson of a conversation, as `les`, a lesson card's buttons, `noteer` and the
 * delivery see it:
 * - no active subscription: the lesson it was shown this week, else the association's lesson of the week;
 * - subscribed, with a lesson delivered this week: that lesson;
 * - subscribed otherwise: the lesson it was last shown as coming (by `les`, or the card it subscribed
 *   from) while that may still come next, else the subscription's own next lesson.
 * `pinned` says whether the lesson came from what the conversation was shown.
 */
export interface CurrentContext {
  plan: LessonPlan;
  subscription: Subscription | undefined;
  /** the lessons the subscription has had */
  sent: ReadonlyArray<{ unitId: string; week: string }>;
  record: CurrentLessonRecord;
  now: Date;
  season?: SeasonContext | undefined;
}

export interface Current {
  lesson: Lesson;
  /** delivered to this conversation this week */
  delivered: boolean;
  /** the lesson the conversation was shown before (nothing to record) */
  pinned: boolean;
}

export function currentLesson(ctx: CurrentContext): Current {
  const { plan, subscription: sub, sent, record, now } = ctx;
  const shown = record.shown ? plan.byUnit.get(record.shown.unitId) : undefined;
  if (!sub?.active) {
    if (shown && weekIndex(record.shown!.at) === weekIndex(now))
      return { lesson: shown, delivered: false, pinned: true };
    return { lesson: lessonOfWeek(plan, now), delivered: false, pinned: false };
  }
  const week = slotOfWeek(sub, now).week;
  const thisWeek = sent.find((s) => s.week === week);
  const deliveredLesson = thisWeek ? plan.byUnit.get(thisWeek.unitId) : undefined;
  if (deliveredLesson) return { lesson: deliveredLesson, delivered: true, pinned: false };
  const units = sent.map((s) => s.unitId);
  // A delivery clears what was shown (Deliverer), so a shown lesson is still to come.
  if (shown && mayComeNext(plan, sub.track, units, shown.unit.id))
    return { lesson: shown, delivered: false, pinned: true };
  return { lesson: chooseLesson(plan, sub.track, units, ctx.season).lesson, delivered: false, pinned: false };
}

/**
 * Whether a unit may be a subscription's next lesson without breaking its order's rules: it has had
 * it no more often than any other, and a starter track still gets its opening themes first.
 */
export function mayComeNext(plan: LessonPlan, track: string, sentUnitIds: readonly string[], unitId: string): boolean {
  const lessons = plan.tracks[trackOf(track)];
  if (!lessons.some((l) => l.unit.id === unitId)) return false;
  const counts = new Map<string, number>();
  for (const id of sentUnitIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  const fewest = Math.min(...lessons.map((l) => counts.get(l.unit.id) ?? 0));
  if ((counts.get(unitId) ?? 0) !== fewest) return false;
  const next = nextLesson(plan, track, sentUnitIds);
  if (trackOf(track) === "starter" && plan.starterFirst.includes(next.unit.id)) return next.unit.id === unitId;
  return true;
}
