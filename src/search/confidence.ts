/**
 * The calibrated "I don't know": a logistic regression over a few features of a search, trained
 * on the paraphrase bank (answerable) and knowledge/bank/unanswerable.yaml (not answerable), each
 * question scored with its own fold left out of the index (`npm run train:confidence`). The
 * threshold is the probability under which at most the target share of answerable questions falls.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { numberList, stringList, weightRecord } from "./list-schemas.ts";
import { type UnitModel, unitModelOfJson } from "./unit-model.ts";
import type { WordModel } from "./word-evidence.ts";

/** What the classifier sees of a search. Few, generic features: none rewards a writer's style. */
export interface Features {
  /** BM25F score of the best fused unit, log-scaled */
  unitScore: number;
  /** share of the question's weight the best unit's topical fields cover, 0–1 */
  topical: number;
  /** how close the nearest bank question is, 0–1 */
  bankSimilarity: number;
  /** relative lead of the best fused unit over the second, 0–1 */
  margin: number;
  /** share of the question's words that neither the handbook nor the bank uses, 0–1 */
  unknown: number;
  /** whether a phrase concept of the question points to the best unit (0/1) */
  conceptHit: number;
  /**
   * how much nearer the nearest question the handbook cannot answer is than the nearest bank
   * question, −1 to 1: a contrast, so a question near both (an OR question) is not pushed out
   */
  offTopicLead: number;
  /** log-odds of the question's words being the handbook's rather than municipal practice (word-evidence.ts) */
  wordEvidence: number;
}

export const FEATURE_NAMES: (keyof Features)[] = [
  "unitScore",
  "topical",
  "bankSimilarity",
  "margin",
  "unknown",
  "conceptHit",
  "offTopicLead",
  "wordEvidence",
];

