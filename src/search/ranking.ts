import { z } from "zod";
import { EMPTY_BANK, type Bank, type OffTopicQuestion } from "../knowledge/bank.ts";
import type { Unit } from "../knowledge/schema.ts";
import type { Term } from "./analyzer.ts";
import { Bm25fSnapshotSchema } from "./bm25f.ts";
import {
  type IndexedQuestion,
  perUnit,
  QuestionIndex,
  type QuestionHit,
  storedTerms,
  type UnitBankScore,
} from "./bank-index.ts";
import { CONCEPT_PREFIX } from "./concepts.ts";
import type { Features } from "./confidence.ts";
import { FUSION, fuse, maxFused, type Scored } from "./fusion.ts";
import type { Matcher, Ranked } from "./matcher.ts";
import { blockTermList, stringList } from "./list-schemas.ts";
import { PassageFinder } from "./passages.ts";
import { type UnitModel, unitScores } from "./unit-model.ts";
import { formTerms, type WordModel, wordEvidence } from "./word-evidence.ts";

/** A unit of the fused ranking, with what each list said about it. */
export interface FusedUnit {
  unit: Unit;
  /** fused score on a 0–1 scale (1: first in both lists) */
  score: number;
  /** the unit-level BM25F view, when the unit was found there */
  ranked?: Ranked | undefined;
  /** the best bank questions of this unit, when any matched */
  bank?: UnitBankScore | undefined;
}

/** Everything the answer needs to know about one question. */
export interface Analysis {
  terms: Term[];
  fused: FusedUnit[];
  /** the unit-level BM25F ranking and the bank ranking before fusion, for comparisons */
  unitList: Scored[];
  bankList: Scored[];
  /** the unit model's ranking (empty without a model) */
  modelList: Scored[];
  features: Features;
  /** the nearest questions the handbook cannot answer */
  offTopic: QuestionHit<OffTopicQuestion>[];
  contentWords: number;
}

/**
 * A built ranker as plain data: the question index, the bank's terms, and per unit and block the
 * term counts of the bank questions written for that block ([block, [term, count][]][]).
 */
export const RankerSnapshotSchema = z.object({
  questions: Bm25fSnapshotSchema,
  bankTerms: stringList,
  blockTerms: z.record(z.string(), blockTermList),
});
export type RankerSnapshot = z.infer<typeof RankerSnapshotSchema>;

/** A stored question: a bank question with its unit, or a question the handbook cannot answer. */
export type StoredQuestion = IndexedQuestion | OffTopicQuestion;
/** How many of the nearest stored questions a search looks at (the bank's units and the off-topic neighbours). */
const QUESTION_HITS = 200;
/** How many of the unit model's most probable units take part in the fusion. */
const MODEL_UNITS = 30;
/** The nearest unanswerable questions that decide what kind of question an unanswered one is. */
const OFF_TOPIC_NEIGHBOURS = 5;
/**
 * How much the bank's vote for a block counts against the block's word overlap with the question.
 * On the folds with the bank of 4,773: passage@1 73.8% at 0.3, 75.8% at 0.5, 74.1% at 0.7; with
 * 11,242 (about 100 questions a unit, most with their block) the vote knows more: 74.2% at 0.5,
 * 78.2% at 0.65, 78.8% at 0.8, 78.0% at 0.9, 76.8% at 1 (the vote alone); with the vote divided
 * by the block's number of questions (below) 79.2% at 0.7 and 0.8, 78.5% at 0.9.
 */
export const PASSAGE_BANK_SHARE = 0.8;
/** Key under which a block's term map counts its bank questions (no term has a space). */
const QUESTIONS_KEY = " questions";

/**
 * Ranks units for a question with three views fused: the unit-level BM25F (matcher), the nearest
 * questions of the paraphrase bank (best match per unit) and, when a trained model is given, the
 * unit model (unit-model.ts). Also picks the passage that answers.
 */
