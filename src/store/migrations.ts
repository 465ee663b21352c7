import { sql, type Kysely, type Migration, type MigrationProvider } from "kysely";

/**
 * One set of migrations for SQLite and PostgreSQL: portable column types only (text, integer),
 * times as ISO strings. Never edit a migration that has shipped; add the next one.
 */
const migrations: Record<string, Migration> = {
  "001-chat": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("feedback")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("question_hash", "text", (c) => c.notNull())
        .addColumn("unit_ids", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("conversations")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("is_direct", "integer", (c) => c.notNull())
        .addColumn("reference", "text", (c) => c.notNull())
        .addColumn("welcomed_at", "text")
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createTable("processed_events")
        .addColumn("event_id", "text", (c) => c.primaryKey())
        .addColumn("seen_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("processed_events_seen_at").on("processed_events").column("seen_at").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["processed_events", "conversations", "feedback"]) await sql`drop table ${sql.table(table)}`.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
