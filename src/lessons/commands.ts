import { DateTime } from "luxon";
import { unitLabel } from "../conversation/compose.ts";
import type { CommandHandler, HomeRequest } from "../conversation/core.ts";
import type { Incoming } from "../conversation/incoming.ts";
import { textReply, type Reply, type SubscriptionState } from "../conversation/reply.ts";
import { texts } from "../conversation/texts.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Answerer } from "../search/answer.ts";
import type { Intent } from "../conversation/intents.ts";
import type { Store } from "../store/store.ts";
import type { Subscription } from "../store/subscriptions.ts";
import { periodFor, whyNow, type MunicipalCalendar } from "./calendar.ts";
import { composeLessonCard } from "./card.ts";
import { currentLesson, mayComeNext, type Current } from "./current.ts";
import type { Lesson, LessonPlan } from "./plan.ts";
import { formatSlotDutch, nextSlot, slotOfWeek } from "./schedule.ts";
import { parsePauseWeeks, parseSubscribeArgs } from "./subscribe-args.ts";

export interface LessonCommandDeps {
  store: Store;
  plan: LessonPlan;
  knowledge: Knowledge;
  answerer: Answerer;
  now?: () => Date;
  /** the municipal year (knowledge/calendar.yaml); without it lessons follow the fixed order */
  calendar?: MunicipalCalendar | undefined;
  /** set when this deployment keeps a review queue (REVIEW_QUEUE=1): its retention in days */
  reviewQueueDays?: number;
}

const L = texts.lessons;

/** How long "Noteer" pressed on a lesson card decides the lesson of the next note. */
const NOTE_TARGET_MS = 24 * 3600 * 1000;

function dutchDate(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).setLocale("nl").toFormat("cccc d LLLL");
}

function weekdayTime(sub: Pick<Subscription, "weekday" | "time">): string {
  return `${DateTime.fromObject({ weekday: sub.weekday as 1 })
    .setLocale("nl")
    .toFormat("cccc")} om ${sub.time}`;
}

/** Les van de week, leeragenda and privacy commands: everything in chat that needs the store. */
export class LessonCommands implements CommandHandler {
  private readonly now: () => Date;

