import type { Kysely } from "kysely";
import type { Database, DeliveryStatus } from "./schema.ts";

export interface Claim {
  subscriptionId: string;
  week: string;
  unitId: string;
  attempts: number;
}

/**
 * The delivery record per (subscription, ISO week): the primary key makes a second post for the
 * same week impossible, and a claim with a lease lets an interrupted delivery be taken over.
 * Claims are single-row atomic statements, safe with several instances on SQLite or PostgreSQL.
 */
export class Deliveries {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Claims the week's delivery for `instance`: a new record, or one whose lease ran out (the
   * claimant crashed) or whose retry is due. Undefined when someone else has it or it is done.
   */
  async claim(
    subscriptionId: string,
    week: string,
    unitId: string,
    instance: string,
    now: Date,
    leaseMs: number,
  ): Promise<Claim | undefined> {
    const lease = new Date(now.getTime() + leaseMs).toISOString();
    const inserted = await this.db
      .insertInto("deliveries")
      .values({
        subscription_id: subscriptionId,
        week,
        unit_id: unitId,
        status: "claimed",
        claimed_by: instance,
        lease_until: lease,
        attempts: 1,
        next_attempt_at: null,
        sent_at: null,
        error: null,
      })
      .onConflict((oc) => oc.columns(["subscription_id", "week"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) > 0) return { subscriptionId, week, unitId, attempts: 1 };
    const at = now.toISOString();
    const taken = await this.db
      .updateTable("deliveries")
      .set((eb) => ({ status: "claimed", claimed_by: instance, lease_until: lease, attempts: eb("attempts", "+", 1) }))
      .where("subscription_id", "=", subscriptionId)
      .where("week", "=", week)
      .where((eb) =>
        eb.or([
          eb.and([eb("status", "=", "claimed"), eb("lease_until", "<", at)]),
          eb.and([eb("status", "=", "retry"), eb("next_attempt_at", "<=", at)]),
        ]),
      )
      .returning(["unit_id", "attempts"])
      .executeTakeFirst();
    return taken ? { subscriptionId, week, unitId: taken.unit_id, attempts: taken.attempts } : undefined;
  }

  private async finish(
    claim: Claim,
    instance: string,
    set: { status: DeliveryStatus; sent_at?: string; next_attempt_at?: string | null; error?: string | null },
  ): Promise<boolean> {
    const result = await this.db
      .updateTable("deliveries")
      .set({ ...set, lease_until: null })
      .where("subscription_id", "=", claim.subscriptionId)
      .where("week", "=", claim.week)
      .where("claimed_by", "=", instance)
      .where("status", "=", "claimed")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  markSent(claim: Claim, instance: string, now: Date): Promise<boolean> {
    return this.finish(claim, instance, { status: "sent", sent_at: now.toISOString(), error: null });
  }

  markRetry(claim: Claim, instance: string, nextAttempt: Date, error: string): Promise<boolean> {
    return this.finish(claim, instance, { status: "retry", next_attempt_at: nextAttempt.toISOString(), error });
  }

  markFailed(claim: Claim, instance: string, error: string): Promise<boolean> {
    return this.finish(claim, instance, { status: "failed", error });
  }

  /** Records a slot that was missed on an earlier day: never sent late, never twice. */
  async markSkipped(subscriptionId: string, week: string, unitId: string, reason: string): Promise<boolean> {
    const result = await this.db
      .insertInto("deliveries")
      .values({
        subscription_id: subscriptionId,
        week,
        unit_id: unitId,
        status: "skipped",
        claimed_by: null,
        lease_until: null,
        attempts: 0,
        next_attempt_at: null,
        sent_at: null,
        error: reason,
      })
      .onConflict((oc) => oc.columns(["subscription_id", "week"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** The lessons a subscription has had, oldest first. */
  async sentUnits(subscriptionId: string): Promise<Array<{ unitId: string; week: string; sentAt: Date }>> {
    const rows = await this.db
      .selectFrom("deliveries")
      .select(["unit_id", "week", "sent_at"])
      .where("subscription_id", "=", subscriptionId)
      .where("status", "=", "sent")
      .orderBy("week")
      .execute();
    return rows.map((r) => ({ unitId: r.unit_id, week: r.week, sentAt: new Date(r.sent_at!) }));
  }

  async get(subscriptionId: string, week: string) {
    return this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("subscription_id", "=", subscriptionId)
      .where("week", "=", week)
      .executeTakeFirst();
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom("deliveries")
      .select((eb) => ["status", eb.fn.countAll<string>().as("n")])
      .groupBy("status")
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }
}
