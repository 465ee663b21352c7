import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Brain, createBrain, snapshotOf } from "../../src/app/brain.ts";
import { brainFingerprint, writeBrainSnapshot } from "../../src/app/brain-snapshot.ts";
import { KNOWLEDGE_DIR } from "../../src/knowledge/location.ts";

const dir = mkdtempSync(join(tmpdir(), "wegwijzer-snapshot-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const built = createBrain(KNOWLEDGE_DIR, { snapshotFile: false });
const file = join(dir, "brain-index.json");
writeBrainSnapshot(file, snapshotOf(built));

/** What a user sees of an answer: which units, in which order, with which passages, answered or not. */
function seen(brain: Brain, question: string) {
  const a = brain.answerer.answer(question);
  const result = (r: { id: string; score: number; passages: string[] }) => [r.id, r.score, r.passages];
  return {
    answered: a.answered,
    confidence: a.confidence,
    kind: a.offTopicKind,
    results: a.results.map(result),
    suggestions: a.suggestions.map(result),
    clarify: a.clarify?.map((r) => r.id),
    followUps: a.followUps,
  };
}

describe("the build-time index snapshot", () => {
  it("restores an index that answers every question exactly as the index built from the knowledge", () => {
    const restored = createBrain(KNOWLEDGE_DIR, { snapshotFile: file });
    expect(built.restored).toBe(false);
    expect(restored.restored).toBe(true);
    // every 6th bank question, every 3rd unanswerable one, and typos, English and chit-chat
    const questions = [
      ...built.bank.questions.filter((_, i) => i % 6 === 0).map((q) => q.q),
      ...built.bank.unanswerable.filter((_, i) => i % 3 === 0).map((q) => q.q),
      "relatie met de griffeir",
      "How do I work with the works council?",
      "hoi, hoe gaat het?",
      "",
    ];
    expect(questions.length).toBeGreaterThan(900);
    for (const q of questions) expect(seen(restored, q), q).toEqual(seen(built, q));
  });

  it("is not used when it was built from other knowledge or other code, or is damaged: the index is built", () => {
    const stale = join(dir, "stale.json");
    writeBrainSnapshot(stale, { ...snapshotOf(built), fingerprint: "built-from-something-else" });
    expect(createBrain(KNOWLEDGE_DIR, { snapshotFile: stale }).restored).toBe(false);

    const damaged = join(dir, "damaged.json");
    writeFileSync(damaged, readFileSync(file, "utf8").slice(0, 5000));
    const fromDamaged = createBrain(KNOWLEDGE_DIR, { snapshotFile: damaged });
    expect(fromDamaged.restored).toBe(false);
    expect(fromDamaged.answerer.answer("relatie met de griffier").results[0]?.id).toBe("wegwijzer-16");

    const missing = createBrain(KNOWLEDGE_DIR, { snapshotFile: join(dir, "none.json") });
    expect(missing.restored).toBe(false);
  });

  it("fingerprints the knowledge the index is built from, not the trained confidence model", () => {
    const copy = join(dir, "knowledge");
    cpSync(KNOWLEDGE_DIR, copy, { recursive: true });
    const original = brainFingerprint(copy);
    expect(brainFingerprint(copy)).toBe(original);
    const model = join(copy, "confidence-model.json");
    writeFileSync(model, `${readFileSync(model, "utf8")}\n`);
    expect(brainFingerprint(copy)).toBe(original);
    const synonyms = join(copy, "synonyms.yaml");
    writeFileSync(synonyms, `${readFileSync(synonyms, "utf8")}\n# a change\n`);
    expect(brainFingerprint(copy)).not.toBe(original);
  });
});
