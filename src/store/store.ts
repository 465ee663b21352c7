import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Feedback, FeedbackStore } from "../conversation/feedback.ts";
import type { Logger } from "../log.ts";
import { DeadlineError, withDeadline } from "../server/resilience.ts";
import { migrate, openDatabase, type Dialect } from "./database.ts";
import { CurrentLessons } from "./current-lessons.ts";
import { Deliveries } from "./deliveries.ts";
import { Notes } from "./notes.ts";
import { Regions } from "./regions.ts";
import { ReviewQueue } from "./review.ts";
import { Stats } from "./stats.ts";
import type { Database } from "./schema.ts";
import { Subscriptions } from "./subscriptions.ts";

export interface ConversationRecord {
  id: string;
  platform: string;
  isDirect: boolean;
  /** set for direct conversations only */
  userId?: string | undefined;
  /** platform data for later posts, e.g. the Teams conversation reference */
  reference: Record<string, unknown>;
}

/** What "mijn gegevens" lists: everything stored about one person. */
export interface UserData {
  notes: number;
  /** subscriptions she started (IDs) */
  subscriptions: string[];
  /** her direct conversations with the bot (IDs) */
  directConversations: string[];
  /** the regions' names whose channel she was found to be a member of ("vraag het de regio") */
  regions: string[];
  /** her "vraag het de regio" questions: region, posted anonymously or not, replies sent to her, when */
  regionalQuestions: { region: string; anonymous: boolean; replies: number; createdAt: Date }[];
}

/** Everything the bot keeps between messages. One implementation over Kysely serves SQLite and PostgreSQL. */
export class Store implements FeedbackStore {
  readonly subscriptions: Subscriptions;
  readonly deliveries: Deliveries;
  readonly notes: Notes;
  /** per conversation: the lesson it was shown as current, and a card's "Noteer" target */
  readonly currentLessons: CurrentLessons;
  readonly regions: Regions;
  /** the review queue (filled only with REVIEW_QUEUE=1) */
  readonly review: ReviewQueue;
  /** counted questions and figures for the admin page */
  readonly stats: Stats;
  /** when processed event IDs older than a day were last removed (at most every ten minutes) */
  private prunedAt = 0;

