import type { Term } from "./analyzer.ts";
import { Bm25fIndex, type Bm25fSnapshot } from "./bm25f.ts";
import type { Matcher } from "./matcher.ts";

/** Terms below this weight (related words, parts of corrected words) stay out of a question's document. */
const MIN_DOCUMENT_WEIGHT = 0.5;

export interface QuestionHit<T> {
  item: T;
  /** BM25 score of the question against this stored question */
  score: number;
  /** the score as a share of what the question's terms could reach at most: 0 to about 1 */
  similarity: number;
}

/**
 * A BM25 index over single questions (the paraphrase bank, or the questions the handbook cannot
 * answer). Stored questions are analysed as handbook text (compounds split, phrase concepts added).
 */
export class QuestionIndex<T extends { q: string }> {
  private readonly index: Bm25fIndex;

  /** `prebuilt`: the index as `snapshot()` gave it for the same items and knowledge (the start-up skips the build). */
  constructor(
    readonly items: readonly T[],
    matcher: Matcher,
    prebuilt?: Bm25fSnapshot,
  ) {
    if (prebuilt) {
      this.index = Bm25fIndex.restore(prebuilt);
      if (this.index.size !== items.length) throw new Error("the question index snapshot holds other questions");
      return;
    }
    // Stored questions are analysed as handbook text is (no typo correction: it costs a fuzzy lookup
    // a word and would make the index build slow), plus the concepts their phrases name.
    const docs = items.map((item) => ({ q: [...storedTerms(matcher, item.q), ...matcher.concepts.terms(item.q)] }));
    this.index = Bm25fIndex.build({ q: { weight: 1, b: 0.5 } }, docs, ["q"]);
  }

  snapshot(): Bm25fSnapshot {
    return this.index.snapshot();
  }

  has(term: string): boolean {
    return this.index.has(term);
  }

  /** Stored questions that share terms with the question, best first. */
  search(terms: readonly Term[], limit = 50): QuestionHit<T>[] {
    let reachable = 0;
    for (const t of terms) if (this.index.has(t.term)) reachable += t.weight * this.index.idf(t.term);
    // The most the question could score: every term it has, found at saturation (about 1 with these parameters).
    let possible = 0;
    for (const t of terms) if (t.weight >= MIN_DOCUMENT_WEIGHT) possible += t.weight * this.index.idf(t.term);
    const hits = this.index.search(terms, limit).slice(0, limit);
    const scale = Math.max(possible, reachable, 1e-9) * 0.6;
    return hits.map((h) => ({ item: this.items[h.doc]!, score: h.score, similarity: Math.min(1, h.score / scale) }));
  }
}

/** A bank question in the index: its unit, and the 1-based block of the unit's body that answers it, when known. */
export interface IndexedQuestion {
  unit: string;
  q: string;
  block?: number | undefined;
}

export interface UnitBankScore {
  unit: string;
  /** the summed scores of the unit's nearest stored questions (at most BANK_NEIGHBOURS) */
  score: number;
  similarity: number;
  /** the unit's hits, best first (for the passage vote) */
  hits: QuestionHit<IndexedQuestion>[];
}

/**
 * Stored questions per unit that count towards its bank score. The best single match alone is
 * noisy (one paraphrase sharing a word by chance wins); the sum of the nearest three rewards a unit
 * that several paraphrases point to (cross-validated: 47% against 38% at top 1 for the bank alone).
 */
export const BANK_NEIGHBOURS = 3;

/** The bank's view per unit: the sum of its nearest stored questions' scores. */
export function perUnit(hits: readonly QuestionHit<IndexedQuestion>[]): UnitBankScore[] {
  const byUnit = new Map<string, UnitBankScore>();
  for (const hit of hits) {
    const entry = byUnit.get(hit.item.unit);
    if (!entry)
      byUnit.set(hit.item.unit, { unit: hit.item.unit, score: hit.score, similarity: hit.similarity, hits: [hit] });
    else {
      if (entry.hits.length < BANK_NEIGHBOURS) entry.score += hit.score;
      entry.hits.push(hit);
    }
  }
  return [...byUnit.values()].sort((a, b) => b.score - a.score);
}

const analysed = new WeakMap<Matcher, Map<string, Term[]>>();

/** A stored question's document terms, analysed once per matcher (the bank field, the indexes and the block votes share them). */
export function storedTerms(matcher: Pick<Matcher, "analyzer">, text: string): Term[] {
  let cache = analysed.get(matcher as Matcher);
  if (!cache) analysed.set(matcher as Matcher, (cache = new Map()));
  let terms = cache.get(text);
  if (!terms) cache.set(text, (terms = matcher.analyzer.documentTerms(text)));
  return terms;
}
