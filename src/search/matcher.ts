import { type Bank, EMPTY_BANK } from "../knowledge/bank.ts";
import type { Knowledge } from "../knowledge/load.ts";
import type { Unit } from "../knowledge/schema.ts";
import { Analyzer, CORRECTED_WEIGHT, type Term } from "./analyzer.ts";
import { z } from "zod";
import { Bm25fIndex, Bm25fSnapshotSchema, type FieldSpec } from "./bm25f.ts";
import { storedTerms } from "./bank-index.ts";
import { ConceptMatcher } from "./concepts.ts";
import { stringList } from "./list-schemas.ts";
import type { Synonyms } from "./synonyms.ts";

type Field = "title" | "questions" | "keywords" | "summary" | "concepts" | "bank" | "chapter" | "body";

/** Field weights and length normalisation, chosen on the project's own calibration questions. */
export const FIELD_SPECS: Record<Field, FieldSpec> = {
  title: { weight: 3, b: 0.5 },
  questions: { weight: 3, b: 0.75 },
  keywords: { weight: 2.5, b: 0.5 },
  summary: { weight: 1.5, b: 0.75 },
  /** the phrase-level concepts of knowledge/concepts.yaml that list the unit */
  concepts: { weight: 3, b: 0 },
  /** the unit's paraphrase bank (knowledge/bank/), all questions together */
  bank: { weight: 2, b: 0.75 },
  chapter: { weight: 0.5, b: 0.3 },
  body: { weight: 0.7, b: 0.75 },
};

const TOPICAL_FIELDS: Field[] = ["title", "questions", "keywords", "summary", "concepts", "bank"];

/** Overview units (chapter introductions, forewords) rarely answer a concrete question by themselves. */
const KIND_PRIOR: Record<Unit["kind"], number> = {
  theme: 1,
  lesson: 1,
  agenda: 1,
  section: 0.9,
  "chapter-intro": 0.75,
};

export interface Ranked {
  unit: Unit;
  score: number;
  /** the same share counting only what the unit is about: title, summary, questions, keywords */
  topical: number;
}

/**
 * A built matcher as plain data: the handbook's vocabulary and the bank's other words (for the
 * analyzer) and the unit index.
 */
export const MatcherSnapshotSchema = z.object({
  vocabulary: stringList,
  parts: stringList,
  index: Bm25fSnapshotSchema,
});
export type MatcherSnapshot = z.infer<typeof MatcherSnapshotSchema>;

export interface Search {
  terms: Term[];
  ranked: Ranked[];
}

/** Ranks handbook units for a question with the Dutch analyzer and a BM25F index over all fields. */
export class Matcher {
  readonly analyzer: Analyzer;
  readonly concepts: ConceptMatcher;
  private readonly index: Bm25fIndex;
  /** the handbook's own words, as the analyzer learnt them */
  private readonly vocabulary: readonly string[];
  /** the bank's words the handbook lacks: parts a question's compound may be made of */
  private readonly parts: readonly string[];

  /**
   * `prebuilt`: what `snapshot()` gave for the same knowledge, synonyms and bank: the start-up then
   * restores the index instead of analysing every text again.
   */
  constructor(
    readonly knowledge: Knowledge,
    synonyms: Synonyms,
    bank: Pick<Bank, "questions" | "concepts"> = EMPTY_BANK,
    prebuilt?: MatcherSnapshot,
  ) {
    this.analyzer = new Analyzer(synonyms);
    this.concepts = new ConceptMatcher(bank.concepts, this.analyzer);
    if (prebuilt) {
      this.vocabulary = prebuilt.vocabulary;
      this.parts = prebuilt.parts;
      this.analyzer.learn(this.vocabulary, this.parts);
      this.index = Bm25fIndex.restore(prebuilt.index);
      if (this.index.size !== knowledge.units.length) throw new Error("the matcher snapshot holds other units");
      return;
    }
    const paraphrases = new Map<string, string[]>();
    for (const q of bank.questions) {
      const list = paraphrases.get(q.unit);
      if (list) list.push(q.q);
      else paraphrases.set(q.unit, [q.q]);
    }
    const texts = knowledge.units.map((u) => ({
      title: u.title,
      questions: u.questions.join("\n"),
      keywords: u.keywords.join("\n"),
      summary: u.summary,
      chapter: [u.part, u.chapter].filter(Boolean).join("\n"),
      body: u.body,
    }));
    // Each text is split into words once: for the vocabulary, then for its terms.
    const words = texts.map((t) => ({
      title: this.analyzer.words(t.title),
      questions: this.analyzer.words(t.questions),
      keywords: this.analyzer.words(t.keywords),
      summary: this.analyzer.words(t.summary),
      chapter: this.analyzer.words(t.chapter),
      body: this.analyzer.words(t.body),
    }));
    const vocabulary = new Set<string>();
    // The handbook's own words only: the bank's typos must stay typos to the corrector.
    for (const fields of words) for (const list of Object.values(fields)) for (const w of list) vocabulary.add(w);
    this.vocabulary = [...vocabulary];
    const parts = new Set<string>();
    for (const q of bank.questions) for (const w of this.analyzer.words(q.q)) if (!vocabulary.has(w)) parts.add(w);
    this.parts = [...parts];
    this.analyzer.learn(vocabulary, parts);
    const docs = words.map((w, d) => ({
      title: this.analyzer.termsOfWords(w.title),
      questions: this.analyzer.termsOfWords(w.questions),
      keywords: this.analyzer.termsOfWords(w.keywords),
      summary: this.analyzer.termsOfWords(w.summary),
      concepts: this.concepts.unitTerms(knowledge.units[d]!.id),
      bank: (paraphrases.get(knowledge.units[d]!.id) ?? []).flatMap((q) => storedTerms(this, q)),
      chapter: this.analyzer.termsOfWords(w.chapter),
      body: this.analyzer.termsOfWords(w.body),
    }));
    this.index = Bm25fIndex.build(FIELD_SPECS, docs, TOPICAL_FIELDS);
  }

  snapshot(): MatcherSnapshot {
    return { vocabulary: [...this.vocabulary], parts: [...this.parts], index: this.index.snapshot() };
  }

  idf(term: string): number {
    return this.index.idf(term);
  }

  /** Whether any unit uses the term. */
  knows(term: string): boolean {
    return this.index.has(term);
  }

  /** A question's terms: its words as the analyzer reads them, and the concepts its phrases name. */
  queryTerms(question: string): Term[] {
    return [...this.analyzer.queryTerms(question), ...this.concepts.terms(question)];
  }

  search(question: string, terms: Term[] = this.queryTerms(question)): Search {
    const primary = terms.filter((t) => t.weight >= CORRECTED_WEIGHT);
    const total = primary.reduce((sum, t) => sum + t.weight * this.index.idf(t.term), 0);
    const ranked = this.index
      .search(terms)
      .map((hit) => {
        const unit = this.knowledge.units[hit.doc]!;
        const share = (x: number) => (total > 0 ? Math.min(1, x / total) : 0);
        return {
          unit,
          score: hit.score * KIND_PRIOR[unit.kind],
          topical: share(hit.topical),
        };
      })
      .sort((a, b) => b.score - a.score);
    return { terms, ranked };
  }
}
