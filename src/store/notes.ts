import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "./schema.ts";

export interface Note {
  id: string;
  userKey: string;
  conversationId: string;
  unitId: string | undefined;
  text: string;
  createdAt: Date;
}

/** The leeragenda: reflections a user noted, each with the lesson it belongs to. */
export class Notes {
  constructor(private readonly db: Kysely<Database>) {}

  async add(note: Omit<Note, "id" | "createdAt">, now = new Date()): Promise<Note> {
    const id = randomUUID();
    await this.db
      .insertInto("notes")
      .values({
        id,
        user_key: note.userKey,
        conversation_id: note.conversationId,
        unit_id: note.unitId ?? null,
        text: note.text,
        created_at: now.toISOString(),
      })
      .execute();
    return { ...note, id, createdAt: now };
  }

  async list(userKey: string): Promise<Note[]> {
    const rows = await this.db
      .selectFrom("notes")
      .selectAll()
      .where("user_key", "=", userKey)
      .orderBy("created_at")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userKey: r.user_key,
      conversationId: r.conversation_id,
      unitId: r.unit_id ?? undefined,
      text: r.text,
      createdAt: new Date(r.created_at),
    }));
  }
}
