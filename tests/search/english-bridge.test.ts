import { describe, expect, it } from "vitest";
import { loadBank } from "../../src/knowledge/bank.ts";
import { checkEnglishBridge, DUTCH_FALSE_FRIENDS, readSynonymsFile } from "../../src/knowledge/english-bridge.ts";
import { loadKnowledge } from "../../src/knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../../src/knowledge/location.ts";
import { Analyzer } from "../../src/search/analyzer.ts";
import { Answerer } from "../../src/search/answer.ts";
import { loadConfidenceModel } from "../../src/search/confidence.ts";
import { Matcher } from "../../src/search/matcher.ts";
import { Synonyms } from "../../src/search/synonyms.ts";

const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const file = readSynonymsFile(KNOWLEDGE_DIR);
const noBridge = { ...file, english: {} };

/** The bank without its English questions: what reaches a unit here, the bridge carried. */
const fullBank = loadBank(KNOWLEDGE_DIR, knowledge);
const bank = { ...fullBank, questions: fullBank.questions.filter((q) => q.kind !== "english") };
const answererWith = (synonyms: typeof file) =>
  new Answerer(new Matcher(knowledge, new Synonyms(synonyms), bank), bank, loadConfidenceModel(KNOWLEDGE_DIR));
const bridged = answererWith(file);
const unbridged = answererWith(noBridge);
const top = (answerer: Answerer, q: string, n: number) =>
  answerer
    .answer(q)
    .results.slice(0, n)
    .map((r) => r.id);

describe("the English bridge", () => {
  it("has no Dutch word among its keys and only handbook words as replacements", () => {
    expect(checkEnglishBridge(file, knowledge)).toEqual([]);
    expect(Object.keys(file.english).length).toBeGreaterThan(1000);
  });

  it("flags a key that is a Dutch word, a handbook word or a handbook phrase", () => {
    const dutch = [
      "over",
      "door",
      "gemeente",
      "sociaal domein",
      "die",
      "men",
      "been",
      "hard",
      "want",
      "is",
      "land",
      "kind",
      "room",
      "team",
    ];
    const english = Object.fromEntries(dutch.map((key) => [key, "gemeente"]));
    const flagged = checkEnglishBridge({ ...file, english: { ...file.english, ...english } }, knowledge)
      .map((p) => p.key)
      .filter((key) => key in english);
    expect(flagged).toEqual(dutch);
    expect(DUTCH_FALSE_FRIENDS.has("kind")).toBe(true);
  });

  it("flags a replacement that is a canonical variant or no word of the handbook", () => {
    const english = { ...file.english, councilmen: "raadsleden", mayoress: "burgervader" };
    const problems = checkEnglishBridge({ ...file, english }, knowledge);
    expect([...new Set(problems.map((p) => p.key))]).toEqual(["councilmen", "mayoress"]);
    expect(problems[0]!.message).toContain('"gemeenteraad"');
  });

  it("leaves Dutch questions as they were", () => {
    const withBridge = new Analyzer(new Synonyms(file));
    const without = new Analyzer(new Synonyms(noBridge));
    for (const q of [
      "De OR houdt onze nieuwe structuur al maanden tegen, wat kan ik doen?",
      "Hoe ga ik om met een wethouder die over mijn hoofd heen beslist?",
      "Mijn kind is ziek en de burgemeester belt in het weekend: hoe hard moet ik bereikbaar zijn?",
      "Men wil een nieuw team voor de herindeling, want het land verandert",
    ])
      expect(withBridge.words(q), q).toEqual(without.words(q));
  });

  it("brings English questions to their unit, some that the Dutch words alone do not reach", () => {
    const disaster = "How should I prepare the organisation for a disaster?";
    expect(bridged.answer(disaster).answered).toBe(true);
    expect(top(bridged, disaster, 1)).toEqual(["wegwijzer-30"]);
    expect(top(bridged, "The executive councillor for finance wants budget cuts", 1)).toEqual(["wegwijzer-14"]);

    const clerk = "What is my relationship with the council clerk?";
    expect(bridged.answer(clerk).answered).toBe(true);
    expect(top(bridged, clerk, 1)).toEqual(["wegwijzer-16"]);
    expect(unbridged.answer(clerk).answered).toBe(false);

    const merger = "Our municipality will merge with two neighbouring municipalities";
    const herindeling = ["wegwijzer-herindeling", "wegwijzer-87", "wegwijzer-88", "wegwijzer-89", "wegwijzer-90"];
    expect(top(bridged, merger, 3).some((id) => herindeling.includes(id))).toBe(true);
    expect(top(unbridged, merger, 3).some((id) => herindeling.includes(id))).toBe(false);
  });
});
