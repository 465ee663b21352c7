import { Decompounder } from "./decompound.ts";
import { rawTokens } from "./normalize.ts";
import { stem } from "./stem.ts";
import { STOP_WORDS } from "./stopwords.ts";
import type { Synonyms } from "./synonyms.ts";
import { TypoCorrector } from "./typo.ts";

/** A search term (a Dutch stem) with the weight it carries in a document or question. */
export interface Term {
  term: string;
  weight: number;
}

/** Weights of derived terms, relative to a word as written (1). */
export const PART_WEIGHT = 0.5;
export const RELATED_WEIGHT = 0.35;
export const CORRECTED_WEIGHT = 0.8;
/**
 * A question's compound that the handbook lacks but that splits into words the handbook or the
 * bank uses ("integriteitsmelding" → integriteit + melding): the compound and its parts at this
 * weight, below CORRECTED_WEIGHT, so the word counts through its parts and not as an unknown word.
 */
export const SPLIT_WEIGHT = 0.75;

function merge(terms: Term[]): Term[] {
  const best = new Map<string, number>();
  for (const { term, weight } of terms) best.set(term, Math.max(best.get(term) ?? 0, weight));
  return [...best].map(([term, weight]) => ({ term, weight }));
}

/**
 * The Dutch analyzer: normalisation, domain synonyms and the English bridge, stop words,
 * Snowball stemming, decompounding against the handbook's vocabulary and, for questions,
 * typo correction and related terms.
 */
export class Analyzer {
  private vocabulary: ReadonlySet<string> = new Set();
  private decompounder = new Decompounder(() => false);
  /** for questions: splits against the handbook's words and the bank's */
  private queryDecompounder = new Decompounder(() => false);
  private typos: TypoCorrector | undefined;

  constructor(private readonly synonyms: Synonyms) {}

  /** Content words of a text in analyzer form: rewritten by the synonyms, stop words removed. */
  words(text: string): string[] {
    return this.synonyms
      .rewrite(rawTokens(text))
      .flatMap((w) => w.split(" "))
      .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  }

  /**
   * Teaches the analyzer the handbook's words, for decompounding and typo correction, and the
   * bank's (`parts`), which a question's compound may also be made of.
   */
  learn(words: Iterable<string>, parts: Iterable<string> = []): void {
    const learnable = (word: string) => word.length >= 4 && !/^\d+$/.test(word);
    const vocabulary = new Set<string>();
    for (const word of words) if (learnable(word)) vocabulary.add(word);
    this.vocabulary = vocabulary;
    this.decompounder = new Decompounder((w) => vocabulary.has(w));
    const partWords = new Set<string>();
    for (const word of parts) if (learnable(word) && !vocabulary.has(word)) partWords.add(word);
    this.queryDecompounder = new Decompounder((w) => vocabulary.has(w) || partWords.has(w));
    this.typos = new TypoCorrector(vocabulary);
  }

  /** Terms of a handbook text: each word's stem, plus its compound parts at a lower weight. */
  documentTerms(text: string): Term[] {
    return this.termsOfWords(this.words(text));
  }

  /** `documentTerms` of a text already split by `words` (the index build splits each text once). */
  termsOfWords(words: readonly string[]): Term[] {
    const terms: Term[] = [];
    for (const word of words) {
      terms.push({ term: stem(word), weight: 1 });
      for (const part of this.decompounder.split(word)) terms.push({ term: stem(part), weight: PART_WEIGHT });
    }
    return terms;
  }

  /** Terms of a question: corrected, stemmed, decompounded, and widened with related words. */
  queryTerms(text: string): Term[] {
    const terms: Term[] = [];
    for (const written of this.words(text)) {
      let word = written;
      let weight = 1;
      if (!this.vocabulary.has(word) && this.decompounder.split(word).length === 0) {
        const parts = this.queryDecompounder.split(word);
        if (parts.length > 0) {
          terms.push({ term: stem(word), weight: SPLIT_WEIGHT });
          for (const part of parts) terms.push({ term: stem(part), weight: SPLIT_WEIGHT });
          continue;
        }
        const corrected = this.typos?.correct(word);
        if (corrected) {
          word = corrected;
          weight = CORRECTED_WEIGHT;
        }
      }
      terms.push({ term: stem(word), weight });
      for (const part of this.decompounder.split(word)) terms.push({ term: stem(part), weight: weight * PART_WEIGHT });
      for (const related of this.synonyms.related.get(word) ?? []) {
        for (const r of related.split(" ")) terms.push({ term: stem(r), weight: weight * RELATED_WEIGHT });
      }
    }
    return merge(terms);
  }
}
