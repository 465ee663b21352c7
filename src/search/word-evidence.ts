/**
 * Word evidence for the "I don't know": a sparse logistic regression over a question's terms
 * (stems and phrase concepts, as the analyzer reads them), trained on the paraphrase bank
 * (answerable) against the questions the handbook cannot answer. Its log-odds is one feature of
 * the confidence model.
 *
 * Why words: municipal practice that merely sounds close to the secretary's work ("de
 * vergunningaanvraag", "de OZB-aanslag", "een speech schrijven") reaches a handbook unit through
 * its everyday words, so scores and similarities alone cannot tell it apart; the words that mark it
 * (permits, taxes, articles of law, drafting verbs, IT) can. In 5-fold cross-validation this lifted
 * off-topic rejection from 55% to about 80% at the same 3% false rejection. The question's form (its
 * function words and first word, see `formTerms`) lifted it again, from 84% to 95%.
 */
import type { Term } from "./analyzer.ts";
import { epochOrders } from "./epochs.ts";
import { CONCEPT_PREFIX } from "./concepts.ts";
import type { Matcher } from "./matcher.ts";
import { rawTokens } from "./normalize.ts";
import { blocksOf } from "./passages.ts";
import { STOP_WORDS } from "./stopwords.ts";

export interface WordModel {
  bias: number;
  /** term → weight; terms absent here weigh 0 */
  weights: Record<string, number>;
}

export interface WordExample {
  terms: readonly Term[];
  answerable: boolean;
}

export interface WordTraining {
  epochs: number;
  /** AdaGrad base step */
  rate: number;
  /** L2 penalty per update */
  l2: number;
  /** weights smaller than this are dropped from the model (they change no decision) */
  prune: number;
  /**
   * A term's learnt weight is scaled by n / (n + shrink), n the number of training texts it occurs
   * in. The L2 penalty is applied when a term is seen, so a term seen once is hardly penalised, and an
   * unanswerable example weighs about nine answerable ones (the classes weigh equally in total): one
   * question the handbook cannot answer with a rare word ("integriteitsmelding bewaren") made that
   * word count against every question using it, more than all the ranking's evidence.
   */
  shrink: number;
}

/**
 * Chosen by cross-validation (`npm run eval -- --cv`); see the module comment. `shrink` 4, on all
 * 11,242 + 1,251 questions at 3.0% false rejection: off-topic rejection 91.4% without, 92.6% with 2,
 * 92.9% with 4, 93.0% with 8 (which refuses more short direct questions: 8.0% against 7.4%).
 * Leaving out terms seen fewer than 3 or 5 times instead: 92.0%, 91.4%.
 */
export const WORD_TRAINING: WordTraining = { epochs: 30, rate: 0.3, l2: 0.2, prune: 0.005, shrink: 4 };

/**
 * A question's words as a unit-length vector: each term at its highest weight. Phrase concepts stay
 * out: they name units, which the ranking and the conceptHit feature already weigh, and a concept
 * that municipal-practice questions also trigger (the law on the secretary's position) would
 * otherwise learn to count against its own unit.
 */
function vectorOf(terms: readonly Term[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const t of terms) if (!t.term.startsWith(CONCEPT_PREFIX)) v.set(t.term, Math.max(v.get(t.term) ?? 0, t.weight));
  const norm = Math.hypot(...v.values()) || 1;
  for (const [k, x] of v) v.set(k, x / norm);
  return v;
}

/** Form terms start with characters no analyzer stem has: "~" for a function word, "^" for the first word. */
const FORM_PREFIX = "~";
const OPENING_PREFIX = "^";

/**
 * The form of a question, which the analyzer's stop words drop: its function words ("hoeveel",
 * "wanneer", "mag", "jij") and its first word ("^hoeveel", "^schrijf", "^ben"). A question of fact
 * ("Hoeveel inwoners heeft …"), a request to draft ("Schrijf …") or one addressed to the bot itself
 * ("ben jij …") shows in its form more than in its topic words.
 */
