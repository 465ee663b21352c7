import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KNOWLEDGE_DIR } from "../../src/knowledge/location.ts";
import type { Term } from "../../src/search/analyzer.ts";
import { CONFIDENCE_MODEL_FILE, loadConfidenceModel } from "../../src/search/confidence.ts";
import { fuse, maxFused } from "../../src/search/fusion.ts";
import { NGRAM, trainUnitModel, unitModelJson, unitModelOfJson, unitScores } from "../../src/search/unit-model.ts";
import { sharedBrain } from "../helpers/bot.ts";

const terms = (...words: string[]): Term[] => words.map((term) => ({ term, weight: 1 }));

describe("the unit model, a third ranking", () => {
  const examples = [
    { terms: terms("formatie", "informateur", "akkoord"), unit: "wegwijzer-84" },
    { terms: terms("coalitie", "akkoord", "onderhandeling"), unit: "wegwijzer-84" },
    { terms: terms("reorganisatie", "structuur", "or"), unit: "wegwijzer-81" },
    { terms: terms("herinrichting", "structuur", "afdeling"), unit: "wegwijzer-81" },
    { terms: terms("griffier", "raad", "agenda"), unit: "wegwijzer-16" },
  ];

  it("learns which words tell the units apart, and gives probabilities that sum to 1", () => {
    const model = trainUnitModel(examples);
    expect(model.units).toEqual(["wegwijzer-16", "wegwijzer-81", "wegwijzer-84"]);
    const ranked = unitScores(model, terms("informateur", "coalitie"));
    expect(ranked[0]!.id).toBe("wegwijzer-84");
    expect(ranked.reduce((sum, s) => sum + s.score, 0)).toBeCloseTo(1, 6);
    expect(unitScores(model, terms("herinrichting", "or"))[0]!.id).toBe("wegwijzer-81");
    // words it never saw leave the prior (the bias) alone; no model, no list
    expect(unitScores(model, terms("onbekend")).length).toBe(3);
    expect(unitScores(undefined, terms("formatie"))).toEqual([]);
  });

  it("reads a word it never saw through the letter n-grams it shares with trained words", () => {
    const model = trainUnitModel(examples);
    // n-gram rows (hashed) beside the words themselves
    expect(model.terms.some((t) => t.startsWith("#"))).toBe(true);
    expect(model.terms.length).toBeLessThanOrEqual(new Set(examples.flatMap((e) => e.terms)).size + NGRAM.buckets);
    // unseen words, each sharing most of its letters with one unit's words
    expect(unitScores(model, terms("herinrichtingsplan"))[0]!.id).toBe("wegwijzer-81");
    expect(unitScores(model, terms("informateurs"))[0]!.id).toBe("wegwijzer-84");
    expect(unitScores(model, terms("griffiers"))[0]!.id).toBe("wegwijzer-16");
    // concept and form terms get no n-grams
    const withForm = trainUnitModel([{ terms: terms("~hoeveel", "@formatie-en-coalitie"), unit: "x" }]);
    expect(withForm.terms).toEqual(["@formatie-en-coalitie", "~hoeveel"]);
  });

  it("is deterministic and stores one byte per term and unit", () => {
    const model = trainUnitModel(examples);
    expect(trainUnitModel(examples)).toEqual(model);
    expect(model.values.length).toBe(model.terms.length * model.units.length);
    // the file's base64 form reads back as the same model
    expect(unitModelOfJson(JSON.parse(JSON.stringify(unitModelJson(model))))).toEqual(model);
    expect(model.scales.every((s) => s > 0)).toBe(true);
  });

  it("joins the fusion with its weight, and the fused scale counts it", () => {
    const options = { method: "linear" as const, k: 0, bankWeight: 1, modelWeight: 0.7 };
    const units = [
      { id: "a", score: 2 },
      { id: "b", score: 1.9 },
    ];
    const bank = [
      { id: "a", score: 1 },
      { id: "b", score: 0.95 },
    ];
    expect(fuse(units, bank, options)[0]!.id).toBe("a");
    const model = [
      { id: "b", score: 0.9 },
      { id: "a", score: 0.05 },
    ];
    expect(fuse(units, bank, options, model)[0]!.id).toBe("b");
    expect(maxFused(options, true)).toBeCloseTo(2.7);
    expect(maxFused(options, false)).toBe(2);
  });

  it("ships with the confidence model and refuses a model whose weights do not fit its units", () => {
    const shipped = sharedBrain().answerer.model?.units;
    expect(shipped?.units.length).toBeGreaterThan(100);
    const { matcher } = sharedBrain();
    const top = unitScores(shipped, matcher.queryTerms("De informateur belt mij over de formatie"))[0];
    expect(top?.id).toBe("wegwijzer-84");
    const broken = JSON.parse(readFileSync(join(KNOWLEDGE_DIR, CONFIDENCE_MODEL_FILE), "utf8"));
    broken.units.data = Buffer.from([1, 2, 3]).toString("base64");
    const dir = mkdtempSync(join(tmpdir(), "unit-model-"));
    writeFileSync(join(dir, CONFIDENCE_MODEL_FILE), JSON.stringify(broken));
    expect(() => loadConfidenceModel(dir)).toThrow(/a row of weights per term/);
  });
});
