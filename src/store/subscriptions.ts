import type { Kysely, Selectable } from "kysely";
import type { Database, SubscriptionTable } from "./schema.ts";

export interface Subscription {
  id: string;
  platform: string;
  isDirect: boolean;
  weekday: number;
  time: string;
  timeZone: string;
  track: string;
  pausedUntil: Date | undefined;
  active: boolean;
  deactivatedReason: string | undefined;
  createdBy: string;
  /** when the current slot was chosen */
  scheduleFrom: Date;
  /** the next lesson follows the municipal year; off with "abonneer zonder kalender" */
  calendar: boolean;
}

/** A stored row as a Subscription (also used by the admin figures in stats.ts). */
export function subscriptionFromRow(row: Selectable<SubscriptionTable>): Subscription {
  return {
    id: row.id,
    platform: row.platform,
    isDirect: row.is_direct === 1,
    weekday: row.weekday,
    time: row.time,
    timeZone: row.time_zone,
    track: row.track,
    pausedUntil: row.paused_until ? new Date(row.paused_until) : undefined,
    active: row.active === 1,
    deactivatedReason: row.deactivated_reason ?? undefined,
    createdBy: row.created_by,
    scheduleFrom: new Date(row.schedule_from),
    calendar: row.calendar !== 0,
  };
}

/** One subscription per conversation: its slot (weekday, time, zone), track and state. */
export class Subscriptions {
  constructor(private readonly db: Kysely<Database>) {}

  async get(id: string): Promise<Subscription | undefined> {
    const row = await this.db.selectFrom("subscriptions").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? subscriptionFromRow(row) : undefined;
  }

  /** Creates or reactivates the conversation's subscription with a new slot; the lesson history stays. */
  async upsert(
    sub: Omit<Subscription, "active" | "deactivatedReason" | "pausedUntil" | "scheduleFrom" | "calendar"> & {
      calendar?: boolean | undefined;
    },
    now = new Date(),
  ): Promise<Subscription> {
    const at = now.toISOString();
    const values = {
      weekday: sub.weekday,
      time: sub.time,
      time_zone: sub.timeZone,
      track: sub.track,
      calendar: sub.calendar === false ? 0 : 1,
      active: 1,
      deactivated_reason: null,
      paused_until: null,
      schedule_from: at,
      updated_at: at,
    };
    await this.db
      .insertInto("subscriptions")
      .values({
        id: sub.id,
        platform: sub.platform,
        is_direct: sub.isDirect ? 1 : 0,
        created_by: sub.createdBy,
        created_at: at,
        ...values,
      })
      .onConflict((oc) => oc.column("id").doUpdateSet({ ...values, created_by: sub.createdBy }))
      .execute();
    return (await this.get(sub.id))!;
  }

  async pause(id: string, until: Date, now = new Date()): Promise<void> {
    await this.db
      .updateTable("subscriptions")
      .set({ paused_until: until.toISOString(), updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  }

  async resume(id: string, now = new Date()): Promise<void> {
    await this.db
      .updateTable("subscriptions")
      .set({ paused_until: null, active: 1, deactivated_reason: null, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  }

  /** Stops delivery and keeps the reason (the user's stop, or the platform refusing for good). */
  async deactivate(id: string, reason: string, now = new Date()): Promise<void> {
    await this.db
      .updateTable("subscriptions")
      .set({ active: 0, deactivated_reason: reason, updated_at: now.toISOString() })
      .where("id", "=", id)
      .execute();
  }

  async listActive(): Promise<Subscription[]> {
    const rows = await this.db.selectFrom("subscriptions").selectAll().where("active", "=", 1).orderBy("id").execute();
    return rows.map(subscriptionFromRow);
  }

  async listCreatedBy(userId: string): Promise<Subscription[]> {
    const rows = await this.db.selectFrom("subscriptions").selectAll().where("created_by", "=", userId).execute();
    return rows.map(subscriptionFromRow);
  }
}
