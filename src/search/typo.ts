import Fuse from "fuse.js";

/**
 * Corrects misspelled question words against the handbook's vocabulary with fuse.js. Words are
 * bucketed by first letter and length so each lookup searches a few hundred words, not thousands.
 */
export class TypoCorrector {
  private readonly buckets = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    words: Iterable<string>,
    private readonly threshold = 0.26,
  ) {
    const grouped = new Map<string, string[]>();
    for (const word of words) {
      if (word.length < 5 || /\d/.test(word)) continue;
      const key = word[0]!;
      grouped.set(key, [...(grouped.get(key) ?? []), word]);
    }
    for (const [key, list] of grouped) {
      this.buckets.set(
        key,
        new Fuse(list, { includeScore: true, threshold, ignoreLocation: true, minMatchCharLength: 3 }),
      );
    }
  }

  /** The closest vocabulary word, or undefined when none is close enough. */
  correct(word: string): string | undefined {
    if (word.length < 5) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const fuse = this.buckets.get(word[0]!);
    const best = fuse
      ?.search(word, { limit: 8 })
      .filter((r) => Math.abs(r.item.length - word.length) <= 2)
      .sort((a, b) => (a.score ?? 1) - (b.score ?? 1))[0];
    const result = best && (best.score ?? 1) <= this.threshold ? best.item : null;
    if (this.cache.size < 50_000) this.cache.set(word, result);
    return result ?? undefined;
  }
}
