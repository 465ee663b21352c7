import { distance } from "fastest-levenshtein";
import Fuse from "fuse.js";

/** A correction may differ in length from the word by at most this many letters. */
const MAX_LENGTH_DIFFERENCE = 2;

/**
 * A correction is at most this many edits (insertions, deletions, substitutions) away: two, three
 * from ten letters on. fuse.js's score rewards a long shared stretch, so without this check a word
 * the handbook lacks was "corrected" to another with the same start ("integriteitsmelding" →
 * "integriteitsbeleid", six edits).
 */
export function maxEdits(word: string): number {
  return word.length >= 10 ? 3 : 2;
}

/**
 * Corrects misspelled question words against the handbook's vocabulary with fuse.js. Words are
 * bucketed by first letter and length, and a lookup searches only the buckets of the same first
 * letter within two letters of the word's length: some tens of words each, not thousands. A
 * bucket's fuse.js index is built on its first lookup (building them all took a fifth of the index
 * build).
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
      const key = `${word[0]}${word.length}`;
      const list = this.grouped.get(key);
      if (list) list.push(word);
      else this.grouped.set(key, [word]);
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
    let best: { item: string; score?: number | undefined } | undefined;
    for (let length = word.length - MAX_LENGTH_DIFFERENCE; length <= word.length + MAX_LENGTH_DIFFERENCE; length++) {
      const found = this.bucket(`${word[0]}${length}`)?.search(word, { limit: 1 })[0];
      if (found && (!best || (found.score ?? 1) < (best.score ?? 1))) best = found;
    }
    const result =
      best && (best.score ?? 1) <= this.threshold && distance(word, best.item) <= maxEdits(word) ? best.item : null;
    if (this.cache.size < 50_000) this.cache.set(word, result);
    return result ?? undefined;
  }
}
