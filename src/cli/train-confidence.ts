/**
 * `npm run train:confidence`: trains the "I don't know" classifier and writes
 * knowledge/confidence-model.json. Every bank and unanswerable question is scored with its own fold
 * left out of the indexes (as in `npm run eval -- --cv`), so the features it learns from are those
 * of unseen questions; the threshold keeps false rejection on them under the target. Run it after
 * the bank or the unanswerable questions change (knowledge:check tells when the model is stale).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { createBrain } from "../app/brain.ts";
import { crossValidate } from "../eval/cross-validate.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { Answerer } from "../search/answer.ts";
import { CONFIDENCE_MODEL_FILE } from "../search/confidence.ts";
import { Matcher } from "../search/matcher.ts";
import { loadSynonyms } from "../search/synonyms.ts";
import { unitModelJson } from "../search/unit-model.ts";

const { knowledge, bank } = createBrain();
const synonyms = loadSynonyms(KNOWLEDGE_DIR);
const { model } = crossValidate(
  (b) => new Answerer(new Matcher(knowledge, synonyms, b), b),
  bank,
  5,
  (line) => console.error(`… ${line}`),
);
const round = (x: number) => Math.round(x * 1e6) / 1e6;
const out = {
  ...model,
  means: model.means.map(round),
  scales: model.scales.map(round),
  weights: model.weights.map(round),
  bias: round(model.bias),
  threshold: round(model.threshold),
  units: model.units && unitModelJson(model.units),
};
const path = join(KNOWLEDGE_DIR, CONFIDENCE_MODEL_FILE);
writeFileSync(path, `${JSON.stringify(out, null, 2)}\n`);
console.log(
  `wrote ${path}: ${model.features.map((f, i) => `${f} ${out.weights[i]}`).join(", ")}; threshold ${out.threshold} (trained on ${model.trainedOn.positives} answerable, ${model.trainedOn.negatives} unanswerable)`,
);
