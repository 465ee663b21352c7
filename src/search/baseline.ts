import Fuse from "fuse.js";
import type { Knowledge } from "../knowledge/load.ts";

/** The reference point from the design notes: fuse.js over title and body as the only engine. */
export class FuseBaseline {
  private readonly fuse: Fuse<{ id: string; title: string; body: string }>;

  constructor(knowledge: Knowledge) {
    this.fuse = new Fuse(
      knowledge.units.map((u) => ({ id: u.id, title: u.title, body: u.body })),
      {
        keys: [
          { name: "title", weight: 2 },
          { name: "body", weight: 1 },
        ],
        includeScore: true,
        ignoreLocation: true,
        threshold: 0.6,
      },
    );
  }

  search(question: string): { answered: boolean; results: { id: string; score: number }[] } {
    const results = this.fuse.search(question, { limit: 5 }).map((r) => ({ id: r.item.id, score: 1 - (r.score ?? 1) }));
    return { answered: results.length > 0, results };
  }
}
