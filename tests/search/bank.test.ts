import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { createBrain } from "../../src/app/brain.ts";
import { composeAnswer } from "../../src/conversation/compose.ts";
import { texts } from "../../src/conversation/texts.ts";
import { BANK_RULES, bankCounts } from "../../src/knowledge/bank.ts";
import { KNOWLEDGE_DIR, PROJECT_ROOT } from "../../src/knowledge/location.ts";
import { Answerer } from "../../src/search/answer.ts";
import { ConceptMatcher, conceptTerm } from "../../src/search/concepts.ts";
import {
  chooseThreshold,
  type ConfidenceModel,
  type Features,
  offTopicKind,
  probability,
  train,
} from "../../src/search/confidence.ts";
import { fuse } from "../../src/search/fusion.ts";
import { Matcher } from "../../src/search/matcher.ts";
import { normalizePhrase } from "../../src/search/normalize.ts";
import type { Analysis } from "../../src/search/ranking.ts";
import { loadSynonyms } from "../../src/search/synonyms.ts";

const brain = createBrain();
const { knowledge, bank } = brain;
const synonyms = loadSynonyms(KNOWLEDGE_DIR);

describe("phrase concepts", () => {
  const concepts = new ConceptMatcher(
    [
      {
        name: "vastgelopen formatie",
        units: ["wegwijzer-84"],
        phrases: ["de formatie loopt vast", "informateur belt"],
      },
    ],
    brain.matcher.analyzer,
  );

  it("match when the phrase's analysed words stand together, whatever the case, diacritics, stop words or inflection", () => {
    expect(concepts.match("De Formatie LOOPT vást, wat nu?")).toEqual([conceptTerm("vastgelopen formatie")]);
    expect(concepts.match("de formatie loopt echt vast")).toEqual([conceptTerm("vastgelopen formatie")]);
    expect(concepts.match("de informateur belt me steeds")).toEqual([conceptTerm("vastgelopen formatie")]);
  });

  it("do not match words that are apart or out of order", () => {
    expect(concepts.match("de formatie van het team en de planning loopt vast")).toEqual([]);
    expect(concepts.match("vast loopt de formatie")).toEqual([]);
  });

  it("add a concept term that the listed units carry, so a phrase with none of a unit's words finds it", () => {
    const question = "er staat een paarse olifant in de raadszaal";
    const plain = new Matcher(knowledge, synonyms);
    const withConcept = new Matcher(knowledge, synonyms, {
      questions: [],
      concepts: [{ name: "olifant", units: ["wegwijzer-45"], phrases: ["paarse olifant"] }],
    });
    expect(plain.search(question).ranked[0]?.unit.id).not.toBe("wegwijzer-45");
    expect(withConcept.queryTerms(question).map((t) => t.term)).toContain(conceptTerm("olifant"));
    expect(withConcept.search(question).ranked[0]?.unit.id).toBe("wegwijzer-45");
  });
});

describe("fusion of the unit ranking and the bank ranking", () => {
  const units = [
    { id: "a", score: 9 },
    { id: "b", score: 6 },
    { id: "c", score: 3 },
  ];
  const bankList = [
    { id: "b", score: 2 },
    { id: "d", score: 1.5 },
  ];

  it("reciprocal-rank fusion sums 1 / (k + rank) over the lists", () => {
    const fused = fuse(units, bankList, { method: "rrf", k: 10, bankWeight: 1 });
    expect(fused[0]).toEqual({ id: "b", score: 1 / 12 + 1 / 11 });
    expect(fused.map((f) => f.id)).toEqual(["b", "a", "d", "c"]);
  });

  it("the linear fusion scales each list by its best and adds them", () => {
    const fused = fuse(units, bankList, { method: "linear", k: 0, bankWeight: 1 });
    expect(fused[0]!.id).toBe("b");
    expect(fused[0]!.score).toBeCloseTo(6 / 9 + 1);
    expect(fused.find((f) => f.id === "a")!.score).toBeCloseTo(1);
    expect(fused.find((f) => f.id === "d")!.score).toBeCloseTo(0.75);
  });

  it("an empty list leaves the other's order", () => {
    expect(fuse(units, []).map((f) => f.id)).toEqual(["a", "b", "c"]);
  });
});

describe("the 'I don't know' classifier", () => {
  const f = (x: number, unknown: number): Features => ({
    unitScore: x,
    topical: x / 3,
    bankSimilarity: x / 4,
    margin: 0.2,
    unknown,
    conceptHit: 0,
    offTopicLead: 0.5 - x / 4,
    wordEvidence: x - 1,
  });

  it("learns which side is answerable", () => {
    const positives = Array.from({ length: 40 }, (_, i) => f(2 + (i % 10) / 5, 0.1));
    const negatives = Array.from({ length: 40 }, (_, i) => f(0.2 + (i % 10) / 10, 0.6));
    const model = { ...train(positives, negatives), threshold: 0.5 };
    expect(probability(model, f(3, 0.05))).toBeGreaterThan(0.9);
    expect(probability(model, f(0.3, 0.8))).toBeLessThan(0.1);
  });

  it("picks the highest threshold that rejects at most the allowed share of answerable questions", () => {
    const probabilities = Array.from({ length: 100 }, (_, i) => (i + 1) / 100);
    const threshold = chooseThreshold(probabilities, 0.03);
    expect(probabilities.filter((p) => p < threshold).length).toBeLessThanOrEqual(3);
    expect(threshold).toBe(0.04);
    expect(chooseThreshold(probabilities, 0)).toBe(0.01);
  });

  it("says why it did not answer: practice or chit-chat, from the nearest unanswerable questions", () => {
    expect(
      offTopicKind(
        [
          { kind: "chitchat", similarity: 0.8 },
          { kind: "practice", similarity: 0.2 },
        ],
        0.5,
        3,
      ),
    ).toBe("chitchat");
    expect(
      offTopicKind(
        [
          { kind: "it", similarity: 0.6 },
          { kind: "chitchat", similarity: 0.3 },
        ],
        0.2,
        6,
      ),
    ).toBe("practice");
    expect(offTopicKind([], 1, 1)).toBe("chitchat");
    expect(offTopicKind([], 0.2, 7)).toBe("practice");
  });
});

