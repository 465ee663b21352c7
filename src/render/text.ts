import type { Reply } from "../conversation/reply.ts";
import { texts } from "../conversation/texts.ts";

/** Markdown emphasis and code marks of the bot's own texts, removed for plain text. */
function plain(text: string): string {
  return text.replace(/\*([^*\n]+)\*/g, "$1").replace(/`([^`\n]+)`/g, "$1");
}

/** Plain-text rendering for the terminal and the ask command; follow-ups are numbered. */
export function renderText(reply: Reply): string {
  const lines: string[] = [plain(reply.text)];
  for (const unit of reply.units) {
    lines.push("", `■ ${unit.title}`);
    for (const passage of unit.passages) lines.push(...plain(passage).split("\n").map((l, i) => (i === 0 ? `  - ${l.replace(/^[-•] /, "")}` : `    ${l}`)));
    lines.push(`  ${texts.source(unit.citation.book, unit.citation.label, unit.citation.chapter)}`);
  }
  if (reply.reflection) lines.push("", plain(reply.reflection));
  const readMore = reply.actions.filter((a) => a.kind === "read-more");
  if (reply.units.length === 0 && readMore.length) {
    for (const action of readMore) lines.push(`  - ${plain(action.label)}`);
  }
  if (reply.followUps.length) {
    lines.push("", texts.followUpsHeader);
    reply.followUps.forEach((q, i) => lines.push(`  ${i + 1}. ${q}`));
  }
  return lines.join("\n");
}
