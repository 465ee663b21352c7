import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { Knowledge } from "../knowledge/load.ts";
import type { Logger } from "../log.ts";
import type { Answerer } from "../search/answer.ts";
import type { Claim } from "../store/deliveries.ts";
import type { Reply } from "../conversation/reply.ts";
import { hashId } from "../log.ts";
import { DeadlineError, withDeadline } from "../server/resilience.ts";
import type { ConversationRecord, Store } from "../store/store.ts";
import type { Subscription } from "../store/subscriptions.ts";
import type { MunicipalCalendar } from "./calendar.ts";
import { composeLessonCard } from "./card.ts";
import { currentLesson } from "./current.ts";
import { lessonWhy } from "./commands.ts";
import type { DeliveryEvents } from "./events.ts";
import type { Pacer } from "./pacer.ts";
import type { Lesson, LessonPlan } from "./plan.ts";
import { endOfWeek, localDate, slotOfWeek } from "./schedule.ts";
import type { ProactiveSender, SendOutcome } from "./sender.ts";

export interface DelivererDeps {
  store: Store;
  plan: LessonPlan;
  knowledge: Knowledge;
  answerer: Answerer;
  log: Logger;
  /** the municipal year (knowledge/calendar.yaml); without it lessons follow the fixed order */
  calendar?: MunicipalCalendar | undefined;
  /** per platform ("slack", "teams"): the sender and its pacer; platforms without one are left alone */
  platforms: Map<string, { sender: ProactiveSender; pacer: Pacer }>;
  /** who claims: unique per process */
  instance?: string;
  /** how long a claim is held before another instance may take it over */
  leaseMs?: number;
  /** subscriptions handled at once */
  concurrency?: number;
  /** 429s waited out within one delivery before it is left for a later pass */
  maxRateLimitWaits?: number;
  /** how long one post may take; a post without an answer by then is retried in a later pass */
  postTimeoutMs?: number;
  /** told about every outcome, 429 and pass (metrics) */
  events?: DeliveryEvents | undefined;
}

export interface PassReport {
  due: number;
  sent: number;
  skipped: number;
  retryLater: number;
  deactivated: number;
  failed: number;
  /** claimed by another instance, or already done */
  notClaimed: number;
  /** dry run: would be sent */
  wouldSend: string[];
}

/** Backoff after a 5xx or network error: 1, 5, 15, 60 minutes, then every 3 hours, within the week. */
const BACKOFF_MS = [60_000, 300_000, 900_000, 3_600_000, 10_800_000];

export function newInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

/**
 * One scheduler pass: every active subscription whose weekly slot has come gets its lesson,
 * exactly once per ISO week. The (subscription, week) record is claimed before sending and
 * marked after; see the README for what a crash in between can do.
 */
export class Deliverer {
  readonly instance: string;
  private readonly leaseMs: number;

  constructor(private readonly deps: DelivererDeps) {
    this.instance = deps.instance ?? newInstanceId();
    this.leaseMs = deps.leaseMs ?? 5 * 60_000;
  }

