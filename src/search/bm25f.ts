import type { Term } from "./analyzer.ts";

/** A searchable field: its weight in the ranking and its length normalisation (BM25 b). */
export interface FieldSpec {
  weight: number;
  b: number;
}

export type Fields<F extends string> = Record<F, Term[]>;

interface Posting {
  doc: number;
  /** the term's saturated pseudo-frequency in the document, pf / (k1 + pf): all a search needs */
  saturation: number;
  /** whether the term occurs in one of the topical fields */
  topical: boolean;
}

export interface Hit {
  doc: number;
  score: number;
  /** idf-weighted question terms found in the topical fields (what the document is about) */
  topical: number;
}

/**
 * A small BM25F index: per-field term frequencies are length-normalised and weighted, summed
 * into one pseudo-frequency per term, then saturated once (k1) and weighted by the term's idf.
 */
export class Bm25fIndex<F extends string> {
  private readonly postings = new Map<string, Posting[]>();
  private readonly idfs = new Map<string, number>();
  readonly size: number;

  constructor(specs: Record<F, FieldSpec>, docs: readonly Fields<F>[], topicalFields: readonly F[], k1 = 1.2) {
    const fieldNames = Object.keys(specs) as F[];
    const topicalMask = fieldNames.map((f) => topicalFields.includes(f));
    const fieldSpecs = fieldNames.map((f) => specs[f]);
    this.size = docs.length;
    // First pass: weighted term frequencies per field, and the field lengths.
    const counted = docs.map((doc) => {
      const lengths = new Array<number>(fieldNames.length).fill(0);
      const perTerm = new Map<string, number[]>();
      fieldNames.forEach((field, f) => {
        for (const { term, weight } of doc[field]) {
          let tf = perTerm.get(term);
          if (!tf) perTerm.set(term, (tf = new Array<number>(fieldNames.length).fill(0)));
          tf[f]! += weight;
          lengths[f]! += weight;
        }
      });
      return { lengths, perTerm };
    });
    const averages = fieldNames.map((_, f) =>
      Math.max(counted.reduce((sum, c) => sum + c.lengths[f]!, 0) / Math.max(docs.length, 1), 1e-9),
    );
    // Second pass: everything that does not depend on the question is computed once, here.
    counted.forEach(({ lengths, perTerm }, doc) => {
      for (const [term, tf] of perTerm) {
        let pseudo = 0;
        let topical = false;
        for (let f = 0; f < tf.length; f++) {
          const freq = tf[f]!;
          if (freq === 0) continue;
          topical ||= topicalMask[f]!;
          const spec = fieldSpecs[f]!;
          pseudo += (spec.weight * freq) / (1 - spec.b + (spec.b * lengths[f]!) / averages[f]!);
        }
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc, saturation: pseudo / (k1 + pseudo), topical });
      }
    });
    for (const [term, list] of this.postings)
      this.idfs.set(term, Math.log(1 + (this.size - list.length + 0.5) / (list.length + 0.5)));
  }

  /** The idf of a term; a term the handbook never uses gets the highest possible idf. */
  idf(term: string): number {
    return this.idfs.get(term) ?? Math.log(1 + (this.size + 0.5) / 0.5);
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Documents that share terms with the query, best first; with `limit`, only the best `limit` (ties included). */
  search(query: readonly Term[], limit = Infinity): Hit[] {
    const score = new Float64Array(this.size);
    const topical = new Float64Array(this.size);
    const seen = new Uint8Array(this.size);
    const touched: number[] = [];
    for (const { term, weight } of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const share = weight * this.idf(term);
      for (const { doc, saturation, topical: isTopical } of list) {
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
        score[doc]! += share * saturation;
        if (isTopical) topical[doc]! += share;
      }
    }
    let kept = touched;
    if (touched.length > limit) {
      // The limit-th best score, found on a typed array (a numeric sort, far cheaper than sorting hits).
      const scores = Float64Array.from(touched, (doc) => score[doc]!).sort();
      const floor = scores[scores.length - limit]!;
      kept = touched.filter((doc) => score[doc]! >= floor);
    }
    return kept.map((doc) => ({ doc, score: score[doc]!, topical: topical[doc]! })).sort((a, b) => b.score - a.score);
  }
}
