import { randomUUID } from "node:crypto";
import type { Kysely, Selectable, Updateable } from "kysely";
import type { Database, ReviewQueueTable, ReviewReason } from "./schema.ts";

export interface ReviewEntry {
  id: string;
  createdAt: Date;
  expiresAt: Date;
  platform: string;
  reason: ReviewReason;
  /** scrubbed before it reached the store */
  question: string;
  answered: boolean;
  answerUnits: string[];
  chosenUnit: string | undefined;
  vote: "up" | "down" | undefined;
  /** a unit ID, or "none": not in the handbook */
  label: string | undefined;
  handledAt: Date | undefined;
  exportedAt: Date | undefined;
}

export type NewReviewEntry = Pick<ReviewEntry, "platform" | "reason" | "question" | "answered" | "answerUnits"> &
  Partial<Pick<ReviewEntry, "chosenUnit" | "vote">>;

/** The label for "geen antwoord in het handboek". */
export const NO_UNIT = "none";

function fromRow(r: Selectable<ReviewQueueTable>): ReviewEntry {
  return {
    id: r.id,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    platform: r.platform,
    reason: r.reason,
    question: r.question,
    answered: r.answered === 1,
    answerUnits: r.answer_units.split(",").filter(Boolean),
    chosenUnit: r.chosen_unit ?? undefined,
    vote: r.vote === "up" || r.vote === "down" ? r.vote : undefined,
    label: r.label ?? undefined,
    handledAt: r.handled_at ? new Date(r.handled_at) : undefined,
    exportedAt: r.exported_at ? new Date(r.exported_at) : undefined,
  };
}

/**
 * The review queue: questions that went wrong, scrubbed by the caller before they get here, kept
 * until their expiry for curators. Expired entries are never returned and are deleted by `purge`.
 */
export class ReviewQueue {
  constructor(private readonly db: Kysely<Database>) {}

  async add(entry: NewReviewEntry, retentionDays: number, now = new Date()): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto("review_queue")
      .values({
        id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + retentionDays * 86_400_000).toISOString(),
        platform: entry.platform,
        reason: entry.reason,
        question: entry.question,
        answered: entry.answered ? 1 : 0,
        answer_units: entry.answerUnits.join(","),
        chosen_unit: entry.chosenUnit ?? null,
        vote: entry.vote ?? null,
        label: null,
        handled_at: null,
        exported_at: null,
      })
      .execute();
    return id;
  }

  /** A later event on the same question: the user's "bedoel je" choice or vote. */
  async update(
    id: string,
    change: { chosenUnit?: string; vote?: "up" | "down"; reason?: ReviewReason },
  ): Promise<void> {
    const set: { chosen_unit?: string; vote?: string; reason?: ReviewReason } = {};
    if (change.chosenUnit) set.chosen_unit = change.chosenUnit;
    if (change.vote) set.vote = change.vote;
    if (change.reason) set.reason = change.reason;
    if (Object.keys(set).length)
      await this.db
        .updateTable("review_queue")
        .set(set satisfies Updateable<ReviewQueueTable>)
        .where("id", "=", id)
        .execute();
  }

  async get(id: string, now = new Date()): Promise<ReviewEntry | undefined> {
    const row = await this.db
      .selectFrom("review_queue")
      .selectAll()
      .where("id", "=", id)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Open entries (not yet handled), newest first. */
  async listOpen(now = new Date(), limit = 200): Promise<ReviewEntry[]> {
    const rows = await this.db
      .selectFrom("review_queue")
      .selectAll()
      .where("handled_at", "is", null)
      .where("expires_at", ">", now.toISOString())
      .orderBy("created_at", "desc")
      .orderBy("id")
      .limit(limit)
      .execute();
    return rows.map(fromRow);
  }

  /** Handled entries; only those not exported yet unless `all`. Oldest first (stable exports). */
  async listHandled(options: { all?: boolean; now?: Date } = {}): Promise<ReviewEntry[]> {
    let query = this.db
      .selectFrom("review_queue")
      .selectAll()
      .where("handled_at", "is not", null)
      .where("expires_at", ">", (options.now ?? new Date()).toISOString());
    if (!options.all) query = query.where("exported_at", "is", null);
    const rows = await query.orderBy("created_at").orderBy("id").execute();
    return rows.map(fromRow);
  }

  /** The curator's verdict: the unit the question belongs to, or NO_UNIT. */
  async label(id: string, label: string, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable("review_queue")
      .set({ label, handled_at: now.toISOString() })
      .where("id", "=", id)
      .where("expires_at", ">", now.toISOString())
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async markExported(ids: readonly string[], now = new Date()): Promise<void> {
    if (ids.length)
      await this.db
        .updateTable("review_queue")
        .set({ exported_at: now.toISOString() })
        .where("id", "in", [...ids])
        .execute();
  }

  /** Deletes what passed its retention; the number deleted. */
  async purge(now = new Date()): Promise<number> {
    const result = await this.db
      .deleteFrom("review_queue")
      .where("expires_at", "<=", now.toISOString())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async count(now = new Date()): Promise<{ open: number; handled: number }> {
    const rows = await this.db
      .selectFrom("review_queue")
      .select((eb) => [eb.fn.countAll<string>().as("n"), "handled_at"])
      .where("expires_at", ">", now.toISOString())
      .groupBy("handled_at")
      .execute();
    let open = 0;
    let handled = 0;
    for (const r of rows)
      if (r.handled_at === null) open += Number(r.n);
      else handled += Number(r.n);
    return { open, handled };
  }
}