  private constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
  ) {
    this.subscriptions = new Subscriptions(db);
    this.deliveries = new Deliveries(db);
    this.notes = new Notes(db);
    this.currentLessons = new CurrentLessons(db);
    this.regions = new Regions(db);
    this.review = new ReviewQueue(db);
    this.stats = new Stats(db);
  }

  /**
   * Opens and migrates the store. A database that does not answer fails the start within
   * `timeoutMs` with a message that says so, instead of a silent hang.
   */
  static async open(url: string | undefined, options: { log?: Logger; timeoutMs?: number } = {}): Promise<Store> {
    const { db, dialect } = openDatabase(url, options.log);
    const timeoutMs = options.timeoutMs ?? 10_000;
    try {
      await withDeadline(migrate(db), timeoutMs, "the database");
    } catch (error) {
      void db.destroy().catch(() => undefined);
      const reason =
        error instanceof DeadlineError ? `it did not answer within ${timeoutMs / 1000} s` : (error as Error).message;
      throw new Error(`could not open the database (${dialect}): ${reason}`, { cause: error });
    }
    return new Store(db, dialect);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /** For /readyz: a round trip to the database, answered within `timeoutMs` even when it stalls. */
  async ping(timeoutMs = 800): Promise<boolean> {
    try {
      await withDeadline(sql`select 1`.execute(this.db), timeoutMs, "database ping");
      return true;
    } catch {
      return false;
    }
  }

  async recordFeedback(feedback: Feedback): Promise<void> {
    if (feedback.replaces) {
      // A changed vote replaces the one it changes, so one card never counts twice.
      const previous = await this.db
        .selectFrom("feedback")
        .select("id")
        .where("question_hash", "=", feedback.questionHash)
        .where("unit_ids", "=", feedback.unitIds.join(","))
        .where("value", "=", feedback.replaces)
        .orderBy("created_at", "desc")
        .limit(1)
        .executeTakeFirst();
      if (previous) await this.db.deleteFrom("feedback").where("id", "=", previous.id).execute();
    }
    await this.db
      .insertInto("feedback")
      .values({
        id: randomUUID(),
        question_hash: feedback.questionHash,
        unit_ids: feedback.unitIds.join(","),
        value: feedback.value,
        created_at: feedback.at.toISOString(),
      })
      .execute();
  }

  async listFeedback(): Promise<Feedback[]> {
    const rows = await this.db.selectFrom("feedback").selectAll().orderBy("created_at").execute();
    return rows.map((r) => ({
      questionHash: r.question_hash,
      unitIds: r.unit_ids.split(",").filter(Boolean),
      value: r.value,
      at: new Date(r.created_at),
    }));
  }

  /**
   * Claims a platform event ID (Slack `event_id`); false when it was seen before, so a retried
   * delivery is answered once, also across instances sharing the database. Old IDs are pruned.
   */
  async claimEvent(eventId: string, now = new Date()): Promise<boolean> {
    const result = await this.db
      .insertInto("processed_events")
      .values({ event_id: eventId, seen_at: now.toISOString() })
      .onConflict((oc) => oc.column("event_id").doNothing())
      .executeTakeFirst();
    if (now.getTime() - this.prunedAt > 10 * 60_000) {
      this.prunedAt = now.getTime();
      const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000).toISOString();
      await this.db.deleteFrom("processed_events").where("seen_at", "<", dayAgo).execute();
    }
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  }

  /** Stores or refreshes how to reach a conversation later; every incoming message calls this. */
  async saveConversation(record: ConversationRecord, now = new Date()): Promise<void> {
    await this.db
      .insertInto("conversations")
      .values({
        id: record.id,
        platform: record.platform,
        is_direct: record.isDirect ? 1 : 0,
        user_id: record.isDirect ? (record.userId ?? null) : null,
        reference: JSON.stringify(record.reference),
        welcomed_at: null,
        updated_at: now.toISOString(),
      })
      .onConflict((oc) =>
        oc.column("id").doUpdateSet({
          reference: JSON.stringify(record.reference),
          is_direct: record.isDirect ? 1 : 0,
          user_id: record.isDirect ? (record.userId ?? null) : null,
          updated_at: now.toISOString(),
        }),
      )
      .execute();
  }

  async getConversation(id: string): Promise<ConversationRecord | undefined> {
    const row = await this.db.selectFrom("conversations").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      platform: row.platform,
      isDirect: row.is_direct === 1,
      userId: row.user_id ?? undefined,
      reference: JSON.parse(row.reference) as Record<string, unknown>,
    };
  }

  /** Marks a conversation welcomed; true only for the first caller, so the welcome is sent once. */
  async markWelcomed(id: string, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable("conversations")
      .set({ welcomed_at: now.toISOString() })
      .where("id", "=", id)
      .where("welcomed_at", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Everything stored about one user, for "mijn gegevens". */
  async userData(platform: string, userId: string): Promise<UserData> {
    const userKey = `${platform}:${userId}`;
    const notes = await this.notes.list(userKey);
    const subscriptions = await this.subscriptions.listCreatedBy(userId);
    const direct = await this.db
      .selectFrom("conversations")
      .select("id")
      .where("platform", "=", platform)
      .where("user_id", "=", userId)
      .execute();
    const nameOf = async (regionId: string) => (await this.regions.get(regionId))?.name ?? regionId;
    const regions = await Promise.all((await this.regions.linksOf(userKey)).map(nameOf));
    const regionalQuestions = await Promise.all(
      (await this.regions.questionsOf(userKey)).map(async (q) => ({
        region: await nameOf(q.regionId),
        anonymous: q.anonymous,
        replies: q.replies,
        createdAt: q.createdAt,
      })),
    );
    return {
      notes: notes.length,
      subscriptions: subscriptions.map((s) => s.id),
      directConversations: direct.map((d) => d.id),
      regions,
      regionalQuestions,
    };
  }

  /**
   * "Vergeet mij": deletes the user's notes, their direct conversation with its subscription and
   * delivery history, and their name on channel subscriptions they started (the channel keeps its lesson).
   */
  async forgetUser(platform: string, userId: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("notes").where("user_key", "=", `${platform}:${userId}`).execute();
      const direct = await trx
        .selectFrom("conversations")
        .select("id")
        .where("platform", "=", platform)
        .where("user_id", "=", userId)
        .execute();
      const ids = direct.map((d) => d.id);
      const ownDirect = await trx
        .selectFrom("subscriptions")
        .select("id")
        .where("created_by", "=", userId)
        .where("is_direct", "=", 1)
        .execute();
      const subscriptionIds = [...new Set([...ids, ...ownDirect.map((s) => s.id)])];
      if (subscriptionIds.length) {
        await trx.deleteFrom("deliveries").where("subscription_id", "in", subscriptionIds).execute();
        await trx.deleteFrom("subscriptions").where("id", "in", subscriptionIds).execute();
        await trx.deleteFrom("conversations").where("id", "in", subscriptionIds).execute();
        await trx.deleteFrom("current_lessons").where("conversation_id", "in", subscriptionIds).execute();
      }
      await trx.updateTable("subscriptions").set({ created_by: "" }).where("created_by", "=", userId).execute();
      // "vraag het de regio": her links to regional channels and her questions there
      await trx.deleteFrom("region_links").where("user_key", "=", `${platform}:${userId}`).execute();
      await trx.deleteFrom("region_questions").where("user_key", "=", `${platform}:${userId}`).execute();
    });
  }
}