export function formTerms(text: string): Term[] {
  const tokens = rawTokens(text).map((t) => t.norm);
  const terms = tokens.filter((t) => STOP_WORDS.has(t)).map((t) => ({ term: FORM_PREFIX + t, weight: 1 }));
  if (tokens[0]) terms.push({ term: OPENING_PREFIX + tokens[0], weight: 1 });
  return terms;
}

/** What the word model reads of a text: its analysed terms and its form. */
export function wordTerms(matcher: Pick<Matcher, "queryTerms">, text: string): Term[] {
  return [...matcher.queryTerms(text), ...formTerms(text)];
}

/** Log-odds that the handbook answers a question with these terms; 0 without a model. */
export function wordEvidence(model: WordModel | undefined, terms: readonly Term[]): number {
  if (!model) return 0;
  let z = model.bias;
  for (const [term, x] of vectorOf(terms)) z += x * (model.weights[term] ?? 0);
  return z;
}

/** A text of the handbook itself, read as the models read a question, with the unit it belongs to. */
export interface HandbookExample {
  terms: Term[];
  unit: string;
}

/**
 * The handbook's own text as examples: every unit's title with its summary, keywords and
 * questions, and every block of its body. For the word model they are answerable examples (without
 * them a handbook word that municipal-practice questions also use, de Gemeentewet, het
 * gemeentehuis, would only ever be seen on the wrong side); for the unit model, examples of their
 * unit, so it knows every unit, the bank's or not.
 */
export function handbookExamples(matcher: Pick<Matcher, "knowledge" | "queryTerms">): HandbookExample[] {
  return matcher.knowledge.units.flatMap((u) =>
    [[u.title, u.summary].join(". "), u.keywords.join(", "), ...u.questions, ...blocksOf(u.body)]
      .filter((t) => t.trim())
      .map((t) => ({ terms: wordTerms(matcher, t), unit: u.id })),
  );
}

/**
 * Fits the model with AdaGrad, answerable and unanswerable examples weighing equally in total.
 * Deterministic: examples are visited in a fixed pseudo-random order.
 */
export function trainWordModel(examples: readonly WordExample[], options: WordTraining = WORD_TRAINING): WordModel {
  const rows = examples.map((e) => ({ x: vectorOf(e.terms), y: e.answerable ? 1 : 0 }));
  const seenIn = new Map<string, number>();
  for (const { x } of rows) for (const term of x.keys()) seenIn.set(term, (seenIn.get(term) ?? 0) + 1);
  const positives = rows.filter((r) => r.y === 1).length;
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) return { bias: 0, weights: {} };
  const classWeight = [(0.5 * rows.length) / negatives, (0.5 * rows.length) / positives];
  const weights = new Map<string, number>();
  const squared = new Map<string, number>();
  let bias = 0;
  let biasSquared = 1e-8;
  for (const order of epochOrders(rows.length, options.epochs, 20261123)) {
    for (const n of order) {
      const { x, y } = rows[n]!;
      let z = bias;
      for (const [term, v] of x) z += v * (weights.get(term) ?? 0);
      const error = (1 / (1 + Math.exp(-z)) - y) * classWeight[y]!;
      biasSquared += error * error;
      bias -= (options.rate * error) / Math.sqrt(biasSquared);
      for (const [term, v] of x) {
        const current = weights.get(term) ?? 0;
        const gradient = error * v + options.l2 * current;
        const sum = (squared.get(term) ?? 1e-8) + gradient * gradient;
        squared.set(term, sum);
        weights.set(term, current - (options.rate * gradient) / Math.sqrt(sum));
      }
    }
  }
  const kept: Record<string, number> = {};
  for (const [term, learnt] of [...weights].sort((a, b) => a[0].localeCompare(b[0]))) {
    const n = seenIn.get(term) ?? 0;
    const w = (learnt * n) / (n + options.shrink);
    if (Math.abs(w) >= options.prune) kept[term] = Math.round(w * 1e4) / 1e4;
  }
  return { bias: Math.round(bias * 1e4) / 1e4, weights: kept };
}