  constructor(private readonly deps: LessonCommandDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async handle(intent: Intent, incoming: Incoming): Promise<Reply | undefined> {
    switch (intent.kind) {
      case "subscription":
        return this.subscription(intent.command, intent.args, incoming);
      case "lesson-of-the-week":
        return this.currentLessonCard(incoming);
      case "discuss":
        return this.discuss(intent.unitId);
      case "note":
        return this.note(intent.text, incoming);
      case "learning-agenda":
        return this.agenda(incoming);
      case "privacy":
        return this.privacy(incoming);
      case "forget-me":
        return this.forget(intent.confirmed, incoming);
      default:
        return undefined;
    }
  }

  async home(request: HomeRequest): Promise<Reply[]> {
    const incoming: Incoming = {
      platform: request.platform,
      conversationId: request.conversationId,
      userId: request.userId,
      text: "",
      isDirect: true,
    };
    const sub = await this.deps.store.subscriptions.get(request.conversationId);
    const status = sub
      ? await this.status(sub)
      : textReply(L.notSubscribed, [
          { kind: "command", label: L.subscribeButton, command: "abonneer", style: "primary", expect: "none" },
        ]);
    return [{ ...status, text: `${L.homeSubscription}\n${status.text}` }, await this.currentLessonCard(incoming)];
  }

  /** The conversation's one current lesson (lessons/current.ts): what `les`, `noteer` and the delivery mean. */
  async currentLesson(
    conversationId: string,
  ): Promise<{ lesson: Lesson; subscription: Subscription | undefined; current: Current }> {
    const { store, plan } = this.deps;
    const sub = await store.subscriptions.get(conversationId);
    const sent = sub?.active ? await store.deliveries.sentUnits(sub.id) : [];
    const record = await store.currentLessons.get(conversationId);
    const season =
      this.deps.calendar && sub?.calendar
        ? { calendar: this.deps.calendar, now: this.now(), zone: sub.timeZone }
        : undefined;
    const current = currentLesson({ plan, subscription: sub, sent, record, now: this.now(), season });
    return { lesson: current.lesson, subscription: sub, current };
  }

  async lessonCard(unitId: string, incoming: Incoming): Promise<Reply | undefined> {
    const lesson = this.deps.plan.byUnit.get(unitId);
    if (!lesson) return undefined;
    const subscription = await this.deps.store.subscriptions.get(incoming.conversationId);
    return composeLessonCard(lesson, {
      isDirect: incoming.isDirect,
      state: this.stateOf(subscription),
      knowledge: this.deps.knowledge,
      answerer: this.deps.answerer,
    });
  }

  private async currentLessonCard(incoming: Incoming): Promise<Reply> {
    const { lesson, subscription, current } = await this.currentLesson(incoming.conversationId);
    // What is shown is what the conversation has: noteer, subscribing and the delivery keep to it.
    if (!current.pinned && !current.delivered)
      await this.deps.store.currentLessons.show(incoming.conversationId, lesson.unit.id, this.now());
    const why = subscription?.active
      ? lessonWhy(this.deps.calendar, subscription, lesson.unit.id, this.now())
      : undefined;
    return composeLessonCard(lesson, {
      isDirect: incoming.isDirect,
      state: this.stateOf(subscription),
      knowledge: this.deps.knowledge,
      answerer: this.deps.answerer,
      why,
    });
  }

  /** The subscription as a card shows it. */
  private stateOf(sub: Subscription | undefined): SubscriptionState {
    if (!sub) return "none";
    if (!sub.active) return "stopped";
    return sub.pausedUntil && sub.pausedUntil > this.now() ? "paused" : "active";
  }

  private async subscription(
    command: "subscribe" | "pause" | "resume" | "stop" | "status",
    args: string,
    incoming: Incoming,
  ): Promise<Reply> {
    const { store } = this.deps;
    if (incoming.platform === "local") return textReply(L.notHere);
    const now = this.now();
    // The surface puts the user's mention where the announcer mark is.
    const who = L.announcer;
    const existing = await store.subscriptions.get(incoming.conversationId);
    const announce = (text: string) => (incoming.isDirect ? undefined : text);
    // A button acts on the state its card showed; when the subscription changed since, it asks first.
    const click = incoming.click?.kind === "command" ? incoming.click : undefined;
    if (click?.expect && command !== "status" && click.expect !== this.stateOf(existing)) {
      const current = existing ? (await this.status(existing)).text : L.notSubscribed;
      return textReply(`${L.changedSince} ${current}`, [
        { kind: "command", label: L.doAnyway, command: click.command },
      ]);
    }
    switch (command) {
      case "subscribe": {
        const parsed = parseSubscribeArgs(args);
        if ("error" in parsed) return textReply(L.badSubscribe(parsed.error));
        const wasActive = existing?.active ?? false;
        // the lesson this conversation was shown (by `les`, this week) before it subscribed
        const shown = wasActive ? undefined : (await this.currentLesson(incoming.conversationId)).current;
        const before = shown?.pinned ? shown.lesson : undefined;
        const sub = await store.subscriptions.upsert(
          {
            id: incoming.conversationId,
            platform: incoming.platform,
            isDirect: incoming.isDirect,
            weekday: parsed.weekday,
            time: parsed.time,
            timeZone: parsed.timeZone,
            track: parsed.track,
            calendar: parsed.calendar,
            createdBy: incoming.userId,
          },
          now,
        );
        if (!wasActive) await this.carryLesson(sub, incoming, before?.unit.id);
        const first = nextSlot(sub, now);
        const confirm = [
          L.subscribed(weekdayTime(sub), sub.timeZone, sub.track, formatSlotDutch(first, sub.timeZone)),
          ...(sub.calendar ? [] : [texts.calendar.subscribedOff]),
        ].join(" ");
        return { ...textReply(confirm), announce: announce(L.announceSubscribed(who, weekdayTime(sub))) };
      }
      case "status":
        return existing
          ? { ...(await this.status(existing)), origin: { kind: "command", command: "status" } }
          : textReply(L.notSubscribed);
      case "pause": {
        if (!existing?.active) return textReply(L.notSubscribed);
        const weeks = parsePauseWeeks(args);
        if (weeks === undefined) return textReply(L.badPause);
        const until = DateTime.fromJSDate(now, { zone: existing.timeZone }).plus({ weeks }).startOf("day").toJSDate();
        await store.subscriptions.pause(existing.id, until, now);
        const date = dutchDate(until, existing.timeZone);
        return { ...textReply(L.paused(date)), announce: announce(L.announcePaused(who, date)) };
      }
      case "resume": {
        if (!existing) return textReply(L.notSubscribed);
        await store.subscriptions.resume(existing.id, now);
        return {
          ...textReply(L.resumed(formatSlotDutch(nextSlot(existing, now), existing.timeZone))),
          announce: announce(L.announceResumed(who)),
        };
      }
      case "stop": {
        if (!existing?.active) return textReply(L.notSubscribed);
        await store.subscriptions.deactivate(existing.id, "stopped", now);
        return { ...textReply(L.stopped), announce: announce(L.announceStopped(who)) };
      }
    }
  }

  /**
   * A new subscription starts with the lesson the conversation was shown (the card it subscribed
   * from, or the lesson `les` showed this week), when its order allows; otherwise with its own
   * next lesson (the calendar's, or the order's).
   */
  private async carryLesson(sub: Subscription, incoming: Incoming, seen: string | undefined): Promise<void> {
    const { store, plan } = this.deps;
    const candidate = incoming.origin?.kind === "lesson" ? incoming.origin.unitId : seen;
    const sent = await store.deliveries.sentUnits(sub.id);
    const deliveredThisWeek = sent.some((s) => s.week === slotOfWeek(sub, this.now()).week);
    const units = sent.map((s) => s.unitId);
    if (candidate && !deliveredThisWeek && mayComeNext(plan, sub.track, units, candidate))
      await store.currentLessons.show(sub.id, candidate, this.now());
    else await store.currentLessons.clearShown(sub.id);
  }

  private async status(sub: Subscription): Promise<Reply> {
    const now = this.now();
    const had = (await this.deps.store.deliveries.sentUnits(sub.id)).length;
    const total = this.deps.plan.tracks.standaard.length;
    const lines = [
      L.status(
        weekdayTime(sub),
        sub.timeZone,
        sub.track,
        had,
        total,
        formatSlotDutch(nextSlot(sub, now), sub.timeZone),
      ),
    ];
    if (!sub.active)
      lines.push(
        L.statusStopped(
          sub.deactivatedReason === "stopped" || !sub.deactivatedReason
            ? L.reasons.stopped
            : L.reasons.platform(sub.deactivatedReason),
        ),
      );
    else if (sub.pausedUntil && sub.pausedUntil > now)
      lines.push(L.statusPaused(dutchDate(sub.pausedUntil, sub.timeZone)));
    if (this.deps.calendar) lines.push(sub.calendar ? texts.calendar.statusOn : texts.calendar.statusOff);
    const expect = this.stateOf(sub);
    const actions = sub.active
      ? [
          { kind: "command" as const, label: L.pause, command: "pauzeer 1 week", expect },
          { kind: "command" as const, label: L.unsubscribe, command: "stop", style: "danger" as const, expect },
        ]
      : [
          {
            kind: "command" as const,
            label: L.subscribeButton,
            command: "abonneer",
            style: "primary" as const,
            expect,
          },
        ];
    return textReply(lines.join(" "), actions);
  }

  private discuss(unitId: string): Reply {
    const lesson = this.deps.plan.byUnit.get(unitId);
    if (!lesson) return textReply(texts.unknownUnit);
    return textReply(L.discussPrompt(lesson.unit.title, lesson.reflection));
  }

  private async note(text: string, incoming: Incoming): Promise<Reply> {
    if (!incoming.isDirect) return textReply(L.noteInDirectOnly);
    const { store, plan, knowledge } = this.deps;
    const now = this.now();
    if (!text) {
      // "Noteer" pressed on a lesson card: the reflection typed next belongs to that card's lesson.
      const cardLesson = incoming.origin?.kind === "lesson" ? plan.byUnit.get(incoming.origin.unitId) : undefined;
      if (!cardLesson) return textReply(L.noteHow);
      await store.currentLessons.setNoteTarget(incoming.conversationId, cardLesson.unit.id, now);
      return textReply(L.noteHowFor(unitLabel(cardLesson.unit, knowledge)));
    }
    // Filed under the card's lesson when "Noteer" was pressed on one, else the conversation's current lesson.
    const target = (await store.currentLessons.get(incoming.conversationId)).noteTarget;
    const fromCard =
      target && now.getTime() - target.at.getTime() < NOTE_TARGET_MS ? plan.byUnit.get(target.unitId) : undefined;
    const unit = (fromCard ?? (await this.currentLesson(incoming.conversationId)).lesson).unit;
    await store.notes.add(
      {
        userKey: `${incoming.platform}:${incoming.userId}`,
        conversationId: incoming.conversationId,
        unitId: unit.id,
        text: text.slice(0, 2000),
      },
      now,
    );
    if (target) await store.currentLessons.setNoteTarget(incoming.conversationId, undefined, now);
    return textReply(L.noted(unitLabel(unit, knowledge)));
  }

  private async agenda(incoming: Incoming): Promise<Reply> {
    if (!incoming.isDirect) return textReply(L.noteInDirectOnly);
    const notes = await this.deps.store.notes.list(`${incoming.platform}:${incoming.userId}`);
    if (notes.length === 0) return textReply(L.agendaEmpty);
    const lines = notes.map((n) => {
      const unit = n.unitId ? this.deps.knowledge.byId.get(n.unitId) : undefined;
      return L.agendaLine(
        DateTime.fromJSDate(n.createdAt).setLocale("nl").toFormat("d LLL yyyy"),
        unit ? unitLabel(unit, this.deps.knowledge) : L.agendaNoLesson,
        n.text,
      );
    });
    return textReply([L.agendaHeader, ...lines].join("\n"));
  }

  private async privacy(incoming: Incoming): Promise<Reply> {
    const data = await this.deps.store.userData(incoming.platform, incoming.userId);
    const questions =
      this.deps.reviewQueueDays === undefined
        ? L.privacyNoReviewQueue
        : L.privacyReviewQueue(this.deps.reviewQueueDays);
    const regional = [
      data.regions.length ? L.privacyRegions(data.regions.join(", ")) : L.privacyNoRegions,
      ...(data.regionalQuestions.length
        ? [
            L.privacyRegionalQuestions(
              data.regionalQuestions.length,
              data.regionalQuestions
                .map((q) =>
                  L.privacyRegionalQuestion(
                    q.region,
                    DateTime.fromJSDate(q.createdAt).setLocale("nl").toFormat("d LLL yyyy"),
                    q.anonymous,
                    q.replies,
                  ),
                )
                .join("; "),
            ),
          ]
        : []),
    ];
    return textReply(
      [
        L.privacy(data.notes, data.subscriptions.length, data.directConversations.length),
        ...regional,
        questions,
        L.privacyForget,
      ].join(" "),
      [{ kind: "command", label: L.forgetButton, command: "vergeet mij", style: "danger" }],
    );
  }

  private async forget(confirmed: boolean | undefined, incoming: Incoming): Promise<Reply> {
    if (confirmed === undefined) {
      return {
        ...textReply(L.forgetConfirm, [
          { kind: "command", label: L.forgetYes, command: "vergeet mij bevestigd", style: "danger" },
          { kind: "command", label: L.forgetNo, command: "vergeet mij niet" },
        ]),
        confirm: { yes: "vergeet mij bevestigd", no: "vergeet mij niet" },
      };
    }
    if (!confirmed) return textReply(L.forgetCancelled);
    await this.deps.store.forgetUser(incoming.platform, incoming.userId);
    return textReply(L.forgotten);
  }
}

/** Why a subscription gets this lesson now ("Over vier weken zijn de gemeenteraadsverkiezingen. …"), when the calendar chose it. */
export function lessonWhy(
  calendar: MunicipalCalendar | undefined,
  sub: Pick<Subscription, "calendar" | "timeZone">,
  unitId: string,
  now: Date,
): string | undefined {
  if (!calendar || !sub.calendar) return undefined;
  const period = periodFor(calendar, unitId, now, sub.timeZone);
  return period ? whyNow(period, now, sub.timeZone) : undefined;
}
