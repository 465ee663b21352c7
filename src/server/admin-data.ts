import { createHash } from "node:crypto";
import { DateTime } from "luxon";
import type { App } from "../app/create-app.ts";
import { unitLabel } from "../conversation/compose.ts";
import { nextSlot } from "../lessons/schedule.ts";
import type { ReviewEntry } from "../store/review.ts";
import type { DayCount } from "../store/stats.ts";

export interface UnitCount {
  id: string;
  label: string;
  n: number;
}

export interface SubscriptionRow {
  /** a short hash of the conversation ID: recognisable across visits, not the ID itself */
  ref: string;
  platform: string;
  isDirect: boolean;
  state: "active" | "paused" | "deactivated";
  reason: string | undefined;
  next: Date | undefined;
  timeZone: string;
  lastSent: { week: string; label: string; at: Date } | undefined;
}

export interface AdminData {
  now: Date;
  days: DayCount[];
  weeks: Array<{ week: string; questions: number; answered: number }>;
  last7: { questions: number; answered: number; up: number; down: number };
  last30: { questions: number; answered: number; up: number; down: number };
  mostAsked: UnitCount[];
  leastAsked: UnitCount[];
  feedback: Array<{ id: string; label: string; up: number; down: number }>;
  subscriptionSummary: Array<{
    platform: string;
    isDirect: boolean;
    active: number;
    paused: number;
    deactivated: number;
  }>;
  subscriptions: SubscriptionRow[];
  deliveries: Array<{ week: string; counts: Record<string, number> }>;
  review: {
    enabled: boolean;
    retentionDays: number;
    open: ReviewEntry[];
    counts: { open: number; handled: number };
    toExport: number;
  };
  /** every unit, for the curator's choice */
  units: Array<{ id: string; label: string }>;
  labelOf(unitId: string): string;
}

export const CHART_DAYS = 14;
const DAY_MS = 86_400_000;

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Everything the admin page shows, gathered from the store and the knowledge. No user IDs. */
export async function gatherAdminData(app: App): Promise<AdminData> {
  const now = app.now();
  const { store, brain, config } = app;
  const knowledge = brain.knowledge;
  const labelOf = (id: string) => {
    const unit = knowledge.byId.get(id);
    return unit ? unitLabel(unit, knowledge) : id;
  };

  const from56 = isoDay(new Date(now.getTime() - 55 * DAY_MS));
  const perDay = await store.stats.questionsPerDay(from56);
  const byDay = new Map(perDay.map((d) => [d.day, d]));
  const days: DayCount[] = [];
  for (let i = CHART_DAYS - 1; i >= 0; i--) {
    const day = isoDay(new Date(now.getTime() - i * DAY_MS));
    days.push(byDay.get(day) ?? { day, answered: 0, unanswered: 0 });
  }
  const weekMap = new Map<string, { week: string; questions: number; answered: number }>();
  for (const d of perDay) {
    const dt = DateTime.fromISO(d.day, { zone: "utc" });
    const week = `${dt.weekYear}-W${String(dt.weekNumber).padStart(2, "0")}`;
    const entry = weekMap.get(week) ?? { week, questions: 0, answered: 0 };
    entry.questions += d.answered + d.unanswered;
    entry.answered += d.answered;
    weekMap.set(week, entry);
  }
  const weeks = [...weekMap.values()].sort((a, b) => b.week.localeCompare(a.week)).slice(0, 8);

  const since = (n: number) => isoDay(new Date(now.getTime() - (n - 1) * DAY_MS));
  const sum = (fromDay: string) =>
    perDay
      .filter((d) => d.day >= fromDay)
      .reduce(
        (acc, d) => ({ questions: acc.questions + d.answered + d.unanswered, answered: acc.answered + d.answered }),
        { questions: 0, answered: 0 },
      );
  const votes = async (n: number) => {
    const per = await store.stats.feedbackPerUnit(new Date(now.getTime() - n * DAY_MS));
    const rows = await store.db
      .selectFrom("feedback")
      .select("value")
      .where("created_at", ">=", new Date(now.getTime() - n * DAY_MS).toISOString())
      .execute();
    return {
      per,
      up: rows.filter((r) => r.value === "up").length,
      down: rows.filter((r) => r.value === "down").length,
    };
  };
  const v7 = await votes(7);
  const v30 = await votes(30);

  const perUnit = await store.stats.questionsPerUnit(since(30));
  const numbered = knowledge.units.filter((u) => u.number !== undefined);
  const counted = numbered.map((u) => ({ id: u.id, label: labelOf(u.id), n: perUnit.get(u.id) ?? 0 }));
  const mostAsked = [...perUnit]
    .map(([id, n]) => ({ id, label: labelOf(id), n }))
    .sort((a, b) => b.n - a.n || a.id.localeCompare(b.id))
    .slice(0, 5);
  const leastAsked = [...counted].sort((a, b) => a.n - b.n || a.id.localeCompare(b.id)).slice(0, 5);
  const feedback = [...v30.per]
    .map(([id, c]) => ({ id, label: labelOf(id), ...c }))
    .sort((a, b) => b.down - a.down || b.up - a.up || a.id.localeCompare(b.id))
    .slice(0, 15);

  const subs = await store.stats.subscriptions();
  const subscriptions: SubscriptionRow[] = subs.map((s) => {
    const state = !s.active ? "deactivated" : s.pausedUntil && s.pausedUntil > now ? "paused" : "active";
    return {
      ref: createHash("sha256").update(s.id).digest("hex").slice(0, 8),
      platform: s.platform,
      isDirect: s.isDirect,
      state,
      reason: s.deactivatedReason,
      next: state === "deactivated" ? undefined : nextSlot(s, state === "paused" ? s.pausedUntil! : now).at,
      timeZone: s.timeZone,
      lastSent: s.lastSent
        ? { week: s.lastSent.week, label: labelOf(s.lastSent.unitId), at: s.lastSent.at }
        : undefined,
    };
  });
  const summary = new Map<string, AdminData["subscriptionSummary"][number]>();
  for (const s of subscriptions) {
    const key = `${s.platform}|${s.isDirect}`;
    const entry = summary.get(key) ?? {
      platform: s.platform,
      isDirect: s.isDirect,
      active: 0,
      paused: 0,
      deactivated: 0,
    };
    entry[s.state] += 1;
    summary.set(key, entry);
  }
  const fromWeek = DateTime.fromJSDate(now, { zone: "utc" }).minus({ weeks: 7 });
  const deliveries = await store.stats.deliveriesPerWeek(
    `${fromWeek.weekYear}-W${String(fromWeek.weekNumber).padStart(2, "0")}`,
  );

  const reviewEnabled = config.review.enabled;
  await store.review.purge(now);
  const open = reviewEnabled ? await store.review.listOpen(now) : [];
  const counts = reviewEnabled ? await store.review.count(now) : { open: 0, handled: 0 };
  const toExport = reviewEnabled ? (await store.review.listHandled({ now })).length : 0;

  return {
    now,
    days,
    weeks,
    last7: { ...sum(since(7)), up: v7.up, down: v7.down },
    last30: { ...sum(since(30)), up: v30.up, down: v30.down },
    mostAsked,
    leastAsked,
    feedback,
    subscriptionSummary: [...summary.values()],
    subscriptions,
    deliveries,
    review: { enabled: reviewEnabled, retentionDays: config.review.retentionDays, open, counts, toExport },
    units: knowledge.units.map((u) => ({ id: u.id, label: labelOf(u.id) })),
    labelOf,
  };
}
