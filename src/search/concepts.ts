import type { Concept } from "../knowledge/bank.ts";
import type { Analyzer, Term } from "./analyzer.ts";
import { stem } from "./stem.ts";

/** Concept terms start with a character no analyzer stem has, so they never collide with a word. */
export const CONCEPT_PREFIX = "@";

/**
 * Phrase-level concepts (knowledge/concepts.yaml): a phrase matches a text when its analyzed words
 * (lower-case, no diacritics, synonyms rewritten, stop words dropped, stemmed) occur contiguously
 * in the analyzed text. A match adds the concept's term, which the units listed for the concept
 * carry in their own field of the index.
 */
export class ConceptMatcher {
  /** first stem of a phrase → the phrases starting with it (as stem sequences) and their concept term */
  private readonly byFirst = new Map<string, { stems: string[]; term: string }[]>();
  private readonly byUnit = new Map<string, string[]>();
  readonly size: number;

  constructor(
    concepts: readonly Concept[],
    private readonly analyzer: Analyzer,
  ) {
    this.size = concepts.length;
    for (const concept of concepts) {
      const term = conceptTerm(concept.name);
      for (const phrase of concept.phrases) {
        const stems = this.stems(phrase);
        if (stems.length === 0) continue;
        const list = this.byFirst.get(stems[0]!) ?? [];
        list.push({ stems, term });
        this.byFirst.set(stems[0]!, list);
      }
      for (const unit of concept.units) this.byUnit.set(unit, [...new Set([...(this.byUnit.get(unit) ?? []), term])]);
    }
  }

  private stems(text: string): string[] {
    return this.analyzer.words(text).map(stem);
  }

  /** The concept terms whose phrases occur in the text, each once. */
  match(text: string): string[] {
    if (this.byFirst.size === 0) return [];
    const stems = this.stems(text);
    const found = new Set<string>();
    stems.forEach((first, at) => {
      for (const { stems: phrase, term } of this.byFirst.get(first) ?? []) {
        if (phrase.every((s, k) => stems[at + k] === s)) found.add(term);
      }
    });
    return [...found];
  }

  /** The match as search terms, at full weight. */
  terms(text: string): Term[] {
    return this.match(text).map((term) => ({ term, weight: 1 }));
  }

  /** The concept terms a unit carries. */
  unitTerms(unitId: string): Term[] {
    return (this.byUnit.get(unitId) ?? []).map((term) => ({ term, weight: 1 }));
  }
}

export function conceptTerm(name: string): string {
  return CONCEPT_PREFIX + name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}
