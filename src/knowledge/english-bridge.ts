import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "./yaml-cache.ts";
import type { z } from "zod";
import { Analyzer } from "../search/analyzer.ts";
import { normalizePhrase, rawTokens } from "../search/normalize.ts";
import { stem } from "../search/stem.ts";
import { STOP_WORDS } from "../search/stopwords.ts";
import { Synonyms, synonymsFileSchema } from "../search/synonyms.ts";
import type { Knowledge } from "./load.ts";

type SynonymsFile = z.infer<typeof synonymsFileSchema>;

/**
 * English keys that the handbook itself uses, in the same sense: rewriting them changes no Dutch
 * meaning. Every other key of the English bridge must not be a word of the handbook.
 */
export const ENGLISH_KEYS_IN_THE_HANDBOOK: Readonly<Record<string, string>> = {
  manager: "Dutch loanword, same meaning (kept as it was: the bridge maps it to itself)",
  conflict: "same word in Dutch (kept as it was: the bridge maps it to itself)",
  budget: "same word in Dutch, rewritten to the canonical begroting",
  new: "only in New Public Management / New Public Governance",
  shared: "only in shared service centrum, which the bridge keeps as it is",
  service: "only in shared service centrum, which the bridge keeps as it is",
  "shared service centrum": "kept as it is, so that shared and service are not rewritten inside it",
  implementation: "only in the title of an English book the handbook cites",
  but: "only in the English 'last but not least'",
};

/**
 * Common Dutch words that are also English words with another meaning. The handbook may not use
 * them, but Dutch questions do: none may be a key of the English bridge.
 */
export const DUTCH_FALSE_FRIENDS: ReadonlySet<string> = new Set(
  `over die men been hard want is land door kind room look let put last begin fit big brave patient arm boot
brand gift lid lust mist pet rot slim spit stout strand wet worst hoop ramp stem team start week test plan
project hand help as bad kin`
    .split(/\s+/)
    .filter(Boolean),
);

/** knowledge/synonyms.yaml as written (the schema's errors are reported by loadSynonyms). */
export function readSynonymsFile(knowledgeDir: string): SynonymsFile {
  return synonymsFileSchema.parse(parseYaml(readFileSync(join(knowledgeDir, "synonyms.yaml"), "utf8")));
}

export interface BridgeProblem {
  key: string;
  message: string;
}

function handbookTexts(knowledge: Knowledge): string[] {
  return knowledge.units.flatMap((u) => [
    u.title,
    u.summary,
    ...u.questions,
    ...u.keywords,
    u.part ?? "",
    u.chapter ?? "",
    u.body,
  ]);
}

/**
 * Checks the `english` section of synonyms.yaml against the handbook:
 * - a key may not be a Dutch word (a word of the handbook, a stop word or a known false friend),
 *   nor a phrase the handbook writes, unless listed in ENGLISH_KEYS_IN_THE_HANDBOOK: the bridge
 *   rewrites every text, so such a key would change Dutch questions;
 * - every word of a replacement must be in the form the handbook is indexed in (the rewrite is not
 *   applied twice: a canonical variant such as "raadslid" would never match) and must be a word of
 *   the handbook, or the English word reaches nothing.
 */
export function checkEnglishBridge(file: SynonymsFile, knowledge: Knowledge): BridgeProblem[] {
  const problems: BridgeProblem[] = [];
  const texts = handbookTexts(knowledge);
  const words = new Set<string>();
  const sentences: string[] = [];
  for (const text of texts) {
    const tokens = rawTokens(text).map((t) => t.norm);
    for (const token of tokens) words.add(token);
    sentences.push(` ${tokens.join(" ")} `);
  }
  const inHandbook = (normal: string) =>
    normal.includes(" ") ? sentences.some((s) => s.includes(` ${normal} `)) : words.has(normal);
  const synonyms = new Synonyms(file);
  const analyzer = new Analyzer(synonyms);
  const stems = new Set(texts.flatMap((t) => analyzer.words(t).map(stem)));

  for (const [key, replacement] of Object.entries(file.english)) {
    const normal = normalizePhrase(key);
    const excepted = normal in ENGLISH_KEYS_IN_THE_HANDBOOK;
    if (!normal.includes(" ")) {
      if (DUTCH_FALSE_FRIENDS.has(normal) || STOP_WORDS.has(normal))
        problems.push({ key, message: `"${normal}" is a Dutch (or stop) word: Dutch questions would be rewritten` });
      else if (inHandbook(normal) && !excepted)
        problems.push({ key, message: `the handbook uses "${normal}": Dutch questions would be rewritten` });
    } else if (inHandbook(normal) && !excepted) {
      problems.push({ key, message: `the handbook writes "${normal}": its text would be rewritten` });
    }
    // The handbook's own text is indexed as the synonyms rewrite it: the replacement must be in that form.
    const written = normalizePhrase(replacement);
    const indexed = synonyms.rewrite(rawTokens(written)).join(" ");
    if (indexed !== written)
      problems.push({ key, message: `"${written}" is rewritten to "${indexed}" elsewhere: write the canonical term` });
    for (const word of written.split(" ")) {
      if (word.length > 1 && !STOP_WORDS.has(word) && !stems.has(stem(word)))
        problems.push({
          key,
          message: `"${word}" is not a word of the handbook: the English word would reach nothing`,
        });
    }
  }
  const keys = new Set(Object.keys(file.english).map(normalizePhrase));
  for (const key of Object.keys(ENGLISH_KEYS_IN_THE_HANDBOOK))
    if (!keys.has(key) || !inHandbook(key))
      problems.push({ key, message: "listed as an exception but no longer a key the handbook uses: remove it" });
  return problems;
}
