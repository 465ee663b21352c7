import { z } from "zod";
import type { Term } from "./analyzer.ts";
import { stringList } from "./list-schemas.ts";
import { pack, unpackFloat64, unpackUint32, unpackUint8 } from "./packed.ts";

/** A searchable field: its weight in the ranking and its length normalisation (BM25 b). */
export interface FieldSpec {
  weight: number;
  b: number;
}

export type Fields<F extends string> = Record<F, Term[]>;

export interface Hit {
  doc: number;
  score: number;
  /** idf-weighted question terms found in the topical fields (what the document is about) */
  topical: number;
}

/** A built index as plain data (dist/brain-index.json): the posting lists, packed. */
export const Bm25fSnapshotSchema = z.object({
  size: z.number().int().nonnegative(),
  terms: stringList,
  /** term t's postings are entries offsets[t] to offsets[t + 1] - 1 */
  offsets: z.string(),
  docs: z.string(),
  saturation: z.string(),
  topical: z.string(),
});
export type Bm25fSnapshot = z.infer<typeof Bm25fSnapshotSchema>;

/**
 * A small BM25F index: per-field term frequencies are length-normalised and weighted, summed
 * into one pseudo-frequency per term, then saturated once (k1) and weighted by the term's idf.
 *
 * The posting lists are held in four flat typed arrays (compressed sparse rows: a term's postings
 * are one range of them), not as an object per posting: a tenth of the memory, nothing for the
 * garbage collector to trace, and a snapshot that is the arrays themselves.
 */
export class Bm25fIndex {
  /** term → its row: the index of its range in `offsets` and of its idf */
  private readonly rows = new Map<string, number>();
  private readonly idfs: Float64Array;

  private constructor(
    readonly size: number,
    private readonly terms: readonly string[],
    private readonly offsets: Uint32Array,
    private readonly docs: Uint32Array,
    /** each posting's saturated pseudo-frequency in its document, pf / (k1 + pf): all a search needs */
    private readonly saturation: Float64Array,
    /** 1 when the posting's term occurs in one of the document's topical fields */
    private readonly topicalFlags: Uint8Array,
  ) {
    const postings = docs.length;
    if (
      offsets.length !== terms.length + 1 ||
      offsets[terms.length] !== postings ||
      saturation.length !== postings ||
      topicalFlags.length !== postings
    )
      throw new Error("inconsistent BM25F index: posting arrays do not match the terms");
    for (let p = 0; p < postings; p++)
      if (docs[p]! >= size) throw new Error("inconsistent BM25F index: a posting names a document it does not have");
    this.idfs = new Float64Array(terms.length);
    terms.forEach((term, row) => {
      this.rows.set(term, row);
      const n = offsets[row + 1]! - offsets[row]!;
      this.idfs[row] = Math.log(1 + (size - n + 0.5) / (n + 0.5));
    });
  }

  /** Builds the index of the documents' fields. */
  static build<F extends string>(
    specs: Record<F, FieldSpec>,
    docs: readonly Fields<F>[],
    topicalFields: readonly NoInfer<F>[],
    k1 = 1.2,
  ): Bm25fIndex {
    const fieldNames = Object.keys(specs) as F[];
    const topicalMask = fieldNames.map((f) => topicalFields.includes(f));
    const fieldSpecs = fieldNames.map((f) => specs[f]);
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
    // Lay-out: each term's row (in order of first use) and its number of postings, then the offsets.
    const rows = new Map<string, number>();
    const counts: number[] = [];
    for (const { perTerm } of counted)
      for (const term of perTerm.keys()) {
        const row = rows.get(term);
        if (row === undefined) {
          rows.set(term, counts.length);
          counts.push(1);
        } else counts[row]!++;
      }
    const offsets = new Uint32Array(counts.length + 1);
    for (let row = 0; row < counts.length; row++) offsets[row + 1] = offsets[row]! + counts[row]!;
    const total = offsets[counts.length]!;
    const flatDocs = new Uint32Array(total);
    const saturation = new Float64Array(total);
    const topical = new Uint8Array(total);
    const next = offsets.slice(0, counts.length);
    // Second pass: everything that does not depend on the question is computed once, here.
    counted.forEach(({ lengths, perTerm }, doc) => {
      for (const [term, tf] of perTerm) {
        let pseudo = 0;
        let isTopical = false;
        for (let f = 0; f < tf.length; f++) {
          const freq = tf[f]!;
          if (freq === 0) continue;
          isTopical ||= topicalMask[f]!;
          const spec = fieldSpecs[f]!;
          pseudo += (spec.weight * freq) / (1 - spec.b + (spec.b * lengths[f]!) / averages[f]!);
        }
        const p = next[rows.get(term)!]!++;
        flatDocs[p] = doc;
        saturation[p] = pseudo / (k1 + pseudo);
        topical[p] = isTopical ? 1 : 0;
      }
    });
    const terms = [...rows.keys()];
    return new Bm25fIndex(docs.length, terms, offsets, flatDocs, saturation, topical);
  }

  /** An index as `snapshot()` wrote it; throws when the arrays do not fit together. */
  static restore(snapshot: Bm25fSnapshot): Bm25fIndex {
    return new Bm25fIndex(
      snapshot.size,
      snapshot.terms,
      unpackUint32(snapshot.offsets),
      unpackUint32(snapshot.docs),
      unpackFloat64(snapshot.saturation),
      unpackUint8(snapshot.topical),
    );
  }

  snapshot(): Bm25fSnapshot {
    return {
      size: this.size,
      terms: [...this.terms],
      offsets: pack(this.offsets),
      docs: pack(this.docs),
      saturation: pack(this.saturation),
      topical: pack(this.topicalFlags),
    };
  }

  /** The idf of a term; a term the handbook never uses gets the highest possible idf. */
  idf(term: string): number {
    const row = this.rows.get(term);
    return row === undefined ? Math.log(1 + (this.size + 0.5) / 0.5) : this.idfs[row]!;
  }

  has(term: string): boolean {
    return this.rows.has(term);
  }

  /** Documents that share terms with the query, best first; with `limit`, only the best `limit` (ties included). */
  search(query: readonly Term[], limit = Infinity): Hit[] {
    const score = new Float64Array(this.size);
    const topical = new Float64Array(this.size);
    const seen = new Uint8Array(this.size);
    const touched: number[] = [];
    for (const { term, weight } of query) {
      const row = this.rows.get(term);
      if (row === undefined) continue;
      const share = weight * this.idfs[row]!;
      for (let p = this.offsets[row]!, end = this.offsets[row + 1]!; p < end; p++) {
        const doc = this.docs[p]!;
        if (seen[doc] === 0) {
          seen[doc] = 1;
          touched.push(doc);
        }
        score[doc]! += share * this.saturation[p]!;
        if (this.topicalFlags[p] === 1) topical[doc]! += share;
      }
    }
    let kept = touched;
    if (touched.length > limit) {
      // The limit-th best score, selected on a typed array (far cheaper than sorting the hits).
      const scores = new Float64Array(touched.length);
      for (let i = 0; i < touched.length; i++) scores[i] = score[touched[i]!]!;
      const floor = kthLargest(scores, limit);
      kept = touched.filter((doc) => score[doc]! >= floor);
    }
    return kept.map((doc) => ({ doc, score: score[doc]!, topical: topical[doc]! })).sort((a, b) => b.score - a.score);
  }
}

/** The k-th largest value (1-based) of the array, which it reorders: quickselect (Hoare), O(n) on average. */
export function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! > pivot) i++;
      while (values[j]! < pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i] = values[j]!;
        values[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target]!;
}
