import { stemmer } from "@orama/stemmers/dutch";

const cache = new Map<string, string>();

/** Dutch Snowball stem of an analyzer-form word (cached: the vocabulary is small). */
export function stem(word: string): string {
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = /^\d+$/.test(word) ? word : stemmer(word);
    if (cache.size < 200_000) cache.set(word, stemmed);
  }
  return stemmed;
}