export interface ConfidenceModel {
  features: (keyof Features)[];
  means: number[];
  scales: number[];
  weights: number[];
  bias: number;
  /** answer when the probability is at least this */
  threshold: number;
  /** the word model behind the wordEvidence feature */
  words?: WordModel | undefined;
  /** the unit model: a third ranking, fused with the unit-level BM25F and the bank */
  units?: UnitModel | undefined;
  /** what it was trained on, so knowledge:check can tell a stale model */
  trainedOn: { positives: number; negatives: number };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function vector(f: Features, names: readonly (keyof Features)[] = FEATURE_NAMES): number[] {
  return names.map((n) => f[n]);
}

/** Probability that the question is answerable. */
export function probability(model: ConfidenceModel, f: Features): number {
  const x = vector(f, model.features);
  let z = model.bias;
  x.forEach((v, i) => {
    z += model.weights[i]! * ((v - model.means[i]!) / model.scales[i]!);
  });
  return sigmoid(z);
}

/**
 * Fits a logistic regression by batch gradient descent on standardised features with a small L2
 * penalty; positives and negatives weigh equally in total, however many there are of each.
 */
export function train(
  positives: readonly Features[],
  negatives: readonly Features[],
  options = { iterations: 600, rate: 0.5, l2: 0.01 },
): Omit<ConfidenceModel, "threshold"> {
  const names = FEATURE_NAMES;
  const rows = [
    ...positives.map((f) => ({ x: vector(f), y: 1, w: 0.5 / positives.length })),
    ...negatives.map((f) => ({ x: vector(f), y: 0, w: 0.5 / negatives.length })),
  ];
  const means = names.map((_, i) => rows.reduce((s, r) => s + r.x[i]!, 0) / rows.length);
  const scales = names.map(
    (_, i) => Math.sqrt(rows.reduce((s, r) => s + (r.x[i]! - means[i]!) ** 2, 0) / rows.length) || 1,
  );
  const xs = rows.map((r) => r.x.map((v, i) => (v - means[i]!) / scales[i]!));
  const weights = names.map(() => 0);
  let bias = 0;
  for (let it = 0; it < options.iterations; it++) {
    const grad = names.map(() => 0);
    let gradBias = 0;
    rows.forEach((r, n) => {
      const x = xs[n]!;
      const err = sigmoid(bias + x.reduce((s, v, i) => s + v * weights[i]!, 0)) - r.y;
      x.forEach((v, i) => {
        grad[i]! += r.w * err * v;
      });
      gradBias += r.w * err;
    });
    weights.forEach((w, i) => {
      weights[i] = w - options.rate * (grad[i]! + options.l2 * w);
    });
    bias -= options.rate * gradBias;
  }
  return {
    features: [...names],
    means,
    scales,
    weights,
    bias,
    trainedOn: { positives: positives.length, negatives: negatives.length },
  };
}

/** The highest threshold that rejects at most `maxFalseRejection` of the given answerable probabilities. */
export function chooseThreshold(positiveProbabilities: readonly number[], maxFalseRejection: number): number {
  const sorted = [...positiveProbabilities].sort((a, b) => a - b);
  const allowed = Math.floor(sorted.length * maxFalseRejection);
  // Reject the `allowed` lowest at most: the threshold sits just above them, at the next one.
  return sorted.length === 0 ? 0.5 : sorted[allowed]!;
}

/** Target false rejection when choosing the threshold on training data: below the 3% goal, for unseen questions. */
export const TRAINING_FALSE_REJECTION = 0.03;

/** Why a question was not answered, so the reply can fit it. */
export type OffTopicKind = "practice" | "chitchat";

/**
 * The kind of an unanswered question from its nearest unanswerable examples (a vote of the best
 * few, weighted by similarity); without any near example, a question with almost no words the
 * handbook knows is chit-chat, the rest municipal practice.
 */
export function offTopicKind(
  neighbours: readonly { kind: string; similarity: number }[],
  unknownShare: number,
  contentWords: number,
): OffTopicKind {
  let chitchat = 0;
  let practice = 0;
  for (const n of neighbours.slice(0, 3)) {
    if (n.kind === "chitchat") chitchat += n.similarity;
    else practice += n.similarity;
  }
  if (chitchat + practice > 0.15) return chitchat > practice ? "chitchat" : "practice";
  return contentWords <= 2 || unknownShare >= 0.75 ? "chitchat" : "practice";
}

export const CONFIDENCE_MODEL_FILE = "confidence-model.json";

const modelSchema = z.object({
  features: z.array(z.enum(FEATURE_NAMES as [keyof Features, ...(keyof Features)[]])),
  means: z.array(z.number()),
  scales: z.array(z.number().positive()),
  weights: z.array(z.number()),
  bias: z.number(),
  threshold: z.number().min(0).max(1),
  trainedOn: z.object({ positives: z.number().int(), negatives: z.number().int() }),
  words: z.object({ bias: z.number(), weights: weightRecord }).optional(),
  units: z
    .object({
      units: z.array(z.string()),
      bias: z.array(z.number()),
      terms: stringList,
      scales: numberList.refine((scales) => scales.every((x) => x > 0), "scales must be positive"),
      // base64; checked below by its decoded length, terms × units (a regex over its 2 MB took 16 ms of the start)
      data: z.string(),
    })
    .transform(unitModelOfJson)
    .optional(),
});

/** The trained model in the knowledge folder, or undefined when there is none yet. */
export function loadConfidenceModel(knowledgeDir: string): ConfidenceModel | undefined {
  const path = join(knowledgeDir, CONFIDENCE_MODEL_FILE);
  if (!existsSync(path)) return undefined;
  const result = modelSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!result.success)
    throw new Error(
      `${CONFIDENCE_MODEL_FILE} [${result.error.issues[0]?.path.join(".")}]: ${result.error.issues[0]?.message}`,
    );
  const model = result.data;
  if (
    model.means.length !== model.features.length ||
    model.weights.length !== model.features.length ||
    model.scales.length !== model.features.length
  ) {
    throw new Error(`${CONFIDENCE_MODEL_FILE}: one mean, scale and weight per feature`);
  }
  const units = model.units;
  if (
    units &&
    (units.bias.length !== units.units.length ||
      units.scales.length !== units.terms.length ||
      units.values.length !== units.terms.length * units.units.length)
  ) {
    throw new Error(`${CONFIDENCE_MODEL_FILE}: the unit model needs a bias per unit and a row of weights per term`);
  }
  return model;
}
