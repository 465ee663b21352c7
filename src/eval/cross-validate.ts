/**
 * K-fold cross-validation on the paraphrase bank and the unanswerable questions. While a fold is
 * scored, its bank questions are out of the bank index and its unanswerable questions out of the
 * off-topic index, the word model is trained on the other folds' questions only, and the classifier
 * that decides is trained on the other folds only (on features that were themselves computed with
 * their own fold left out). Folds are stratified: the i-th
 * question of every unit (and the i-th unanswerable question) goes to fold i mod K.
 */
import type { Bank } from "../knowledge/bank.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Answer, Answerer } from "../search/answer.ts";
import {
  chooseThreshold,
  type ConfidenceModel,
  type Features,
  probability,
  TRAINING_FALSE_REJECTION,
  train,
} from "../search/confidence.ts";
import { fuse, type FusionOptions, type Scored } from "../search/fusion.ts";
import type { Term } from "../search/analyzer.ts";
import { blocksOf } from "../search/passages.ts";
import {
  type HandbookExample,
  handbookExamples,
  trainWordModel,
  type WordExample,
  type WordModel,
  wordTerms,
} from "../search/word-evidence.ts";
import { trainUnitModel, type UnitExample, type UnitModel } from "../search/unit-model.ts";
import type { EvalQuestion } from "./metrics.ts";

export interface CvItem {
  question: EvalQuestion;
  fold: number;
  /** 1-based gold block, for annotated bank questions */
  block?: number | undefined;
}

export interface CvRecord {
  item: CvItem;
  features: Features;
  /** the rankings before fusion, for comparing fusion methods */
  unitList: Scored[];
  bankList: Scored[];
  modelList: Scored[];
  answer: Answer;
}

export interface CvRun {
  records: CvRecord[];
  /** the model trained on every fold: what `npm run train:confidence` ships */
  model: ConfidenceModel;
}

export function cvItems(bank: Bank, k: number): CvItem[] {
  const items: CvItem[] = [];
  const perUnit = new Map<string, number>();
  bank.questions.forEach((b) => {
    const n = perUnit.get(b.unit) ?? 0;
    perUnit.set(b.unit, n + 1);
    items.push({
      question: { id: `${b.unit}#${n + 1}`, q: b.q, gold: [b.unit], kind: b.kind },
      fold: n % k,
      block: b.block,
    });
  });
  bank.unanswerable.forEach((u, n) => {
    items.push({
      question: { id: `unanswerable#${n + 1}`, q: u.q, gold: [], kind: `off-topic: ${u.kind}` },
      fold: n % k,
    });
  });
  return items;
}

function trainOn(
  records: readonly { item: CvItem; features: Features }[],
  words: WordModel,
  units: UnitModel,
): ConfidenceModel {
  const pos = records.filter((r) => r.item.question.gold.length > 0).map((r) => r.features);
  const neg = records.filter((r) => r.item.question.gold.length === 0).map((r) => r.features);
  const fitted = train(pos, neg);
  const threshold = chooseThreshold(
    pos.map((f) => probability({ ...fitted, threshold: 0 }, f)),
    TRAINING_FALSE_REJECTION,
  );
  return { ...fitted, threshold, words, units };
}

/**
 * Scores every bank and unanswerable question with its own fold held out; `progress` is called
 * after each fold.
 */