  async runPass(now: Date, options: { dryRun?: boolean } = {}): Promise<PassReport> {
    const started = performance.now();
    const report: PassReport = {
      due: 0,
      sent: 0,
      skipped: 0,
      retryLater: 0,
      deactivated: 0,
      failed: 0,
      notClaimed: 0,
      wouldSend: [],
    };
    const subscriptions = (await this.deps.store.subscriptions.listActive()).filter((s) =>
      this.deps.platforms.has(s.platform),
    );
    let next = 0;
    const worker = async () => {
      while (next < subscriptions.length) {
        const sub = subscriptions[next++]!;
        try {
          await this.handle(sub, now, report, options.dryRun ?? false);
        } catch (error) {
          report.failed += 1;
          this.deps.log.error({ subscription: hashId(sub.id), err: error }, "lesson delivery failed unexpectedly");
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, this.deps.concurrency ?? 8) }, worker));
    this.deps.log.info(
      { instance: this.instance, ...report, wouldSend: report.wouldSend.length },
      "delivery pass done",
    );
    if (!options.dryRun) this.deps.events?.pass(performance.now() - started);
    return report;
  }

  private async handle(sub: Subscription, now: Date, report: PassReport, dryRun: boolean): Promise<void> {
    const { store, plan, log } = this.deps;
    const slot = slotOfWeek(sub, now);
    if (now < slot.at || slot.at < sub.scheduleFrom) return;
    if (sub.pausedUntil && sub.pausedUntil > now) return;
    report.due += 1;
    const existing = await store.deliveries.get(sub.id, slot.week);
    if (!existing && localDate(now, sub.timeZone) !== slot.localDate) {
      // The bot was down on the slot's day: a lesson is never sent days late.
      const lesson = await this.upcoming(sub, now);
      if (
        !dryRun &&
        (await store.deliveries.markSkipped(sub.id, slot.week, lesson.unit.id, `missed slot of ${slot.localDate}`))
      ) {
        report.skipped += 1;
        this.deps.events?.delivery(sub.platform, "skipped");
        log.warn(
          { subscription: hashId(sub.id), week: slot.week, slot: slot.at.toISOString() },
          "lesson skipped: its day passed while the bot was not running",
        );
      }
      return;
    }
    if (existing && existing.status !== "claimed" && existing.status !== "retry") {
      report.notClaimed += 1;
      return;
    }
    const lesson = existing ? plan.byUnit.get(existing.unit_id) : await this.upcoming(sub, now);
    if (!lesson) return;
    if (dryRun) {
      report.wouldSend.push(`${sub.id} ${slot.week} ${lesson.unit.id}`);
      return;
    }
    const claim = await store.deliveries.claim(sub.id, slot.week, lesson.unit.id, this.instance, now, this.leaseMs);
    if (!claim) {
      report.notClaimed += 1;
      return;
    }
    await this.deliver(sub, claim, now, report);
  }

  /** The lesson this subscription gets next: the conversation's current lesson (lessons/current.ts). */
  private async upcoming(sub: Subscription, now: Date): Promise<Lesson> {
    const { store, plan, calendar } = this.deps;
    const sent = await store.deliveries.sentUnits(sub.id);
    const record = await store.currentLessons.get(sub.id);
    const season = calendar && sub.calendar ? { calendar, now, zone: sub.timeZone } : undefined;
    return currentLesson({ plan, subscription: sub, sent, record, now, season }).lesson;
  }

  private async deliver(sub: Subscription, claim: Claim, now: Date, report: PassReport): Promise<void> {
    const { store, plan, log } = this.deps;
    const platform = this.deps.platforms.get(sub.platform)!;
    const lesson = plan.byUnit.get(claim.unitId)!;
    const conversation = await store.getConversation(sub.id);
    if (!conversation) return this.deactivate(sub, claim, "no_conversation_reference", report);
    const why = lessonWhy(this.deps.calendar, sub, lesson.unit.id, now);
    const card = composeLessonCard(lesson, {
      isDirect: sub.isDirect,
      state: "active",
      knowledge: this.deps.knowledge,
      answerer: this.deps.answerer,
      why,
    });

    let outcome: SendOutcome = { ok: false, kind: "transient", error: "not_sent" };
    for (let waits = 0; waits <= (this.deps.maxRateLimitWaits ?? 5); waits++) {
      await platform.pacer.take(sub.id);
      outcome = await this.send(platform.sender, conversation, card);
      if (outcome.ok || outcome.kind !== "rate-limited") break;
      this.deps.events?.rateLimited(sub.platform);
      log.warn(
        { subscription: hashId(sub.id), retryAfterMs: outcome.retryAfterMs },
        "platform rate limit: waiting for Retry-After",
      );
      platform.pacer.pause(outcome.retryAfterMs);
    }
    if (outcome.ok) {
      await store.deliveries.markSent(claim, this.instance, new Date());
      // The lesson shown as coming has come: the next one is chosen afresh.
      await store.currentLessons.clearShown(sub.id);
      report.sent += 1;
      this.deps.events?.delivery(sub.platform, "sent");
      return;
    }
    if (outcome.kind === "permanent") return this.deactivate(sub, claim, outcome.error, report);
    const retryAt = new Date(
      now.getTime() +
        (outcome.kind === "rate-limited"
          ? outcome.retryAfterMs
          : BACKOFF_MS[Math.min(claim.attempts - 1, BACKOFF_MS.length - 1)]!),
    );
    if (retryAt > endOfWeek(now, sub.timeZone)) {
      await store.deliveries.markFailed(claim, this.instance, `gave up this week: ${outcome.error}`);
      report.failed += 1;
      this.deps.events?.delivery(sub.platform, "failed");
      log.warn(
        { subscription: hashId(sub.id), week: claim.week, error: outcome.error },
        "lesson not delivered this week",
      );
      return;
    }
    await store.deliveries.markRetry(claim, this.instance, retryAt, outcome.error);
    report.retryLater += 1;
    this.deps.events?.delivery(sub.platform, "retried");
    log.warn(
      { subscription: hashId(sub.id), week: claim.week, error: outcome.error, retryAt: retryAt.toISOString() },
      "lesson delivery will be retried",
    );
  }

  /** One post with a deadline: a platform that never answers costs one worker this long, not the pass. */
  private async send(sender: ProactiveSender, conversation: ConversationRecord, card: Reply): Promise<SendOutcome> {
    try {
      return await withDeadline(sender.send(conversation, card), this.deps.postTimeoutMs ?? 20_000, "lesson post");
    } catch (error) {
      return { ok: false, kind: "transient", error: error instanceof DeadlineError ? "timeout" : "send_failed" };
    }
  }

  private async deactivate(sub: Subscription, claim: Claim, reason: string, report: PassReport): Promise<void> {
    await this.deps.store.deliveries.markFailed(claim, this.instance, reason);
    await this.deps.store.subscriptions.deactivate(sub.id, reason);
    report.deactivated += 1;
    this.deps.events?.delivery(sub.platform, "deactivated");
    this.deps.log.warn(
      { subscription: hashId(sub.id), reason },
      "subscription deactivated: the platform refuses delivery",
    );
  }
}
