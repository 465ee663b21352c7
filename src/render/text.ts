import type { Click } from "../conversation/incoming.ts";
import type { Reply } from "../conversation/reply.ts";
import { texts } from "../conversation/texts.ts";

/** Markdown emphasis and code marks of the bot's own texts, removed for plain text. */
function plain(text: string): string {
  return text
    .replace(/\*([^*\n]+)\*/g, "$1")
    .replace(/`([^`\n]+)`/g, "$1")
    .replace(/(^|\s)_([^_\n]+)_(?=\s|$)/g, "$1$2");
}

export interface Choice {
  label: string;
  click: Click;
}

/**
 * What a plain-text user can pick by number: the follow-up questions, and when nothing was
 * answered, the "bedoel je" suggestions. The terminal chat maps a typed number to the same list.
 */
export function numberedChoices(reply: Reply): Choice[] {
  const choices: Choice[] = reply.followUps.map((question) => ({ label: question, click: { kind: "ask", question } }));
  if (reply.units.length === 0) {
    for (const action of reply.actions) {
      if (action.kind === "read-more")
        choices.push({ label: plain(action.label), click: { kind: "read-more", unitId: action.unitId } });
    }
  }
  return choices;
}

/** Plain-text rendering for the terminal and the ask command; choices are numbered. */
export function renderText(reply: Reply): string {
  const lines: string[] = [plain(reply.text)];
  for (const contents of reply.contents ?? []) {
    lines.push("", `${contents.heading.toUpperCase()}`);
    for (const group of contents.groups) {
      if (group.chapter) lines.push("", `  ${group.chapter}`);
      for (const item of group.items) lines.push(`    ${String(item.number).padStart(3)}  ${item.title}`);
    }
  }
  for (const unit of reply.units) {
    lines.push("", `■ ${unit.title}`);
    for (const passage of unit.passages) {
      lines.push(
        ...plain(passage)
          .split("\n")
          .map((l, i) => (i === 0 ? `  - ${l.replace(/^[-\u2022] /, "")}` : `    ${l}`)),
      );
    }
    lines.push(`  ${texts.source(unit.citation.book, unit.citation.label, unit.citation.chapter)}`);
  }
  if (reply.reflection) lines.push("", `${texts.reflectionHeader} ${plain(reply.reflection)}`);
  if (reply.feedbackGiven)
    lines.push("", reply.feedbackGiven.value === "up" ? texts.feedbackGivenUp : texts.feedbackGivenDown);
  const choices = numberedChoices(reply);
  if (choices.length) {
    lines.push("", reply.followUps.length ? texts.followUpsHeader : texts.didYouMean);
    for (const [i, choice] of choices.entries()) lines.push(`  ${i + 1}. ${choice.label}`);
  }
  return lines.join("\n");
}
