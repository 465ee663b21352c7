/** One line of a reply's lead text: a paragraph or a bullet. Renderers give each its own element. */
export interface Line {
  kind: "paragraph" | "bullet";
  text: string;
}

/**
 * The lead text as lines: every non-empty line is its own paragraph, lines starting with "- " or "• "
 * are bullets. So no client can run two sentences that were meant as separate lines together.
 */
export function linesOf(text: string): Line[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (/^[-\u2022] /.test(l) ? { kind: "bullet", text: l.slice(2).trim() } : { kind: "paragraph", text: l }));
}

/** A passage from the handbook without its own list mark (the renderers add theirs). */
export function passageText(passage: string): string {
  return passage.replace(/^[-\u2022]\s+/, "").trim();
}
