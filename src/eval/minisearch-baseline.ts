import MiniSearch from "minisearch";
import type { Knowledge } from "../knowledge/load.ts";

/**
 * A plain BM25 baseline: MiniSearch over every unit's title, summary, keywords, questions and body
 * with its default tokenizer (no stemming, synonyms or bank), title boosted. Answers whenever it
 * finds anything. For the evaluation only (minisearch is a devDependency).
 */
export class MiniSearchBaseline {
  private readonly index = new MiniSearch<{ id: string; title: string; text: string; body: string }>({
    fields: ["title", "text", "body"],
    searchOptions: { boost: { title: 2, text: 1.5 } },
  });

  constructor(knowledge: Knowledge) {
    this.index.addAll(
      knowledge.units.map((u) => ({
        id: u.id,
        title: u.title,
        text: [u.summary, ...u.keywords, ...u.questions].join("\n"),
        body: u.body,
      })),
    );
  }

  search(question: string): { answered: boolean; results: { id: string; score: number }[] } {
    const results = this.index
      .search(question)
      .slice(0, 5)
      .map((r) => ({ id: String(r.id), score: r.score }));
    return { answered: results.length > 0, results };
  }
}
