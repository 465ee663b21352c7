import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

/** What a conversation was last shown as its current lesson, and where a card's "Noteer" points. */
export interface CurrentLessonRecord {
  /** the lesson `les` or a lesson card's subscribe button made current, and when */
  shown?: { unitId: string; at: Date } | undefined;
  /** the lesson whose card's "Noteer" button was pressed, and when */
  noteTarget?: { unitId: string; at: Date } | undefined;
}

/** One row per conversation; both stores run the same statements. */
export class CurrentLessons {
  constructor(private readonly db: Kysely<Database>) {}

  async get(conversationId: string): Promise<CurrentLessonRecord> {
    const row = await this.db
      .selectFrom("current_lessons")
      .selectAll()
      .where("conversation_id", "=", conversationId)
      .executeTakeFirst();
    if (!row) return {};
    return {
      shown: row.unit_id && row.shown_at ? { unitId: row.unit_id, at: new Date(row.shown_at) } : undefined,
      noteTarget: row.note_unit_id && row.note_at ? { unitId: row.note_unit_id, at: new Date(row.note_at) } : undefined,
    };
  }

  /** Makes `unitId` the conversation's current lesson. */
  async show(conversationId: string, unitId: string, now: Date): Promise<void> {
    const values = { unit_id: unitId, shown_at: now.toISOString() };
    await this.db
      .insertInto("current_lessons")
      .values({ conversation_id: conversationId, note_unit_id: null, note_at: null, ...values })
      .onConflict((oc) => oc.column("conversation_id").doUpdateSet(values))
      .execute();
  }

  /** Forgets the current lesson (a new subscription starts from its own order). */
  async clearShown(conversationId: string): Promise<void> {
    await this.db
      .updateTable("current_lessons")
      .set({ unit_id: null, shown_at: null })
      .where("conversation_id", "=", conversationId)
      .execute();
  }

  /** The next `noteer` in this conversation is filed under `unitId`; undefined clears it. */
  async setNoteTarget(conversationId: string, unitId: string | undefined, now: Date): Promise<void> {
    const values = { note_unit_id: unitId ?? null, note_at: unitId ? now.toISOString() : null };
    await this.db
      .insertInto("current_lessons")
      .values({ conversation_id: conversationId, unit_id: null, shown_at: null, ...values })
      .onConflict((oc) => oc.column("conversation_id").doUpdateSet(values))
      .execute();
  }
}