export function crossValidate(
  build: (bank: Bank) => Answerer,
  bank: Bank,
  k = 5,
  progress: (line: string) => void = () => {},
): CvRun {
  const items = cvItems(bank, k);
  // A question's terms do not depend on the fold (the analyzer learns only the handbook's words).
  const termsOf = new Map<CvItem, Term[]>();
  const wordModels: WordModel[] = [];
  const unitModels: UnitModel[] = [];
  // The handbook's own text, read once: answerable examples for the word model, each unit's for the unit model.
  let handbook: HandbookExample[] | undefined;
  let handbookWords: WordExample[] = [];
  const pending: (Omit<CvRecord, "answer"> & { answerer: Answerer })[] = [];
  const unitExamplesOf = (chosen: readonly CvItem[]): UnitExample[] =>
    chosen
      .filter((i) => i.question.gold.length > 0)
      .map((i) => ({ terms: termsOf.get(i)!, unit: i.question.gold[0]! }));
  for (let fold = 0; fold < k; fold++) {
    const started = performance.now();
    let n = 0;
    const perUnit = new Map<string, number>();
    const questions = bank.questions.filter((b) => {
      const i = perUnit.get(b.unit) ?? 0;
      perUnit.set(b.unit, i + 1);
      return i % k !== fold;
    });
    const unanswerable = bank.unanswerable.filter((_, i) => i % k !== fold);
    const answerer = build({ questions, unanswerable, concepts: bank.concepts });
    for (const item of items)
      if (!termsOf.has(item)) termsOf.set(item, wordTerms(answerer.ranker.matcher, item.question.q));
    if (!handbook) {
      handbook = handbookExamples(answerer.ranker.matcher);
      handbookWords = handbook.map((e) => ({ terms: e.terms, answerable: true }));
    }
    const words = trainWordModel([
      ...handbookWords,
      ...items
        .filter((i) => i.fold !== fold)
        .map((i) => ({ terms: termsOf.get(i)!, answerable: i.question.gold.length > 0 })),
    ]);
    wordModels.push(words);
    const units = trainUnitModel([...handbook, ...unitExamplesOf(items.filter((i) => i.fold !== fold))]);
    unitModels.push(units);
    for (const item of items) {
      if (item.fold !== fold) continue;
      const analysis = answerer.ranker.analyze(item.question.q, { words, units });
      pending.push({
        item,
        answerer,
        features: analysis.features,
        unitList: analysis.unitList,
        bankList: analysis.bankList,
        modelList: analysis.modelList,
      });
      n++;
    }
    progress(
      `fold ${fold + 1}/${k}: ${n} questions scored with their fold left out (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  const records: CvRecord[] = [];
  for (let fold = 0; fold < k; fold++) {
    const model = trainOn(
      pending.filter((p) => p.item.fold !== fold),
      wordModels[fold]!,
      unitModels[fold]!,
    );
    for (const p of pending) {
      if (p.item.fold !== fold) continue;
      records.push({
        item: p.item,
        features: p.features,
        unitList: p.unitList,
        bankList: p.bankList,
        modelList: p.modelList,
        answer: p.answerer.answer(p.item.question.q, model),
      });
    }
  }
  progress(`classifier trained ${k} times, each without the fold it decides on`);
  const words = trainWordModel([
    ...handbookWords,
    ...items.map((i) => ({ terms: termsOf.get(i)!, answerable: i.question.gold.length > 0 })),
  ]);
  const units = trainUnitModel([...(handbook ?? []), ...unitExamplesOf(items)]);
  const model = trainOn(pending, words, units);
  return { records, model };
}

/** Whether the first passage shown for the gold unit is the gold block (bank questions with a block only). */
export function passageHit(record: CvRecord, knowledge: Knowledge): boolean | undefined {
  const { block } = record.item;
  const gold = record.item.question.gold[0];
  if (block === undefined || gold === undefined) return undefined;
  const result = record.answer.results.find((r) => r.id === gold);
  if (!result || record.answer.results[0]?.id !== gold) return undefined;
  const unit = knowledge.byId.get(gold);
  return unit !== undefined && result.passages[0] === blocksOf(unit.body)[block - 1];
}

/** hit@1, hit@3, MRR@5 of a ranking method over the answerable records. */
export function rankingScores(
  records: readonly CvRecord[],
  rank: (r: CvRecord) => Scored[],
): { hit1: number; hit3: number; mrr5: number } {
  const answerable = records.filter((r) => r.item.question.gold.length > 0);
  let hit1 = 0;
  let hit3 = 0;
  let mrr = 0;
  for (const r of answerable) {
    const at = rank(r)
      .slice(0, 5)
      .findIndex((s) => r.item.question.gold.includes(s.id));
    if (at === 0) hit1++;
    if (at >= 0 && at < 3) hit3++;
    if (at >= 0) mrr += 1 / (at + 1);
  }
  const n = Math.max(answerable.length, 1);
  return { hit1: hit1 / n, hit3: hit3 / n, mrr5: mrr / n };
}

export function fusedWith(options: FusionOptions): (r: CvRecord) => Scored[] {
  return (r) => fuse(r.unitList, r.bankList, options, r.modelList);
}
