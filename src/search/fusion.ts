/**
 * Fusing two rankings of units: the unit-level BM25F and the best bank question per unit.
 *
 * Linear: each list's scores divided by that list's best, summed (weight 1:1). Reciprocal-rank
 * fusion (Cormack et al. 2009: Σ w / (k + rank)) needs no score scaling at all, but throws away
 * how far apart the scores are; in cross-validation the linear sum ranked better (hit@1 55% against
 * 52% for RRF k=10), so it is used, and RRF stays for the comparison in `npm run eval -- --cv`.
 */
export interface Scored {
  id: string;
  score: number;
}

export interface FusionOptions {
  method: "rrf" | "linear";
  /** RRF's constant: larger flattens the difference between ranks */
  k: number;
  /** weight of the bank list against the unit list (1 = equal) */
  bankWeight: number;
  /** weight of the unit model's list (unit-model.ts), when there is one */
  modelWeight?: number | undefined;
}

/**
 * Chosen by 5-fold cross-validation (`npm run eval -- --cv` prints every method side by side). The
 * unit model's weight went from 0.7 to 1 when the bank grew to 7,326 questions: 60.4% / 77.2% at
 * top 1 / top 3 against 60.1% / 76.8% (with 6,216 questions the two were even, 61.7% at top 1).
 */
export const FUSION: FusionOptions = {
  method: "linear",
  k: 0,
  bankWeight: 1,
  modelWeight: 1,
};

/** Lists best first; returns every unit of either list with its fused score, best first. */
export function fuse(
  units: readonly Scored[],
  bank: readonly Scored[],
  options: FusionOptions = FUSION,
  model: readonly Scored[] = [],
): Scored[] {
  const fused = new Map<string, number>();
  const add = (list: readonly Scored[], weight: number) => {
    const best = list[0]?.score ?? 0;
    list.forEach((item, rank) => {
      const gain =
        options.method === "rrf" ? weight / (options.k + rank + 1) : best > 0 ? (weight * item.score) / best : 0;
      fused.set(item.id, (fused.get(item.id) ?? 0) + gain);
    });
  };
  add(units, 1);
  add(bank, options.bankWeight);
  if (model.length) add(model, options.modelWeight ?? 0);
  return [...fused].map(([id, score]) => ({ id, score })).sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

/** The highest score fusion can give (a unit first in every list), to report fused scores on a 0–1 scale. */
export function maxFused(options: FusionOptions = FUSION, withModel = false): number {
  const total = 1 + options.bankWeight + (withModel ? (options.modelWeight ?? 0) : 0);
  return options.method === "rrf" ? total / (options.k + 1) : total;
}
