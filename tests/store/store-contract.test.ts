import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.ts";
import { storeBackends } from "../helpers/postgres.ts";

const backends = (await storeBackends()).map((b) => ({ ...b, open: () => Store.open(b.url()) }));

const t0 = new Date("2026-11-23T07:30:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);
const sub = (id: string, extra: Partial<{ createdBy: string; isDirect: boolean }> = {}) => ({
  id,
  platform: "slack",
  isDirect: extra.isDirect ?? false,
  weekday: 1,
  time: "08:30",
  timeZone: "Europe/Amsterdam",
  track: "standaard",
  createdBy: extra.createdBy ?? "U1",
});

/** One contract, every backend: what the rest of the bot relies on from the store. */
describe.each(backends)("store contract: $name", ({ open, skip }) => {
  let store: Store;
  let opened: Store | undefined;
  beforeEach(async (ctx) => {
    if (skip) ctx.skip();
    store = opened = await open();
    // a clean slate: the PostgreSQL database is shared by the tests of this file
    for (const table of [
      "feedback",
      "conversations",
      "processed_events",
      "subscriptions",
      "deliveries",
      "notes",
      "regions",
      "region_links",
      "region_questions",
      "usage_daily",
      "review_queue",
      "current_lessons",
    ] as const)
      await store.db.deleteFrom(table).execute();
  });
  afterEach(async () => {
    await opened?.close();
    opened = undefined;
  });

  it("answers the readiness ping and migrates idempotently", async () => {
    expect(await store.ping()).toBe(true);
    const again = await open();
    expect(await again.ping()).toBe(true);
    await again.close();
  });

  it("records feedback without the user", async () => {
    await store.recordFeedback({
      questionHash: "0123456789abcdef",
      unitIds: ["wegwijzer-1", "wegwijzer-2"],
      value: "down",
      at: t0,
    });
    expect(await store.listFeedback()).toEqual([
      { questionHash: "0123456789abcdef", unitIds: ["wegwijzer-1", "wegwijzer-2"], value: "down", at: t0 },
    ]);
  });

  it("claims an event ID once", async () => {
    expect(await store.claimEvent("Ev1")).toBe(true);
    expect(await store.claimEvent("Ev1")).toBe(false);
    expect(await store.claimEvent("Ev2")).toBe(true);
  });

  it("keeps and refreshes conversation references, and welcomes once", async () => {
    await store.saveConversation({
      id: "teams:a:1",
      platform: "teams",
      isDirect: true,
      userId: "aad-1",
      reference: { serviceUrl: "https://old" },
    });
    await store.saveConversation({
      id: "teams:a:1",
      platform: "teams",
      isDirect: true,
      userId: "aad-1",
      reference: { serviceUrl: "https://new" },
    });
    expect((await store.getConversation("teams:a:1"))?.reference).toEqual({ serviceUrl: "https://new" });
    expect(await store.markWelcomed("teams:a:1")).toBe(true);
    expect(await store.markWelcomed("teams:a:1")).toBe(false);
  });

  it("creates, pauses, resumes and deactivates a subscription with its reason", async () => {
    await store.subscriptions.upsert(sub("slack:T1:C1"), t0);
    await store.subscriptions.pause("slack:T1:C1", later(86_400_000));
    expect((await store.subscriptions.get("slack:T1:C1"))?.pausedUntil).toEqual(later(86_400_000));
    await store.subscriptions.resume("slack:T1:C1");
    await store.subscriptions.deactivate("slack:T1:C1", "channel_not_found");
    expect(await store.subscriptions.get("slack:T1:C1")).toMatchObject({
      active: false,
      deactivatedReason: "channel_not_found",
      pausedUntil: undefined,
      scheduleFrom: t0,
    });
    expect(await store.subscriptions.listActive()).toEqual([]);
    await store.subscriptions.upsert({ ...sub("slack:T1:C1"), weekday: 3 }, later(1000));
    expect(await store.subscriptions.listActive()).toMatchObject([
      { id: "slack:T1:C1", weekday: 3, active: true, scheduleFrom: later(1000) },
    ]);
  });

  it("keeps per subscription whether lessons follow the municipal calendar (on by default)", async () => {
    expect((await store.subscriptions.upsert(sub("slack:T1:C7"), t0)).calendar).toBe(true);
    expect((await store.subscriptions.upsert({ ...sub("slack:T1:C7"), calendar: false }, later(1000))).calendar).toBe(
      false,
    );
    expect((await store.subscriptions.listActive()).find((s) => s.id === "slack:T1:C7")?.calendar).toBe(false);
    await store.subscriptions.pause("slack:T1:C7", later(86_400_000));
    expect((await store.subscriptions.get("slack:T1:C7"))?.calendar).toBe(false);
    expect((await store.subscriptions.upsert({ ...sub("slack:T1:C7"), calendar: true }, later(2000))).calendar).toBe(
      true,
    );
  });

  it("keeps regions, links and regional questions, and forgets a user's links and questions", async () => {
    await store.regions.register("slack:T1:C9", "slack", "Regio Twente", t0);
    await store.regions.register("slack:T1:C9", "slack", "Regio Twente-Oost", t0);
    await store.regions.register("slack:T2:C1", "slack", "Regio Elders", t0);
    expect(await store.regions.list("slack:T1:")).toEqual([
      { id: "slack:T1:C9", platform: "slack", name: "Regio Twente-Oost", digest: false },
    ]);
    await store.regions.setDigest("slack:T1:C9", true);
    expect((await store.regions.get("slack:T1:C9"))?.digest).toBe(true);
    await store.regions.link("slack:T1:C9", "slack:U9", t0);
    await store.regions.link("slack:T1:C9", "slack:U9", t0);
    await store.regions.link("slack:T1:C9", "slack:U8", t0);
    expect(await store.regions.linksOf("slack:U9")).toEqual(["slack:T1:C9"]);
    const q = await store.regions.addQuestion(
      {
        regionId: "slack:T1:C9",
        userKey: "slack:U9",
        dmConversationId: "slack:T1:U9",
        anonymous: true,
        unitIds: ["wegwijzer-84"],
        threadRef: "1700.1",
      },
      t0,
    );
    await store.regions.countReply(q.id);
    expect(await store.regions.questionByThread("slack:T1:C9", "1700.1")).toMatchObject({
      userKey: "slack:U9",
      anonymous: true,
      unitIds: ["wegwijzer-84"],
      replies: 1,
      createdAt: t0,
    });
    expect(await store.regions.questionsSince("slack:T1:C9", later(-1000))).toHaveLength(1);
    expect(await store.regions.questionsSince("slack:T1:C9", later(1000))).toHaveLength(0);
    await store.forgetUser("slack", "U9");
    expect(await store.regions.linksOf("slack:U9")).toEqual([]);
    expect(await store.regions.questionsOf("slack:U9")).toEqual([]);
    expect(await store.regions.linksOf("slack:U8")).toEqual(["slack:T1:C9"]);
    expect(await store.regions.get("slack:T1:C9")).toBeDefined();
  });

  it("lets one claimant have a week's delivery, hands it over after the lease, and fences the old claimant", async () => {
    const a = await store.deliveries.claim("s1", "2026-W48", "wegwijzer-1", "A", t0, 60_000);
    expect(a).toMatchObject({ unitId: "wegwijzer-1", attempts: 1 });
    expect(await store.deliveries.claim("s1", "2026-W48", "wegwijzer-2", "B", later(30_000), 60_000)).toBeUndefined();
    const b = await store.deliveries.claim("s1", "2026-W48", "wegwijzer-2", "B", later(61_000), 60_000);
    expect(b).toMatchObject({ unitId: "wegwijzer-1", attempts: 2 }); // the same lesson, taken over
    expect(await store.deliveries.markSent(a!, "A", later(62_000))).toBe(false); // A lost it
    expect(await store.deliveries.markSent(b!, "B", later(62_000))).toBe(true);
    expect(
      await store.deliveries.claim("s1", "2026-W48", "wegwijzer-1", "C", later(999_999_999), 60_000),
    ).toBeUndefined();
    expect(await store.deliveries.sentUnits("s1")).toEqual([
      { unitId: "wegwijzer-1", week: "2026-W48", sentAt: later(62_000) },
    ]);
  });

  it("holds a retry until it is due, and records a skipped week once", async () => {
    const claim = await store.deliveries.claim("s2", "2026-W48", "wegwijzer-3", "A", t0, 60_000);
    await store.deliveries.markRetry(claim!, "A", later(300_000), "http_500");
    expect(await store.deliveries.claim("s2", "2026-W48", "x", "B", later(200_000), 60_000)).toBeUndefined();
    expect(await store.deliveries.claim("s2", "2026-W48", "x", "B", later(300_000), 60_000)).toMatchObject({
      unitId: "wegwijzer-3",
      attempts: 2,
    });
    expect(await store.deliveries.markSkipped("s3", "2026-W48", "wegwijzer-4", "missed")).toBe(true);
    expect(await store.deliveries.markSkipped("s3", "2026-W48", "wegwijzer-4", "missed")).toBe(false);
    expect(await store.deliveries.claim("s3", "2026-W48", "wegwijzer-4", "A", t0, 60_000)).toBeUndefined();
  });

  it("gives concurrent claimants exactly one winner", async () => {
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.deliveries.claim("race", "2026-W48", "wegwijzer-5", `I${i}`, t0, 60_000),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("lists a user's data and forgets it", async () => {
    await store.saveConversation({
      id: "slack:T1:U9",
      platform: "slack",
      isDirect: true,
      userId: "U9",
      reference: { channel: "D9" },
    });
    await store.subscriptions.upsert(sub("slack:T1:U9", { createdBy: "U9", isDirect: true }), t0);
    await store.subscriptions.upsert(sub("slack:T1:C9", { createdBy: "U9" }), t0);
    await store.notes.add({
      userKey: "slack:U9",
      conversationId: "slack:T1:U9",
      unitId: "wegwijzer-1",
      text: "reflectie",
    });
    const claim = await store.deliveries.claim("slack:T1:U9", "2026-W48", "wegwijzer-1", "A", t0, 60_000);
    await store.deliveries.markSent(claim!, "A", t0);
    await store.regions.register("slack:T1:C7", "slack", "Regio Twente", t0);
    await store.regions.link("slack:T1:C7", "slack:U9", t0);
    const asked = await store.regions.addQuestion(
      {
        regionId: "slack:T1:C7",
        userKey: "slack:U9",
        dmConversationId: "slack:T1:U9",
        anonymous: true,
        unitIds: ["wegwijzer-84"],
        threadRef: "1700.2",
      },
      t0,
    );
    await store.regions.countReply(asked.id);
    await store.currentLessons.show("slack:T1:U9", "wegwijzer-1", t0);
    expect(await store.userData("slack", "U9")).toEqual({
      notes: 1,
      subscriptions: expect.arrayContaining(["slack:T1:U9", "slack:T1:C9"]),
      directConversations: ["slack:T1:U9"],
      regions: ["Regio Twente"],
      regionalQuestions: [{ region: "Regio Twente", anonymous: true, replies: 1, createdAt: t0 }],
    });
    await store.forgetUser("slack", "U9");
    expect(await store.userData("slack", "U9")).toEqual({
      notes: 0,
      subscriptions: [],
      directConversations: [],
      regions: [],
      regionalQuestions: [],
    });
    expect(await store.currentLessons.get("slack:T1:U9")).toEqual({});
    expect(await store.regions.questionByThread("slack:T1:C7", "1700.2")).toBeUndefined();
    expect(await store.deliveries.sentUnits("slack:T1:U9")).toEqual([]);
    expect((await store.subscriptions.get("slack:T1:C9"))?.active).toBe(true);
  });

  it("keeps review entries until they expire, labels them and lists them for export", async () => {
    const id = await store.review.add(
      {
        platform: "slack",
        reason: "unanswered",
        question: "Wat doe ik met wethouder [naam]?",
        answered: false,
        answerUnits: ["wegwijzer-13"],
      },
      30,
      t0,
    );
    const down = await store.review.add(
      {
        platform: "teams",
        reason: "down",
        question: "tweede",
        answered: true,
        answerUnits: ["wegwijzer-1", "wegwijzer-2"],
        vote: "down",
      },
      30,
      later(1000),
    );
    await store.review.update(id, { chosenUnit: "wegwijzer-13" });
    expect((await store.review.listOpen(later(2000))).map((e) => e.id)).toEqual([down, id]);
    expect(await store.review.get(id, later(2000))).toMatchObject({
      reason: "unanswered",
      chosenUnit: "wegwijzer-13",
      answerUnits: ["wegwijzer-13"],
      answered: false,
      label: undefined,
    });
    expect(await store.review.label(id, "wegwijzer-12", later(3000))).toBe(true);
    expect(await store.review.count(later(3000))).toEqual({ open: 1, handled: 1 });
    expect((await store.review.listHandled({ now: later(3000) })).map((e) => [e.id, e.label])).toEqual([
      [id, "wegwijzer-12"],
    ]);
    await store.review.markExported([id], later(4000));
    expect(await store.review.listHandled({ now: later(4000) })).toEqual([]);
    expect(await store.review.listHandled({ all: true, now: later(4000) })).toHaveLength(1);
    // past the retention: invisible, not labelable, then deleted
    const expired = later(30 * 86_400_000 + 1001);
    expect(await store.review.listOpen(expired)).toEqual([]);
    expect(await store.review.label(down, "none", expired)).toBe(false);
    expect(await store.review.purge(expired)).toBe(2);
    expect(await store.db.selectFrom("review_queue").selectAll().execute()).toEqual([]);
  });

  it("counts questions per day and unit, and reports subscriptions and deliveries for the admin page", async () => {
    await store.stats.countQuestion("slack", true, "wegwijzer-5", t0);
    await store.stats.countQuestion("slack", true, "wegwijzer-5", t0);
    await store.stats.countQuestion("teams", false, "", t0);
    await store.stats.countQuestion("slack", true, "wegwijzer-7", later(86_400_000));
    expect(await store.stats.questionsPerDay("2026-11-01")).toEqual([
      { day: "2026-11-23", answered: 2, unanswered: 1 },
      { day: "2026-11-24", answered: 1, unanswered: 0 },
    ]);
    expect(await store.stats.questionsPerUnit("2026-11-24")).toEqual(new Map([["wegwijzer-7", 1]]));
    await store.recordFeedback({
      questionHash: "0123456789abcdef",
      unitIds: ["wegwijzer-5", "wegwijzer-6"],
      value: "down",
      at: t0,
    });
    await store.recordFeedback({ questionHash: "0123456789abcdef", unitIds: ["wegwijzer-5"], value: "up", at: t0 });
    expect((await store.stats.feedbackPerUnit(later(-1000))).get("wegwijzer-5")).toEqual({ up: 1, down: 1 });
    await store.subscriptions.upsert(sub("slack:T1:C1"), t0);
    await store.subscriptions.upsert(sub("slack:T1:C2"), t0);
    await store.subscriptions.deactivate("slack:T1:C2", "channel_not_found", t0);
    const claim = await store.deliveries.claim("slack:T1:C1", "2026-W48", "wegwijzer-1", "A", t0, 60_000);
    await store.deliveries.markSent(claim!, "A", t0);
    await store.deliveries.markSkipped("slack:T1:C2", "2026-W47", "wegwijzer-1", "missed");
    const subs = await store.stats.subscriptions();
    expect(subs.map((s) => [s.id, s.active, s.deactivatedReason, s.lastSent?.unitId])).toEqual([
      ["slack:T1:C1", true, undefined, "wegwijzer-1"],
      ["slack:T1:C2", false, "channel_not_found", undefined],
    ]);
    expect(await store.stats.deliveriesPerWeek("2026-W40")).toEqual([
      { week: "2026-W48", counts: { sent: 1 } },
      { week: "2026-W47", counts: { skipped: 1 } },
    ]);
  });
});
