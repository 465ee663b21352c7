import type { Term } from "./analyzer.ts";

/** A searchable field: its weight in the ranking and its length normalisation (BM25 b). */
export interface FieldSpec {
  weight: number;
  b: number;
}

export type Fields<F extends string> = Record<F, Term[]>;

interface Posting {
  doc: number;
  /** weighted term frequency per field, in field order */
  tf: number[];
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
  private readonly fieldNames: F[];
  private readonly specs: FieldSpec[];
  private readonly postings = new Map<string, Posting[]>();
  private readonly lengths: number[][] = [];
  private readonly averages: number[];
  private readonly idfs = new Map<string, number>();
  readonly size: number;

  private readonly topicalMask: boolean[];

  constructor(
    specs: Record<F, FieldSpec>,
    docs: readonly Fields<F>[],
    topicalFields: readonly F[],
    private readonly k1 = 1.2,
  ) {
    this.fieldNames = Object.keys(specs) as F[];
    this.topicalMask = this.fieldNames.map((f) => topicalFields.includes(f));
    this.specs = this.fieldNames.map((f) => specs[f]);
    this.size = docs.length;
    const totals = this.fieldNames.map(() => 0);
    docs.forEach((doc, d) => {
      const lengths = new Array<number>(this.fieldNames.length).fill(0);
      const perTerm = new Map<string, number[]>();
      this.fieldNames.forEach((field, f) => {
        for (const { term, weight } of doc[field]) {
          let tf = perTerm.get(term);
          if (!tf) perTerm.set(term, (tf = new Array<number>(this.fieldNames.length).fill(0)));
          tf[f]! += weight;
          lengths[f]! += weight;
        }
        totals[f]! += lengths[f]!;
      });
      this.lengths.push(lengths);
      for (const [term, tf] of perTerm) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc: d, tf });
      }
    });
    this.averages = totals.map((t) => Math.max(t / Math.max(docs.length, 1), 1e-9));
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

  search(query: readonly Term[]): Hit[] {
    const scores = new Map<number, Hit>();
    for (const { term, weight } of query) {
      const list = this.postings.get(term);
      if (!list) continue;
      const idf = this.idf(term);
      for (const { doc, tf } of list) {
        let pseudo = 0;
        let topical = false;
        const lengths = this.lengths[doc]!;
        for (let f = 0; f < tf.length; f++) {
          const freq = tf[f]!;
          if (freq === 0) continue;
          topical ||= this.topicalMask[f]!;
          const spec = this.specs[f]!;
          pseudo += (spec.weight * freq) / (1 - spec.b + (spec.b * lengths[f]!) / this.averages[f]!);
        }
        const gain = weight * idf * (pseudo / (this.k1 + pseudo));
        const hit = scores.get(doc);
        const share = weight * idf;
        if (hit) {
          hit.score += gain;
          if (topical) hit.topical += share;
        } else scores.set(doc, { doc, score: gain, topical: topical ? share : 0 });
      }
    }
    return [...scores.values()].sort((a, b) => b.score - a.score);
  }
}