export class Ranker {
  /**
   * The bank's questions and the questions the handbook cannot answer, in one index: a question's
   * nearest answerable and nearest unanswerable questions are scored on the same terms, lengths and
   * idf, so the offTopicLead contrast compares like with like (two separate indexes let a one-word
   * question look far nearer to a short unanswerable question than to the bank's longer ones).
   */
  readonly questionIndex: QuestionIndex<StoredQuestion>;
  /** terms the bank's (answerable) questions use, for the share of unknown words */
  private readonly bankTerms = new Set<string>();
  readonly passages: PassageFinder;
  /** unit → block index (0-based) → idf-free term weights of the bank questions written for that block */
  private readonly blockTerms = new Map<string, Map<number, Map<string, number>>>();

  /**
   * `prebuilt`: what `snapshot()` gave for the same matcher and bank: the start-up then restores
   * the question index and the block votes instead of analysing the bank again.
   */
  constructor(
    readonly matcher: Matcher,
    bank: Bank = EMPTY_BANK,
    prebuilt?: RankerSnapshot,
  ) {
    const own = matcher.knowledge.units.flatMap((u) => u.questions.map((q) => ({ unit: u.id, q })));
    const answerable: IndexedQuestion[] = [...bank.questions, ...own];
    const stored = [...answerable, ...bank.unanswerable];
    this.passages = new PassageFinder(matcher.analyzer, (t) => matcher.idf(t));
    if (prebuilt) {
      this.questionIndex = new QuestionIndex<StoredQuestion>(stored, matcher, prebuilt.questions);
      for (const term of prebuilt.bankTerms) this.bankTerms.add(term);
      for (const [unit, blocks] of Object.entries(prebuilt.blockTerms))
        this.blockTerms.set(unit, new Map(blocks.map(([block, terms]) => [block, new Map(terms)])));
      return;
    }
    this.questionIndex = new QuestionIndex<StoredQuestion>(stored, matcher);
    for (const q of answerable) for (const t of storedTerms(matcher, q.q)) this.bankTerms.add(t.term);
    for (const q of bank.questions) {
      if (q.block === undefined) continue;
      const blocks = this.blockTerms.get(q.unit) ?? new Map<number, Map<string, number>>();
      const terms = blocks.get(q.block - 1) ?? new Map<string, number>();
      for (const term of new Set(storedTerms(matcher, q.q).map((t) => t.term)))
        terms.set(term, (terms.get(term) ?? 0) + 1);
      terms.set(QUESTIONS_KEY, (terms.get(QUESTIONS_KEY) ?? 0) + 1);
      blocks.set(q.block - 1, terms);
      this.blockTerms.set(q.unit, blocks);
    }
  }

  snapshot(): RankerSnapshot {
    return {
      questions: this.questionIndex.snapshot(),
      bankTerms: [...this.bankTerms],
      blockTerms: Object.fromEntries(
        [...this.blockTerms].map(([unit, blocks]) => [unit, [...blocks].map(([block, terms]) => [block, [...terms]])]),
      ),
    };
  }

