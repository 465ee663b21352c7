import { describe, expect, it } from "vitest";
import type { Term } from "../../src/search/analyzer.ts";
import { formTerms, trainWordModel, wordEvidence, wordTerms } from "../../src/search/word-evidence.ts";
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
    const model = trainWordModel(examples, { epochs: 30, rate: 0.3, l2: 1e-3, prune: 10, shrink: 0 });
    expect(model.weights).toEqual({});
    expect(wordEvidence(undefined, terms("vergunning"))).toBe(0);
    expect(trainWordModel(examples.filter((e) => e.answerable))).toEqual({ bias: 0, weights: {} });
  });

  it("shrinks the weight of a term seen in few texts: one unanswerable example does not make a word decide", () => {
    const rare = [...examples, { terms: terms("melding", "bewaren", "dossier"), answerable: false }];
    const unshrunk = trainWordModel(rare, { epochs: 30, rate: 0.3, l2: 0.2, prune: 0.005, shrink: 0 });
    const shrunk = trainWordModel(rare);
    expect(unshrunk.weights.melding).toBeLessThan(0);
    // seen once: a fifth of its weight (n / (n + 4))
    expect(shrunk.weights.melding).toBeCloseTo(unshrunk.weights.melding! / 5, 3);
    // a term seen in several texts keeps more of its weight
    expect(shrunk.weights.vergunning! / unshrunk.weights.vergunning!).toBeCloseTo(2 / 6, 3);
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

  it("reads a question's form, which the stop words drop: its function words and its first word", () => {
    const form = formTerms("Hoeveel inwoners heeft Tilburg?").map((t) => t.term);
    expect(form).toEqual(expect.arrayContaining(["~hoeveel", "^hoeveel"]));
    expect(form).not.toContain("~inwoners");
    expect(formTerms("")).toEqual([]);
    // the topic words alone cannot tell these apart; their form can
    const facts = ["Hoeveel inwoners heeft de gemeente?", "Hoeveel raadsleden heeft de gemeente?"];
    const role = ["Hoe werk ik met de inwoners van de gemeente?", "Hoe werk ik met de raadsleden van de gemeente?"];
    const { matcher } = sharedBrain();
    const train = (read: (q: string) => Term[]) =>
      trainWordModel([
        ...facts.map((q) => ({ terms: read(q), answerable: false })),
        ...role.map((q) => ({ terms: read(q), answerable: true })),
      ]);
    const question = "Hoeveel ambtenaren heeft de gemeente?";
    const withForm = train((q) => wordTerms(matcher, q));
    const topicOnly = train((q) => matcher.queryTerms(q));
    expect(wordEvidence(withForm, wordTerms(matcher, question))).toBeLessThan(0);
    expect(wordEvidence(withForm, wordTerms(matcher, question))).toBeLessThan(
      wordEvidence(topicOnly, matcher.queryTerms(question)),
    );
  });
});
