/**
 * Splits Dutch compounds against a vocabulary of words that stand on their own in the handbook:
 * "organisatieontwikkeling" → organisatie + ontwikkeling, "collegeonderhandelingen" → college +
 * onderhandelingen, "samenwerkingsverband" → samenwerking(s) + verband. Parts are at least MIN_PART
 * letters; a linking "s" or "e(n)" between parts is allowed. Returns [] when no full split exists.
 */
const MIN_PART = 4;
const MIN_WORD = 8;
const LINKS = ["", "s", "e", "en"];
/** Splits remembered; a question's words are not bounded, the memory is. */
const CACHE_LIMIT = 50_000;

export class Decompounder {
  private readonly cache = new Map<string, string[]>();

  constructor(private readonly isWord: (word: string) => boolean) {}

  split(word: string): string[] {
    if (word.length < MIN_WORD || /\d/.test(word)) return [];
    let parts = this.cache.get(word);
    if (parts === undefined) {
      parts = this.search(word, 0) ?? [];
      if (parts.length < 2) parts = [];
      if (this.cache.size < CACHE_LIMIT) this.cache.set(word, parts);
    }
    return parts;
  }

  /** Longest head first; the tail must be a word or split further (at most three parts). */
  private search(word: string, depth: number): string[] | undefined {
    for (let cut = word.length - MIN_PART; cut >= MIN_PART; cut--) {
      const head = word.slice(0, cut);
      if (!this.isWord(head)) continue;
      for (const link of LINKS) {
        const rest = word.slice(cut);
        if (!rest.startsWith(link)) continue;
        const tail = rest.slice(link.length);
        if (tail.length < MIN_PART) continue;
        if (this.isWord(tail)) return [head, tail];
        if (depth < 1) {
          const more = this.search(tail, depth + 1);
          if (more) return [head, ...more];
        }
      }
    }
    return undefined;
  }
}
