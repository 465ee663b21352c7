import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ReviewRecorder } from "../../src/app/review-recorder.ts";
import { exportReview } from "../../src/cli/review-export.ts";
import { questionHash } from "../../src/conversation/feedback.ts";
import { evalQuestionSchema } from "../../src/eval/metrics.ts";
import { Store } from "../../src/store/store.ts";
import { testApp } from "../helpers/bot.ts";
import {
  ANSWERED,
  click,
  OFF_TOPIC,
  OFF_TOPIC_PERSONAL,
  SECRET_IDS,
  say,
  scriptedConversation,
} from "../helpers/operator.ts";
import type { App } from "../../src/app/create-app.ts";

let app: App | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Every value in every table, as one string: to prove what is not stored. */
async function everything(store: Store): Promise<string> {
  const tables = [
    "feedback",
    "conversations",
    "processed_events",
    "subscriptions",
    "deliveries",
    "notes",
    "usage_daily",
    "review_queue",
  ] as const;
  const dump: unknown[] = [];
  for (const table of tables) dump.push(await store.db.selectFrom(table).selectAll().execute());
  return JSON.stringify(dump);
}

describe("review queue", () => {
  it("is off by default: no question text is stored anywhere, only counts", async () => {
    app = await testApp();
    await scriptedConversation(app);
    expect(await app.store.db.selectFrom("review_queue").selectAll().execute()).toEqual([]);
    const stored = await everything(app.store);
    for (const text of [ANSWERED, OFF_TOPIC, OFF_TOPIC_PERSONAL, "Jansen", "pizza", "griffier"])
      expect(stored).not.toContain(text);
    const counts = await app.store.stats.questionsPerDay("2000-01-01");
    expect(counts.reduce((n, d) => n + d.answered + d.unanswered, 0)).toBe(3);
    const privacy = await say(app, "mijn gegevens");
    expect(privacy.text).toContain("Je vragen bewaar ik niet");
  });

  it("with REVIEW_QUEUE=1 keeps unanswered and 👎 questions, scrubbed, with the bot's answer and no user", async () => {
    app = await testApp({ env: { REVIEW_QUEUE: "1", REVIEW_RETENTION_DAYS: "14" } });
    await scriptedConversation(app);
    const entries = await app.store.review.listOpen();
    const byQuestion = new Map(entries.map((e) => [e.question, e]));
    expect(byQuestion.get(OFF_TOPIC)).toMatchObject({ platform: "teams", reason: "unanswered", answered: false });
    expect(
      byQuestion.get("Welke pizza bestelt wethouder [naam] het liefst? Bel hem op [telefoonnummer] of mail [e-mail]"),
    ).toMatchObject({ platform: "slack", reason: "unanswered" });
    const down = byQuestion.get(ANSWERED)!;
    expect(down).toMatchObject({ reason: "down", vote: "down", answered: true });
    expect(down.answerUnits[0]).toBe("wegwijzer-16");
    expect(entries).toHaveLength(3);
    expect(Math.round((down.expiresAt.getTime() - down.createdAt.getTime()) / 86_400_000)).toBe(14);
    const stored = await everything(app.store);
    for (const text of ["Jansen", "06-12345678", "jansen@ergens.nl"]) expect(stored).not.toContain(text);
    const queue = JSON.stringify(await app.store.db.selectFrom("review_queue").selectAll().execute());
    for (const id of SECRET_IDS) expect(queue).not.toContain(id);
    const privacy = await say(app, "mijn gegevens");
    expect(privacy.text).toContain("14 dagen");
    expect(privacy.text).not.toContain("Je vragen bewaar ik niet");
  });

  it('links a "bedoel je" choice and a later 👎 to the question they belong to, in memory only', async () => {
    const store = await Store.open(":memory:");
    let clock = new Date("2026-11-23T09:00:00Z");
    const recorder = new ReviewRecorder(store, 30, () => clock);
    const base = { platform: "slack" as const, latencyMs: 3, conversationId: "slack:T1:C1" };
    // an unanswered question with suggestions, then the user picks one
    await recorder.replied({
      ...base,
      intent: "question",
      question: "Mevrouw Bakker vraagt naar de driehoek",
      answered: false,
      units: ["wegwijzer-30", "wegwijzer-31"],
      suggestions: ["wegwijzer-30", "wegwijzer-31"],
    });
    await recorder.replied({
      ...base,
      intent: "click:read-more",
      units: ["wegwijzer-31"],
      suggestions: [],
      choice: "wegwijzer-31",
    });
    // an answered question with a "bedoel je" beside it: the choice alone makes it an entry
    await recorder.replied({
      ...base,
      intent: "question",
      question: "regionale samenwerking",
      answered: true,
      units: ["wegwijzer-37"],
      suggestions: ["wegwijzer-78"],
    });
    await recorder.replied({
      ...base,
      intent: "click:read-more",
      units: ["wegwijzer-78"],
      suggestions: [],
      choice: "wegwijzer-78",
    });
    // a read-more of something that was not suggested is no choice
    await recorder.replied({
      ...base,
      intent: "click:read-more",
      units: ["wegwijzer-1"],
      suggestions: [],
      choice: "wegwijzer-1",
    });
    // an answer voted down an hour and a half later cannot be linked any more (nothing was kept)
    await recorder.replied({
      ...base,
      intent: "question",
      question: "raadsvoorstel schrijven",
      answered: true,
      units: ["wegwijzer-20"],
      suggestions: [],
    });
    clock = new Date(clock.getTime() + 90 * 60_000);
    await recorder.feedback({
      platform: "slack",
      value: "down",
      questionHash: questionHash("raadsvoorstel schrijven"),
      unitIds: ["wegwijzer-20"],
    });

    const entries = await store.review.listOpen(clock);
    expect(entries.map((e) => [e.question, e.reason, e.chosenUnit]).sort()).toEqual([
      ["Mevrouw [naam] vraagt naar de driehoek", "unanswered", "wegwijzer-31"],
      ["regionale samenwerking", "choice", "wegwijzer-78"],
    ]);
    // expiry: after 30 days nothing is left
    clock = new Date(clock.getTime() + 31 * 86_400_000);
    expect(await store.review.listOpen(clock)).toEqual([]);
    expect(await store.review.purge(clock)).toBe(2);
    await store.close();
  });

  it('keeps a "bedoel je" choice made in the chat, through the real core', async (ctx) => {
    app = await testApp({ env: { REVIEW_QUEUE: "1" } });
    // a question that the handbook answers with a close alternative beside it
    let suggestion: { unitId: string; question: string } | undefined;
    for (const question of ["regionale samenwerking loopt slecht", "ambtelijke organisatie", "raad"]) {
      const reply = await say(app, question);
      const offered = reply.actions.find((a) => a.kind === "read-more" && a.label.startsWith("Bedoel je"));
      if (offered?.kind === "read-more") {
        suggestion = { unitId: offered.unitId, question };
        break;
      }
    }
    if (!suggestion) return ctx.skip('the matcher offers no "bedoel je" for these questions any more');
    await click(app, { kind: "read-more", unitId: suggestion.unitId });
    const entries = await app.store.review.listOpen();
    expect(entries.map((e) => [e.question, e.reason, e.chosenUnit])).toEqual([
      [suggestion.question, "choice", suggestion.unitId],
    ]);
  });

  it("exports handled entries as a YAML patch per unit and a JSONL that npm run eval reads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "review-"));
    const env = { DATABASE_URL: join(dir, "db.sqlite"), REVIEW_QUEUE: "1", LOG_LEVEL: "silent" };
    app = await testApp({ env });
    await scriptedConversation(app);
    const entries = await app.store.review.listOpen();
    const off = entries.find((e) => e.question === OFF_TOPIC)!;
    const down = entries.find((e) => e.question === ANSWERED)!;
    const personal = entries.find((e) => e.question.includes("[naam]"))!;
    await app.store.review.label(off.id, "none");
    await app.store.review.label(down.id, "wegwijzer-16");
    await app.store.review.label(personal.id, "wegwijzer-13");
    await app.close();
    app = undefined;

    const out = join(dir, "export");
    const result = await exportReview({ out, all: false, env });
    expect(result.questions).toBe(3);
    expect(readdirSync(out).sort()).toEqual(["review-questions.jsonl", "wegwijzer-13.yaml", "wegwijzer-16.yaml"]);
    const patch = readFileSync(join(out, "wegwijzer-16.yaml"), "utf8");
    expect(patch).toMatch(/^# Review export \d{4}-\d\d-\d\d: questions curators linked to wegwijzer-16/);
    expect(parse(patch)).toEqual({
      unit: "wegwijzer-16",
      file: expect.stringMatching(/^knowledge\/wegwijzer\/.+\.md$/),
      questions: [{ q: ANSWERED, kind: "review", reason: "down" }],
    });
    const lines = readFileSync(join(out, "review-questions.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => evalQuestionSchema.parse(JSON.parse(l)));
    expect(lines.map((l) => [l.q, l.gold])).toEqual(
      expect.arrayContaining([
        [OFF_TOPIC, []],
        [ANSWERED, ["wegwijzer-16"]],
      ]),
    );
    // exported once; --all writes them again
    expect((await exportReview({ out, all: false, env })).questions).toBe(0);
    expect((await exportReview({ out, all: true, env })).questions).toBe(3);

    const report = execFileSync("npx", ["tsx", "src/cli/eval.ts", join(out, "review-questions.jsonl")], {
      encoding: "utf8",
      env: { ...process.env, LOG_LEVEL: "silent" },
    });
    expect(report).toMatch(/question set: .*review-questions\.jsonl \(3 questions\)/);
    expect(report).toMatch(/wegwijzer\s+n=\s*3/);
  });
});
