import { describe, expect, it } from "vitest";
import type { Term } from "../../src/search/analyzer.ts";
import { trainWordModel, wordEvidence } from "../../src/search/word-evidence.ts";
import { sharedBrain } from "../helpers/bot.ts";

const terms = (...words: string[]): Term[] => words.map((term) => ({ term, weight: 1 }));

describe("word evidence for the 'I don't know'", () => {
  const handbook = [
    ["wethouder", "rol", "secretaris"],
    ["raad", "griffier", "samenwerking"],
    ["college", "wethouder", "vertrouwen"],
    ["organisatie", "cultuur", "secretaris"],
  ];
  const practice = [
    ["vergunning", "aanvraag", "termijn"],
    ["belasting", "aanslag", "bezwaar"],
    ["vergunning", "bezwaar", "wethouder"],
    ["paspoort", "aanvraag", "balie"],
  ];
  const examples = [
    ...handbook.map((w) => ({ terms: terms(...w), answerable: true })),
    ...practice.map((w) => ({ terms: terms(...w), answerable: false })),
  ];

  it("learns which words mark municipal practice and which the handbook's subjects", () => {
    const model = trainWordModel(examples);
    expect(model.weights.vergunning).toBeLessThan(0);
    expect(model.weights.secretaris).toBeGreaterThan(0);
    expect(wordEvidence(model, terms("vergunning", "termijn"))).toBeLessThan(0);
    expect(wordEvidence(model, terms("rol", "secretaris", "college"))).toBeGreaterThan(0);
    // a shared word (wethouder appears on both sides) does not decide alone
    expect(Math.abs(model.weights.wethouder ?? 0)).toBeLessThan(Math.abs(model.weights.vergunning!));
  });

  it("is deterministic, prunes negligible weights and says nothing without a model or a class", () => {
    expect(trainWordModel(examples)).toEqual(trainWordModel(examples));
    const model = trainWordModel(examples, { epochs: 30, rate: 0.3, l2: 1e-3, prune: 10 });
    expect(model.weights).toEqual({});
    expect(wordEvidence(undefined, terms("vergunning"))).toBe(0);
    expect(trainWordModel(examples.filter((e) => e.answerable))).toEqual({ bias: 0, weights: {} });
  });

  it("ships with the confidence model and sets a permit question apart from a question the handbook answers", () => {
    const { answerer, matcher } = sharedBrain();
    const words = answerer.model?.words;
    expect(words).toBeDefined();
    const permit = wordEvidence(words, matcher.queryTerms("Hoe lang duurt een omgevingsvergunning voor een dakkapel?"));
    const role = wordEvidence(
      words,
      matcher.queryTerms("Hoe houd ik als secretaris de relatie met mijn wethouders goed?"),
    );
    expect(permit).toBeLessThan(role);
  });
});
