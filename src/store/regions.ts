import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { Database, RegionQuestionTable, RegionTable } from "./schema.ts";

export interface Region {
  id: string;
  platform: string;
  name: string;
  digest: boolean;
}

export interface RegionQuestion {
  id: string;
  regionId: string;
  userKey: string;
  dmConversationId: string;
  anonymous: boolean;
  unitIds: string[];
  threadRef: string;
  replies: number;
  createdAt: Date;
}

const region = (r: Selectable<RegionTable>): Region => ({
  id: r.id,
  platform: r.platform,
  name: r.name,
  digest: r.digest === 1,
});
const question = (r: Selectable<RegionQuestionTable>): RegionQuestion => ({
  id: r.id,
  regionId: r.region_id,
  userKey: r.user_key,
  dmConversationId: r.dm_conversation_id,
  anonymous: r.anonymous === 1,
  unitIds: r.unit_ids.split(",").filter(Boolean),
  threadRef: r.thread_ref,
  replies: r.replies,
  createdAt: new Date(r.created_at),
});

/** Regional teams' channels, who is linked to them, and the questions asked there ("vraag het de regio"). */
export class Regions {
  constructor(private readonly db: Kysely<Database>) {}

  /** Registers a channel as a region's channel, or renames it. */
  async register(id: string, platform: string, name: string, now = new Date()): Promise<Region> {
    await this.db
      .insertInto("regions")
      .values({ id, platform, name, created_at: now.toISOString() })
      .onConflict((oc) => oc.column("id").doUpdateSet({ name }))
      .execute();
    return (await this.get(id))!;
  }

  async get(id: string): Promise<Region | undefined> {
    const row = await this.db.selectFrom("regions").selectAll().where("id", "=", id).executeTakeFirst();
    return row ? region(row) : undefined;
  }

  /** The regions whose ID starts with a prefix: "slack:T1:" is one Slack workspace, "teams:" all of Teams. */
  async list(prefix: string): Promise<Region[]> {
    // a "_" in the prefix is a LIKE wildcard: the exact prefix is checked below
    const rows = await this.db
      .selectFrom("regions")
      .selectAll()
      .where("id", "like", `${prefix}%`)
      .orderBy("name")
      .execute();
    return rows.filter((r) => r.id.startsWith(prefix)).map(region);
  }

  async setDigest(id: string, on: boolean): Promise<void> {
    await this.db
      .updateTable("regions")
      .set({ digest: on ? 1 : 0 })
      .where("id", "=", id)
      .execute();
  }

  async link(regionId: string, userKey: string, now = new Date()): Promise<void> {
    await this.db
      .insertInto("region_links")
      .values({ region_id: regionId, user_key: userKey, linked_at: now.toISOString() })
      .onConflict((oc) => oc.columns(["region_id", "user_key"]).doNothing())
      .execute();
  }

  async unlink(regionId: string, userKey: string): Promise<void> {
    await this.db
      .deleteFrom("region_links")
      .where("region_id", "=", regionId)
      .where("user_key", "=", userKey)
      .execute();
  }

  async linksOf(userKey: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("region_links")
      .select("region_id")
      .where("user_key", "=", userKey)
      .orderBy("region_id")
      .execute();
    return rows.map((r) => r.region_id);
  }

  async addQuestion(
    q: Omit<RegionQuestion, "id" | "replies" | "createdAt">,
    now = new Date(),
  ): Promise<RegionQuestion> {
    const id = randomUUID();
    await this.db
      .insertInto("region_questions")
      .values({
        id,
        region_id: q.regionId,
        user_key: q.userKey,
        dm_conversation_id: q.dmConversationId,
        anonymous: q.anonymous ? 1 : 0,
        unit_ids: q.unitIds.join(","),
        thread_ref: q.threadRef,
        created_at: now.toISOString(),
      })
      .execute();
    return { ...q, id, replies: 0, createdAt: now };
  }

  async questionByThread(regionId: string, threadRef: string): Promise<RegionQuestion | undefined> {
    const row = await this.db
      .selectFrom("region_questions")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("thread_ref", "=", threadRef)
      .executeTakeFirst();
    return row ? question(row) : undefined;
  }

  async questionsOf(userKey: string): Promise<RegionQuestion[]> {
    const rows = await this.db
      .selectFrom("region_questions")
      .selectAll()
      .where("user_key", "=", userKey)
      .orderBy("created_at")
      .execute();
    return rows.map(question);
  }

  /** Questions of a region since a moment, for the weekly digest. */
  async questionsSince(regionId: string, since: Date): Promise<RegionQuestion[]> {
    const rows = await this.db
      .selectFrom("region_questions")
      .selectAll()
      .where("region_id", "=", regionId)
      .where("created_at", ">=", since.toISOString())
      .orderBy("created_at")
      .execute();
    return rows.map(question);
  }

  async countReply(id: string): Promise<void> {
    await this.db
      .updateTable("region_questions")
      .set((eb) => ({ replies: eb("replies", "+", 1) }))
      .where("id", "=", id)
      .execute();
  }

  /** "Vergeet mij": her links to regions and her questions (replies are no longer sent to her). */
  async forget(userKey: string): Promise<void> {
    await this.db.deleteFrom("region_links").where("user_key", "=", userKey).execute();
    await this.db.deleteFrom("region_questions").where("user_key", "=", userKey).execute();
  }
}
