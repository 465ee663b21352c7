import type { Analyzer } from "./analyzer.ts";

/** Blocks of a unit body that can stand alone as a passage: bullets, or sentences of long paragraphs. */
export function blocksOf(body: string): string[] {
  const blocks: string[] = [];
  for (const paragraph of body.split(/\n\s*\n/)) {
    const lines = paragraph
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    if (lines.every((l) => l.startsWith("### ") || l.startsWith("|"))) continue;
    const bullets = lines.filter((l) => /^[-*\u2022] /.test(l));
    if (bullets.length === lines.length) {
      blocks.push(...bullets.map((b) => b.replace(/^[-*\u2022] /, "")));
      continue;
    }
    const text = lines.join(" ");
    if (text.length <= 600) {
      blocks.push(text.replace(/^[-*\u2022] /, ""));
      continue;
    }
    // A long essay paragraph: windows of up to three sentences.
    const sentences = text.match(/[^.!?]+(?:[.!?]+["\u201D\u2019]?|$)\s*/g) ?? [text];
    for (let i = 0; i < sentences.length; i += 3)
      blocks.push(
        sentences
          .slice(i, i + 3)
          .join("")
          .trim(),
      );
  }
  return blocks.filter((b) => b.length > 0);
}

interface Block {
  text: string;
  terms: string[];
}

/**
 * Finds the passages of a unit that matter most for a question: the blocks whose words overlap
 * the question most, weighted by how rare those words are; returned in the body's own order.
 * Each body is split and analysed once, then kept.
 */
export class PassageFinder {
  private readonly cache = new Map<string, Block[]>();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly idf: (term: string) => number,
  ) {}

  private blocks(unitId: string, body: string): Block[] {
    let blocks = this.cache.get(unitId);
    if (!blocks) {
      blocks = blocksOf(body).map((text) => ({
        text,
        terms: [...new Set(this.analyzer.documentTerms(text).map((t) => t.term))],
      }));
      this.cache.set(unitId, blocks);
    }
    return blocks;
  }

  /** Every block of the body with its overlap score for the question, in body order. */
  scores(unitId: string, body: string, questionTerms: ReadonlyMap<string, number>): { text: string; score: number }[] {
    return this.blocks(unitId, body).map((block) => {
      let score = 0;
      for (const term of block.terms) {
        const weight = questionTerms.get(term);
        if (weight !== undefined) score += weight * this.idf(term);
      }
      return { text: block.text, score: score / Math.sqrt(1 + block.text.length / 400) };
    });
  }

  best(unitId: string, body: string, questionTerms: ReadonlyMap<string, number>, max = 2): string[] {
    const blocks = this.blocks(unitId, body);
    if (blocks.length === 0) return [];
    const scored = this.scores(unitId, body, questionTerms).map((s, index) => ({
      block: blocks[index]!,
      index,
      score: s.score,
    }));
    const top = scored
      .filter((s) => s.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, max);
    if (top.length === 0) return [blocks[0]!.text];
    const best = top[0]!.score;
    return top
      .filter((s) => s.score >= best * 0.5)
      .sort((a, b) => a.index - b.index)
      .map((s) => s.block.text);
  }
}
