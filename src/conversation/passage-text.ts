/**
 * A passage as a reader sees it: no markdown heading in it, starting at the start of a sentence or
 * a bullet and ending at the end of one. The search cuts long paragraphs into windows of sentences
 * (search/passages.ts), and a title such as "Uitvoering op z'n kop!" or an abbreviation such as
 * "e.a." can look like a sentence's end; here the window is widened to the real sentence, from the
 * unit's own body. The blocks' numbering (which the paraphrase bank refers to) is left alone.
 */

const BULLET = /^[-*\u2022]\s+/;
const HEADING_LINE = /^#{1,6}\s+.*$/gm;
/** a sentence ends here when the next one starts with a capital, a digit, a quote or a bracket */
const BOUNDARY = /[.!?\u2026]["\u201D\u2019)]?\s+(?=[A-Z\u00C0-\u00D6\u00D8-\u00DE0-9\u201C"\u2018'(])/g;

/** The body's paragraphs as the search joins them: lines of a paragraph joined with a space, headings left out. */
function paragraphsOf(body: string): string[] {
  return body
    .replace(HEADING_LINE, "")
    .split(/\n\s*\n/)
    .map((p) =>
      p
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .join(" "),
    )
    .filter(Boolean);
}

/** Removes markdown headings: whole heading lines, and a heading the search joined to the lines below it. */
export function withoutHeadings(passage: string, body: string): string {
  let text = passage;
  for (const heading of body.match(HEADING_LINE) ?? []) text = text.split(heading.trim()).join(" ");
  return text
    .replace(/(^|\s)#{1,6}(?=\s)/g, "$1")
    .replace(/[ \t]+/g, " ")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

function startsMidSentence(text: string): boolean {
  return /^[a-z\u00E0-\u00F6\u00F8-\u00FF]/.test(text);
}

/** Widens a passage that starts or ends inside a sentence of its paragraph to that sentence's bounds. */
function toSentences(passage: string, body: string): string {
  const probe = passage.slice(0, 60);
  // a bullet of a list starts where it starts; one that continues the list's lead-in
  // ("Gemeentesecretarissen:" / "- zien de transformatie …") is shown with that lead-in
  const lines = body.split("\n").map((l) => l.trim());
  const bullet = lines.findIndex((l) => BULLET.test(l) && l.replace(BULLET, "").startsWith(probe));
  if (bullet >= 0) {
    if (!startsMidSentence(passage)) return passage;
    const lead = lines.slice(0, bullet).findLast((l) => l && !BULLET.test(l));
    return lead?.endsWith(":") && lead.length <= 100 && !lead.startsWith("#") ? `${lead} ${passage}` : passage;
  }
  for (const paragraph of paragraphsOf(body)) {
    const at = paragraph.indexOf(probe);
    if (at < 0) continue;
    let start = at;
    if (at > 0 && startsMidSentence(passage)) {
      start = 0;
      for (const m of paragraph.slice(0, at).matchAll(BOUNDARY)) start = m.index + m[0].length;
    }
    let end = at + passage.length;
    if (end <= paragraph.length && paragraph.indexOf(passage, at) === at) {
      const after = paragraph.slice(end);
      if (startsMidSentence(after.trimStart())) {
        const next = [...after.matchAll(BOUNDARY)][0];
        end += next ? next.index + next[0].trimEnd().length : after.length;
      }
    } else end = -1;
    const head = paragraph.slice(start, at);
    const tail = end < 0 ? "" : paragraph.slice(at + passage.length, end);
    return `${head}${passage}${tail}`.trim();
  }
  return passage;
}

/** The passage as shown: without headings, at whole sentences. Empty when nothing but a heading was left. */
export function showPassage(passage: string, body: string): string {
  const text = withoutHeadings(passage, body);
  return text.includes("\n") ? text : toSentences(text, body);
}

/** The passages of a unit as shown: cleaned, and without the ones only a heading was. */
export function showPassages(passages: readonly string[], body: string): string[] {
  return passages.map((p) => showPassage(p, body)).filter((p) => p.replace(/^[-*\u2022]\s*/, "").length > 0);
}
