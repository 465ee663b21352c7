/**
 * A third view for the ranking: a multinomial logistic regression from a question's terms (stems,
 * phrase concepts and its form, as the word model reads them, and the letter n-grams of its stems)
 * to the handbook unit that answers it,
 * trained on the paraphrase bank and the units' own text. Where the bank index finds a unit through
 * the few stored questions nearest to the question, this model weighs every word by how well it
 * tells the units apart over all of them. Fused with the other two lists (fusion.ts).
 */
import type { Term } from "./analyzer.ts";
import { epochOrders } from "./epochs.ts";
import type { Scored } from "./fusion.ts";

/**
 * The trained model, compact: the weights are dense (every term weighs for or against every unit),
 * so they are held as one signed byte per term and unit, scaled per term (`scales[t] / 127`):
 * about 2 MB for 12,000 rows (terms and n-gram buckets) and 173 units instead of tens of megabytes.
 * In knowledge/confidence-model.json the bytes are base64 (`unitModelJson`); the loader decodes
 * them once, so the 3 MB base64 text is not kept beside the bytes.
 */
export interface UnitModel {
  /** the units the model can name, in the order of `bias` and of each term's row */
  units: string[];
  bias: number[];
  /** the terms with a row, in row order */
  terms: string[];
  /** a row's largest absolute weight */
  scales: number[];
  /** terms × units signed bytes, row by row */
  values: Int8Array;
}

/** The model as knowledge/confidence-model.json holds it: the weights base64 in `data`. */
export type UnitModelJson = Omit<UnitModel, "values"> & { data: string };

