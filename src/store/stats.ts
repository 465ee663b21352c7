import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.ts";
import { type Subscription, subscriptionFromRow } from "./subscriptions.ts";

export interface DayCount {
  day: string;
  answered: number;
  unanswered: number;
}

/**
 * Figures for the admin page, from counters and records the bot keeps anyway: questions per day
 * (counted, no text), feedback per unit (no user), subscriptions and delivery outcomes.
 */
export class Stats {
  constructor(private readonly db: Kysely<Database>) {}

  /** Counts one question; `unitId` is the first unit shown, "" when there was no answer. */
  async countQuestion(platform: string, answered: boolean, unitId: string, now = new Date()): Promise<void> {
    const day = now.toISOString().slice(0, 10);
    await this.db
      .insertInto("usage_daily")
      .values({ day, platform, answered: answered ? 1 : 0, unit_id: unitId, n: 1 })
      .onConflict((oc) =>
        oc.columns(["day", "platform", "answered", "unit_id"]).doUpdateSet({ n: sql<number>`usage_daily.n + 1` }),
      )
      .execute();
  }

  /** Questions per UTC day from `fromDay` (inclusive, "2026-11-01"). */
  async questionsPerDay(fromDay: string): Promise<DayCount[]> {
    const rows = await this.db
      .selectFrom("usage_daily")
      .select((eb) => ["day", "answered", eb.fn.sum<string>("n").as("n")])
      .where("day", ">=", fromDay)
      .groupBy(["day", "answered"])
      .orderBy("day")
      .execute();
    const byDay = new Map<string, DayCount>();
    for (const r of rows) {
      const entry = byDay.get(r.day) ?? { day: r.day, answered: 0, unanswered: 0 };
      if (r.answered === 1) entry.answered += Number(r.n);
      else entry.unanswered += Number(r.n);
      byDay.set(r.day, entry);
    }
    return [...byDay.values()];
  }

  /** Answered questions per unit (the first unit shown) from `fromDay`. */
  async questionsPerUnit(fromDay: string): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom("usage_daily")
      .select((eb) => ["unit_id", eb.fn.sum<string>("n").as("n")])
      .where("day", ">=", fromDay)
      .where("unit_id", "!=", "")
      .groupBy("unit_id")
      .execute();
    return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
  }

  /** 👍 and 👎 per unit, each vote counted for every unit the answer showed. */
  async feedbackPerUnit(from: Date): Promise<Map<string, { up: number; down: number }>> {
    const rows = await this.db
      .selectFrom("feedback")
      .select(["unit_ids", "value"])
      .where("created_at", ">=", from.toISOString())
      .execute();
    const result = new Map<string, { up: number; down: number }>();
    for (const row of rows) {
      for (const id of row.unit_ids.split(",").filter(Boolean)) {
        const entry = result.get(id) ?? { up: 0, down: 0 };
        entry[row.value] += 1;
        result.set(id, entry);
      }
    }
    return result;
  }

  /** Every subscription, active or not, with the week of its last lesson sent. */
  async subscriptions(): Promise<
    Array<Subscription & { lastSent: { week: string; unitId: string; at: Date } | undefined }>
  > {
    const subs = await this.db
      .selectFrom("subscriptions")
      .selectAll()
      .orderBy("platform")
      .orderBy("created_at")
      .execute();
    const sent = await this.db
      .selectFrom("deliveries")
      .select(["subscription_id", "week", "unit_id", "sent_at"])
      .where("status", "=", "sent")
      .orderBy("week")
      .execute();
    const last = new Map(
      sent.map((s) => [s.subscription_id, { week: s.week, unitId: s.unit_id, at: new Date(s.sent_at!) }]),
    );
    return subs.map((row) => ({ ...subscriptionFromRow(row), lastSent: last.get(row.id) }));
  }

  /** Delivery outcomes per ISO week from `fromWeek` ("2026-W40"), newest week first. */
  async deliveriesPerWeek(fromWeek: string): Promise<Array<{ week: string; counts: Record<string, number> }>> {
    const rows = await this.db
      .selectFrom("deliveries")
      .select((eb) => ["week", "status", eb.fn.countAll<string>().as("n")])
      .where("week", ">=", fromWeek)
      .groupBy(["week", "status"])
      .orderBy("week", "desc")
      .execute();
    const weeks = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const counts = weeks.get(r.week) ?? {};
      counts[r.status] = Number(r.n);
      weeks.set(r.week, counts);
    }
    return [...weeks].map(([week, counts]) => ({ week, counts }));
  }
}
