import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseYaml } from "../knowledge/yaml-cache.ts";
import { z } from "zod";
import { normalizePhrase, rawTokens, type RawToken } from "./normalize.ts";

const phrase = z.string().trim().min(1);
export const synonymsFileSchema = z
  .object({
    canonical: z.record(phrase, z.array(phrase).min(1)),
    related: z.array(z.array(phrase).min(2)),
    english: z.record(phrase, phrase),
  })
  .strict();

interface Rule {
  words: string[];
  caseSensitive: boolean;
  replacement: string[];
}

/** The domain vocabulary: phrase rewriting (variants → canonical, English → Dutch) and related terms. */
export class Synonyms {
  private readonly rules = new Map<string, Rule[]>();
  private readonly maxLength: number;
  /** canonical word → words a question also searches, at a lower weight. */
  readonly related = new Map<string, Set<string>>();

  constructor(file: z.infer<typeof synonymsFileSchema>) {
    const add = (variant: string, replacement: string) => {
      const caseSensitive = /[A-Z]/.test(variant);
      const words = caseSensitive ? rawTokens(variant).map((t) => t.original) : normalizePhrase(variant).split(" ");
      const first = caseSensitive ? words[0]!.toLowerCase() : words[0]!;
      const rule = { words, caseSensitive, replacement: normalizePhrase(replacement).split(" ") };
      this.rules.set(first, [...(this.rules.get(first) ?? []), rule]);
    };
    for (const [english, dutch] of Object.entries(file.english)) add(english, dutch);
    for (const [canonical, variants] of Object.entries(file.canonical))
      for (const variant of variants) add(variant, canonical);
    for (const list of this.rules.values()) list.sort((a, b) => b.words.length - a.words.length);
    this.maxLength = Math.max(1, ...[...this.rules.values()].flat().map((r) => r.words.length));

    for (const group of file.related) {
      const words = group.map((g) => this.rewrite(rawTokens(g)).join(" "));
      for (const word of words) {
        const set = this.related.get(word) ?? new Set<string>();
        for (const other of words) if (other !== word) set.add(other);
        this.related.set(word, set);
      }
    }
  }

  /** Rewrites variants to canonical words, longest phrase first; returns analyzer-form words. */
  rewrite(tokens: readonly RawToken[]): string[] {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const rule = this.match(tokens, i);
      if (rule) {
        out.push(...rule.replacement);
        i += rule.words.length;
      } else {
        out.push(tokens[i]!.norm);
        i += 1;
      }
    }
    return out;
  }

  private match(tokens: readonly RawToken[], at: number): Rule | undefined {
    const candidates = this.rules.get(tokens[at]!.norm);
    if (!candidates) return undefined;
    return candidates.find(
      (rule) =>
        rule.words.length <= this.maxLength &&
        rule.words.every((word, k) => {
          const token = tokens[at + k];
          return token !== undefined && (rule.caseSensitive ? token.original === word : token.norm === word);
        }),
    );
  }
}

export function loadSynonyms(knowledgeDir: string): Synonyms {
  const path = join(knowledgeDir, "synonyms.yaml");
  const result = synonymsFileSchema.safeParse(parseYaml(readFileSync(path, "utf8")));
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new Error(`synonyms.yaml [${issue.path.join(".")}]: ${issue.message}`);
  }
  return new Synonyms(result.data);
}