  /**
   * `models`: the trained models that ship with the confidence model: the word model for the
   * wordEvidence feature (0 without) and the unit model, a third ranking fused with the other two.
   * `terms`: the question's terms, when the caller has them already (matcher.queryTerms).
   */
  analyze(
    question: string,
    models: { words?: WordModel | undefined; units?: UnitModel | undefined } = {},
    terms: Term[] = this.matcher.queryTerms(question),
  ): Analysis {
    const { ranked } = this.matcher.search(question, terms);
    const hits = this.questionIndex.search(terms, QUESTION_HITS);
    const bankUnits = perUnit(hits.filter((h): h is QuestionHit<IndexedQuestion> => "unit" in h.item));
    const unitList = ranked.map((r) => ({ id: r.unit.id, score: r.score }));
    const bankList = bankUnits.map((b) => ({ id: b.unit, score: b.score }));
    const rankedById = new Map(ranked.map((r) => [r.unit.id, r]));
    const bankById = new Map(bankUnits.map((b) => [b.unit, b]));
    const form = formTerms(question);
    // a model trained before a unit was removed may still name it: only units the knowledge has
    const modelList = unitScores(models.units, [...terms, ...form])
      .filter((s) => this.matcher.knowledge.byId.has(s.id))
      .slice(0, MODEL_UNITS);
    const top = maxFused(FUSION, modelList.length > 0);
    const fused = fuse(unitList, bankList, FUSION, modelList).map((f) => ({
      unit: this.matcher.knowledge.byId.get(f.id)!,
      score: f.score / top,
      ranked: rankedById.get(f.id),
      bank: bankById.get(f.id),
    }));

    const words = terms.filter((t) => t.weight >= 0.8 && !t.term.startsWith(CONCEPT_PREFIX));
    const unknown = words.filter((t) => !this.matcher.knows(t.term) && !this.bankTerms.has(t.term)).length;
    const first = fused[0];
    const second = fused[1];
    const concepts = new Set(terms.filter((t) => t.term.startsWith(CONCEPT_PREFIX)).map((t) => t.term));
    const offTopic = hits
      .filter((h): h is QuestionHit<OffTopicQuestion> => !("unit" in h.item))
      .slice(0, OFF_TOPIC_NEIGHBOURS);
    const features: Features = {
      unitScore: Math.log1p(first?.ranked?.score ?? 0),
      topical: first?.ranked?.topical ?? 0,
      bankSimilarity: bankUnits[0]?.similarity ?? 0,
      margin: first && second ? (first.score - second.score) / first.score : first ? 1 : 0,
      unknown: words.length ? unknown / words.length : 1,
      conceptHit: first && this.matcher.concepts.unitTerms(first.unit.id).some((t) => concepts.has(t.term)) ? 1 : 0,
      offTopicLead: (offTopic[0]?.similarity ?? 0) - (bankUnits[0]?.similarity ?? 0),
      wordEvidence: wordEvidence(models.words, [...terms, ...form]),
    };
    return { terms, fused, unitList, bankList, modelList, features, offTopic, contentWords: words.length };
  }

  /**
   * The passages of a unit that answer the question, best first: each block's word overlap with
   * the question, blended with how well the question matches the bank questions written for each
   * block (their terms pooled per block).
   */
  passagesFor(unit: Unit, analysis: Pick<Analysis, "terms">, max = 2, bankShare = PASSAGE_BANK_SHARE): string[] {
    const weights = new Map(analysis.terms.map((t) => [t.term, t.weight]));
    const blocks = this.passages.scores(unit.id, unit.body, weights);
    if (blocks.length === 0) return [];
    // The bank's vote: how well the question matches the questions written for each block.
    const votes = new Array<number>(blocks.length).fill(0);
    const labelled = this.blockTerms.get(unit.id);
    if (labelled) {
      for (const [index, terms] of labelled) {
        if (index >= blocks.length) continue;
        let score = 0;
        for (const t of analysis.terms) {
          const n = terms.get(t.term);
          if (n) score += t.weight * this.matcher.idf(t.term) * (n / (n + 1));
        }
        // over the number of the block's questions (with 11,242 questions: passage@1 79.2% against
        // 78.8% over its square root, 78.4% over its 0.3th power)
        votes[index] = score / (terms.get(QUESTIONS_KEY) ?? 1);
      }
    }
    const maxVote = Math.max(...votes);
    const maxOverlap = Math.max(...blocks.map((b) => b.score));
    const share = maxVote > 0 ? bankShare : 0;
    const combined = blocks.map((b, i) => ({
      text: b.text,
      index: i,
      score:
        (maxVote > 0 ? (share * votes[i]!) / maxVote : 0) + (maxOverlap > 0 ? ((1 - share) * b.score) / maxOverlap : 0),
    }));
    const sorted = combined.sort((a, b) => b.score - a.score || a.index - b.index);
    const best = sorted[0]!;
    if (best.score === 0) return [best.text];
    return sorted
      .slice(0, max)
      .filter((s) => s.score >= best.score * 0.75)
      .map((s) => s.text);
  }
}