export function unitModelJson({ values, ...rest }: UnitModel): UnitModelJson {
  return { ...rest, data: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64") };
}

/** The model of its JSON form (the weights decoded once). */
export function unitModelOfJson({ data, ...rest }: UnitModelJson): UnitModel {
  const buffer = Buffer.from(data, "base64");
  return { ...rest, values: new Int8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
}

export interface UnitExample {
  terms: readonly Term[];
  unit: string;
}

export interface UnitTraining {
  epochs: number;
  /** AdaGrad base step */
  rate: number;
  /** L2 penalty per update */
  l2: number;
}

/** Chosen by cross-validation (`npm run eval -- --cv`): epochs 8 against 6 and 12, the weight in fusion.ts. */
export const UNIT_TRAINING: UnitTraining = { epochs: 8, rate: 0.5, l2: 1e-4 };

/**
 * Letter n-grams of each stem, as extra features (fastText's subwords): "<ver", "verk", …, of
 * "verkiez". A paraphrase says "coalitievorming" where the handbook says "coalitie" and "vorm", or
 * misspells a word past the typo corrector; its n-grams still meet the unit's. They are hashed into
 * a fixed number of rows (the hashing trick), so the model stays small: 12,000 rows instead of
 * 19,700, at the same figures. Chosen on the folds: the unit model alone went from 52.1% to 55.9%
 * at top 1, the fused ranking from 58.1% to 59.1% (length 5, weight 0.3 did less; unhashed, the same).
 */
export const NGRAM = { length: 4, weight: 0.5, buckets: 4096 };
/** Letter n-gram features start with a character no stem, concept or form term has. */
const NGRAM_PREFIX = "#";

/** An n-gram's row: FNV-1a of its letters, modulo the number of buckets. */
function ngramFeature(gram: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < gram.length; i++) hash = Math.imul(hash ^ gram.charCodeAt(i), 16777619);
  return NGRAM_PREFIX + ((hash >>> 0) % NGRAM.buckets).toString(36);
}

/** A text's terms, and the n-grams of its stems, as a unit-length vector, each at its highest weight. */
function vectorOf(terms: readonly Term[]): [string, number][] {
  const v = new Map<string, number>();
  const add = (term: string, weight: number) => v.set(term, Math.max(v.get(term) ?? 0, weight));
  for (const t of terms) {
    add(t.term, t.weight);
    // stems only: concept and form terms start with a sign, not a letter or digit
    if (t.term.length <= NGRAM.length || !/^[a-z0-9]/.test(t.term)) continue;
    const word = `<${t.term}>`;
    for (let i = 0; i + NGRAM.length <= word.length; i++)
      add(ngramFeature(word.slice(i, i + NGRAM.length)), t.weight * NGRAM.weight);
  }
  const norm = Math.hypot(...v.values()) || 1;
  return [...v].map(([term, x]) => [term, x / norm]);
}

function softmax(z: Float64Array): Float64Array {
  let max = -Infinity;
  for (const x of z) if (x > max) max = x;
  let sum = 0;
  for (let i = 0; i < z.length; i++) {
    z[i] = Math.exp(z[i]! - max);
    sum += z[i]!;
  }
  for (let i = 0; i < z.length; i++) z[i]! /= sum;
  return z;
}

/** Fits the model with AdaGrad on the softmax cross-entropy; deterministic (a fixed pseudo-random order). */
export function trainUnitModel(examples: readonly UnitExample[], options: UnitTraining = UNIT_TRAINING): UnitModel {
  const units = [...new Set(examples.map((e) => e.unit))].sort();
  const classOf = new Map(units.map((u, i) => [u, i]));
  const k = units.length;
  const rows = examples.map((e) => ({ x: vectorOf(e.terms), y: classOf.get(e.unit)! }));
  const weights = new Map<string, Float64Array>();
  const squared = new Map<string, Float64Array>();
  const bias = new Float64Array(k);
  const biasSquared = new Float64Array(k).fill(1e-8);
  const row = (map: Map<string, Float64Array>, term: string, init = 0) => {
    let r = map.get(term);
    if (!r) map.set(term, (r = new Float64Array(k).fill(init)));
    return r;
  };
  const z = new Float64Array(k);
  for (const order of epochOrders(rows.length, options.epochs, 20261203)) {
    for (const n of order) {
      const { x, y } = rows[n]!;
      z.set(bias);
      for (const [term, v] of x) {
        const w = weights.get(term);
        if (w) for (let c = 0; c < k; c++) z[c]! += v * w[c]!;
      }
      const p = softmax(z);
      for (let c = 0; c < k; c++) {
        const error = p[c]! - (c === y ? 1 : 0);
        biasSquared[c]! += error * error;
        bias[c]! -= (options.rate * error) / Math.sqrt(biasSquared[c]!);
      }
      for (const [term, v] of x) {
        const w = row(weights, term);
        const g2 = row(squared, term, 1e-8);
        for (let c = 0; c < k; c++) {
          const gradient = (p[c]! - (c === y ? 1 : 0)) * v + options.l2 * w[c]!;
          g2[c]! += gradient * gradient;
          w[c]! -= (options.rate * gradient) / Math.sqrt(g2[c]!);
        }
      }
    }
  }
  const terms = [...weights.keys()].sort();
  const scales = terms.map((t) => Math.max(...weights.get(t)!.map(Math.abs)) || 1);
  const bytes = new Int8Array(terms.length * k);
  terms.forEach((t, r) => {
    const w = weights.get(t)!;
    for (let c = 0; c < k; c++) bytes[r * k + c] = Math.round((127 * w[c]!) / scales[r]!);
  });
  return {
    units,
    bias: [...bias].map((b) => Math.round(b * 1e4) / 1e4),
    terms,
    scales: scales.map((x) => Math.round(x * 1e5) / 1e5),
    values: bytes,
  };
}

interface Lookup {
  rows: Map<string, number>;
  bias: Float64Array;
}
const lookups = new WeakMap<UnitModel, Lookup>();

/** The model's term rows and bias, made once per model. */
function lookup(model: UnitModel): Lookup {
  let l = lookups.get(model);
  if (!l) {
    l = { rows: new Map(model.terms.map((t, r) => [t, r])), bias: Float64Array.from(model.bias) };
    lookups.set(model, l);
  }
  return l;
}

/** The units the model names for a question, most probable first (probabilities, summing to 1). */
export function unitScores(model: UnitModel | undefined, terms: readonly Term[]): Scored[] {
  if (!model || model.units.length === 0) return [];
  const { rows, bias } = lookup(model);
  const { values } = model;
  const k = model.units.length;
  const z = bias.slice();
  for (const [term, v] of vectorOf(terms)) {
    const r = rows.get(term);
    if (r === undefined) continue;
    const scale = (v * model.scales[r]!) / 127;
    for (let c = 0; c < k; c++) z[c]! += scale * values[r * k + c]!;
  }
  const p = softmax(z);
  return model.units.map((id, c) => ({ id, score: p[c]! })).sort((a, b) => b.score - a.score);
}
