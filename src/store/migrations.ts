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
  "002-lessons": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("subscriptions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("is_direct", "integer", (c) => c.notNull())
        .addColumn("weekday", "integer", (c) => c.notNull())
        .addColumn("time", "text", (c) => c.notNull())
        .addColumn("time_zone", "text", (c) => c.notNull())
        .addColumn("track", "text", (c) => c.notNull())
        .addColumn("paused_until", "text")
        .addColumn("active", "integer", (c) => c.notNull())
        .addColumn("deactivated_reason", "text")
        .addColumn("created_by", "text", (c) => c.notNull())
        .addColumn("schedule_from", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("updated_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("subscriptions_active").on("subscriptions").column("active").execute();
      await db.schema
        .createTable("deliveries")
        .addColumn("subscription_id", "text", (c) => c.notNull())
        .addColumn("week", "text", (c) => c.notNull())
        .addColumn("unit_id", "text", (c) => c.notNull())
        .addColumn("status", "text", (c) => c.notNull())
        .addColumn("claimed_by", "text")
        .addColumn("lease_until", "text")
        .addColumn("attempts", "integer", (c) => c.notNull())
        .addColumn("next_attempt_at", "text")
        .addColumn("sent_at", "text")
        .addColumn("error", "text")
        .addPrimaryKeyConstraint("deliveries_pk", ["subscription_id", "week"])
        .execute();
      await db.schema
        .createTable("notes")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("user_key", "text", (c) => c.notNull())
        .addColumn("conversation_id", "text", (c) => c.notNull())
        .addColumn("unit_id", "text")
        .addColumn("text", "text", (c) => c.notNull())
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("notes_user_key").on("notes").column("user_key").execute();
      // Direct conversations remember whose they are, so "vergeet mij" can find them on every platform.
      await db.schema.alterTable("conversations").addColumn("user_id", "text").execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("conversations").dropColumn("user_id").execute();
      for (const table of ["notes", "deliveries", "subscriptions"]) await sql`drop table ${sql.table(table)}`.execute(db);
    },
  },
  "003-operator": {
    async up(db: Kysely<unknown>) {
      // Questions per day, counted without text or user: the admin page's usage figures.
      await db.schema
        .createTable("usage_daily")
        .addColumn("day", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("answered", "integer", (c) => c.notNull())
        .addColumn("unit_id", "text", (c) => c.notNull())
        .addColumn("n", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("usage_daily_pk", ["day", "platform", "answered", "unit_id"])
        .execute();
      // The review queue (REVIEW_QUEUE=1 only): scrubbed questions for curators, never a user.
      await db.schema
        .createTable("review_queue")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("created_at", "text", (c) => c.notNull())
        .addColumn("expires_at", "text", (c) => c.notNull())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("reason", "text", (c) => c.notNull())
        .addColumn("question", "text", (c) => c.notNull())
        .addColumn("answered", "integer", (c) => c.notNull())
        .addColumn("answer_units", "text", (c) => c.notNull())
        .addColumn("chosen_unit", "text")
        .addColumn("vote", "text")
        .addColumn("label", "text")
        .addColumn("handled_at", "text")
        .addColumn("exported_at", "text")
        .execute();
      await db.schema.createIndex("review_queue_expires_at").on("review_queue").column("expires_at").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["review_queue", "usage_daily"]) await sql`drop table ${sql.table(table)}`.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
