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
      for (const table of ["processed_events", "conversations", "feedback"])
        await sql`drop table ${sql.table(table)}`.execute(db);
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
      for (const table of ["notes", "deliveries", "subscriptions"])
        await sql`drop table ${sql.table(table)}`.execute(db);
    },
  },
  "003-calendar": {
    async up(db: Kysely<unknown>) {
      // 1: the next lesson follows the municipal year (knowledge/calendar.yaml); 0: "abonneer zonder kalender"
      await db.schema
        .alterTable("subscriptions")
        .addColumn("calendar", "integer", (c) => c.notNull().defaultTo(1))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable("subscriptions").dropColumn("calendar").execute();
    },
  },
  "004-regional": {
    async up(db: Kysely<unknown>) {
      // A channel registered as a regional team's channel ("regio koppel Regio Twente").
      await db.schema
        .createTable("regions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("platform", "text", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("digest", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      // A person found to be a member of a region's channel (checked through the platform); "vergeet mij" deletes them.
      await db.schema
        .createTable("region_links")
        .addColumn("region_id", "text", (c) => c.notNull())
        .addColumn("user_key", "text", (c) => c.notNull())
        .addColumn("linked_at", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("region_links_pk", ["region_id", "user_key"])
        .execute();
      await db.schema.createIndex("region_links_user_key").on("region_links").column("user_key").execute();
      // "Vraag het de regio": a question posted in a region's channel, whose thread replies go back to the asker's DM.
      await db.schema
        .createTable("region_questions")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("region_id", "text", (c) => c.notNull())
        .addColumn("user_key", "text", (c) => c.notNull())
        .addColumn("dm_conversation_id", "text", (c) => c.notNull())
        .addColumn("anonymous", "integer", (c) => c.notNull())
        .addColumn("unit_ids", "text", (c) => c.notNull())
        .addColumn("thread_ref", "text", (c) => c.notNull())
        .addColumn("replies", "integer", (c) => c.notNull().defaultTo(0))
        .addColumn("created_at", "text", (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex("region_questions_thread")
        .on("region_questions")
        .columns(["region_id", "thread_ref"])
        .execute();
      await db.schema.createIndex("region_questions_user_key").on("region_questions").column("user_key").execute();
    },
    async down(db: Kysely<unknown>) {
      for (const table of ["region_questions", "region_links", "regions"])
        await sql`drop table ${sql.table(table)}`.execute(db);
    },
  },
  "005-operator": {
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
  "006-current-lesson": {
    async up(db: Kysely<unknown>) {
      // The lesson a conversation was shown as its current one (les, a lesson card's subscribe button),
      // so les, noteer and delivery agree; and the lesson a card's "Noteer" button was pressed on.
      await db.schema
        .createTable("current_lessons")
        .addColumn("conversation_id", "text", (c) => c.primaryKey())
        .addColumn("unit_id", "text")
        .addColumn("shown_at", "text")
        .addColumn("note_unit_id", "text")
        .addColumn("note_at", "text")
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await sql`drop table ${sql.table("current_lessons")}`.execute(db);
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
