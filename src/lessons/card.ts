import { citationOf } from "../conversation/compose.ts";
import type { Action, Reply, SubscriptionState } from "../conversation/reply.ts";
import { showPassages } from "../conversation/passage-text.ts";
import { texts } from "../conversation/texts.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Answerer } from "../search/answer.ts";
import type { Lesson } from "./plan.ts";

/**
 * The lesson card: title and source, the unit's summary as intro, its key bullets, the reflection
 * question, and the buttons to read on, discuss (channels) or note a reflection (DMs), pause or stop.
 */
export function composeLessonCard(
  lesson: Lesson,
  opts: {
    isDirect: boolean;
    state: SubscriptionState;
    knowledge: Knowledge;
    answerer: Answerer;
    why?: string | undefined;
  },
): Reply {
  const expect = opts.state;
  const { unit } = lesson;
  const actions: Action[] = [
    { kind: "read-more", label: texts.lessons.readTheme, unitId: unit.id },
    opts.isDirect
      ? { kind: "command", label: texts.lessons.note, command: "noteer" }
      : { kind: "command", label: texts.lessons.discuss, command: `bespreek ${unit.id}`, style: "primary" },
  ];
  if (opts.state === "active" || opts.state === "paused") {
    actions.push(
      { kind: "command", label: texts.lessons.pause, command: "pauzeer 1 week", expect },
      { kind: "command", label: texts.lessons.unsubscribe, command: "stop", style: "danger", expect },
    );
  } else {
    actions.push({
      kind: "command",
      label: texts.lessons.subscribeButton,
      command: "abonneer",
      style: "primary",
      expect,
    });
  }
  return {
    // "Waarom nu?": the municipal calendar chose this lesson (lessons/calendar.ts)
    text: [texts.lessons.header(unit.title), ...(opts.why ? [texts.calendar.why(opts.why)] : []), unit.summary].join(
      "\n",
    ),
    units: [
      {
        id: unit.id,
        title: unit.title,
        citation: citationOf(unit, opts.knowledge),
        passages: showPassages(opts.answerer.keyPassages(unit), unit.body),
      },
    ],
    followUps: [],
    actions,
    reflection: lesson.reflection,
    origin: { kind: "lesson", unitId: unit.id },
  };
}
