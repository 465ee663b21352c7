import Fuse from "fuse.js";

/**
 * Corrects misspelled question words against the handbook's vocabulary with fuse.js. Words are
 * bucketed by first letter so each lookup searches a few hundred words, not thousands; a bucket's
 * fuse.js index is built on its first lookup (building them all took a fifth of the index build).
 */
export class TypoCorrector {
  private readonly grouped = new Map<string, string[]>();
  private readonly buckets = new Map<string, Fuse<string>>();
  private readonly cache = new Map<string, string | null>();

  constructor(
    words: Iterable<string>,
    private readonly threshold = 0.26,
  ) {
    for (const word of words) {
      if (word.length < 5 || /\d/.test(word)) continue;
      const list = this.grouped.get(word[0]!);
      if (list) list.push(word);
      else this.grouped.set(word[0]!, [word]);
    }
  }

  private bucket(key: string): Fuse<string> | undefined {
    let fuse = this.buckets.get(key);
    const list = this.grouped.get(key);
    if (!fuse && list) {
      fuse = new Fuse(list, {
        includeScore: true,
        threshold: this.threshold,
        ignoreLocation: true,
        minMatchCharLength: 3,
      });
      this.buckets.set(key, fuse);
    }
    return fuse;
  }

  /** The closest vocabulary word, or undefined when none is close enough. */
  correct(word: string): string | undefined {
    if (word.length < 5) return undefined;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached ?? undefined;
    const fuse = this.bucket(word[0]!);
    const best = fuse
      ?.search(word, { limit: 8 })
      .filter((r) => Math.abs(r.item.length - word.length) <= 2)
      .sort((a, b) => (a.score ?? 1) - (b.score ?? 1))[0];
    const result = best && (best.score ?? 1) <= this.threshold ? best.item : null;
    if (this.cache.size < 50_000) this.cache.set(word, result);
    return result ?? undefined;
  }
}
