/** A word of the input as written and in analyzer form (lowercase, no diacritics). */
export interface RawToken {
  original: string;
  norm: string;
}

/**
 * Splits text into tokens: diacritics removed, "B&W" / "P & O" joined to "benw" / "peno",
 * apostrophes dropped ("3D's" → "3ds", "z'n" → "zn"), hyphens and other punctuation split words.
 */
export function rawTokens(text: string): RawToken[] {
  // Each step only when the text has what it rewrites: most texts are plain ASCII without "&".
  let prepared = /[^\x00-\x7f]/.test(text) ? text.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : text;
  if (prepared.includes("&")) prepared = prepared.replace(/\b([A-Za-z])\s*&\s*([A-Za-z])\b/g, "$1en$2");
  if (/['\u2019\u2018`]/.test(prepared)) prepared = prepared.replace(/(\w)['\u2019\u2018`](\w)/g, "$1$2");
  const out: RawToken[] = [];
  for (const match of prepared.matchAll(/[A-Za-z0-9]+/g))
    out.push({ original: match[0], norm: match[0].toLowerCase() });
  return out;
}

/** Analyzer form of a single word or phrase, as used for vocabulary keys. */
export function normalizePhrase(text: string): string {
  return rawTokens(text)
    .map((t) => t.norm)
    .join(" ");
}