describe("replies that fit the question", () => {
  const always: ConfidenceModel = {
    features: ["unitScore"],
    means: [0],
    scales: [1],
    weights: [0],
    bias: 0,
    threshold: 0,
    trainedOn: { positives: 0, negatives: 0 },
  };
  const answerer = new Answerer(brain.matcher, bank, always);
  const analysisOf = (ids: [string, number][]): Analysis => ({
    terms: [],
    fused: ids.map(([id, score]) => ({ unit: knowledge.byId.get(id)!, score })),
    unitList: [],
    bankList: [],
    modelList: [],
    features: {
      unitScore: 1,
      topical: 1,
      bankSimilarity: 1,
      margin: 0,
      unknown: 0,
      conceptHit: 0,
      offTopicLead: 0,
      wordEvidence: 0,
    },
    offTopic: [],
    contentWords: 3,
  });

  it("asks which one is meant when the top two, of different chapters, are nearly tied", () => {
    const a = knowledge.byId.get("wegwijzer-12")!;
    const b = knowledge.byId.get("wegwijzer-84")!;
    expect(a.chapter).not.toBe(b.chapter);
    const answer = answerer.fromAnalysis(
      "vraag",
      analysisOf([
        [a.id, 0.9],
        [b.id, 0.89],
        ["wegwijzer-5", 0.5],
      ]),
    );
    expect(answer.clarify?.map((r) => r.id)).toEqual([a.id, b.id]);
    const reply = composeAnswer(answer, knowledge);
    expect(reply.text).toBe(texts.clarify(a.title, b.title));
    expect(reply.actions.map((x) => (x.kind === "read-more" ? x.unitId : x.kind))).toEqual([a.id, b.id]);
  });

  it("does not ask when the two are of one chapter or one clearly leads", () => {
    expect(
      answerer.fromAnalysis(
        "vraag",
        analysisOf([
          ["wegwijzer-12", 0.9],
          ["wegwijzer-13", 0.89],
        ]),
      ).clarify,
    ).toBeUndefined();
    expect(
      answerer.fromAnalysis(
        "vraag",
        analysisOf([
          ["wegwijzer-12", 0.9],
          ["wegwijzer-84", 0.5],
        ]),
      ).clarify,
    ).toBeUndefined();
  });

  it("points practice questions to the VNG and the organisation's experts, and answers chit-chat in one friendly line", () => {
    const base = { question: "x", answered: false, results: [], suggestions: [], followUps: [] };
    expect(composeAnswer({ ...base, offTopicKind: "practice" }, knowledge).text).toMatch(/VNG/);
    const chat = composeAnswer({ ...base, offTopicKind: "chitchat" }, knowledge).text;
    expect(chat).not.toMatch(/website|VNG/);
    expect(chat.split(/[.!?]\s/).length).toBe(1);
  });

  it("gives an off-topic kind with every question it does not answer", () => {
    for (const q of ["Welke leges rekent de gemeente voor een evenementenvergunning?", "haha leuk zeg"]) {
      const answer = brain.answerer.answer(q);
      expect(answer.answered, q).toBe(false);
      expect(answer.offTopicKind, q).toMatch(/^(practice|chitchat)$/);
    }
  });
});

describe("the committed bank", () => {
  it("meets the rules for every unit that has a bank file: questions, English, every block covered", () => {
    const withBank = new Set(bank.questions.map((q) => q.unit));
    const counts = bankCounts(knowledge, bank).filter((c) => withBank.has(c.unit));
    for (const c of counts) expect(c.shortfalls, c.unit).toEqual([]);
    expect(BANK_RULES.minQuestions).toBe(25);
  });

  it("holds at least 200 questions the handbook cannot answer, when the file is there", () => {
    if (existsSync(join(KNOWLEDGE_DIR, "bank", "unanswerable.yaml")))
      expect(bank.unanswerable.length).toBeGreaterThanOrEqual(200);
  });
});

/** The dev set lives beside the project (../shared/eval); worktrees sit deeper, so look upwards. */
function devSet(): string | undefined {
  for (let dir = PROJECT_ROOT; dirname(dir) !== dir; dir = dirname(dir)) {
    const path = join(dir, "shared", "eval", "questions.dev.jsonl");
    if (existsSync(path)) return path;
  }
  return undefined;
}

function textFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(md|ya?ml|ts|json|mjs)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((p) => statSync(p).size < 2_000_000);
}

describe("no evaluation question in the project", () => {
  it.skipIf(!devSet())("no question of the dev set stands in knowledge/ or src/", () => {
    const questions = readFileSync(devSet()!, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => normalizePhrase((JSON.parse(l) as { q: string }).q))
      .filter((q) => q.split(" ").length >= 3);
    // Line by line: a question copied anywhere stands on one line (YAML, JSON, a paragraph of Markdown).
    const lines = [...textFiles(join(PROJECT_ROOT, "knowledge")), ...textFiles(join(PROJECT_ROOT, "src"))].flatMap(
      (p) =>
        readFileSync(p, "utf8")
          .split("\n")
          .map((l) => ` ${normalizePhrase(l)} `),
    );
    const found = questions.filter((q) => lines.some((l) => l.includes(` ${q} `)));
    expect(found).toEqual([]);
  });
});
