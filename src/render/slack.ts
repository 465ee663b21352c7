import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HomeView,
  MrkdwnElement,
  PlainTextElement,
  SectionBlock,
} from "@slack/types";
import type { Click } from "../conversation/incoming.ts";
import type { Contents, Reply } from "../conversation/reply.ts";
import { texts } from "../conversation/texts.ts";
import { clickOfAction, encodeClick, encodeClickWithOrigin } from "./click-codec.ts";
import { linesOf, passageText } from "./lines.ts";
import { shorten } from "./shorten.ts";

/** Slack's limits (Block Kit reference): blocks per message, characters per text and button. */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  buttonLabel: 75,
  buttonValue: 2000,
  actionsPerBlock: 25,
  fallbackText: 3000,
} as const;

export const SLACK_ACTION_PREFIX = "wegwijzer:";

// The Block Kit shapes the bot sends, as @slack/types defines them.
export type SlackText = MrkdwnElement | PlainTextElement;
export type SlackButton = Button;
export type SlackBlock = SectionBlock | ContextBlock | DividerBlock | ActionsBlock;
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Escapes text for Slack mrkdwn: `&`, `<` and `>` become entities, so `<!channel>`, `<!here>` and
 * `<@U123>` can never ping anyone and no link can be smuggled in.
 */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function section(text: string): SlackBlock {
  return { type: "section", text: { type: "mrkdwn", text } };
}

function button(index: number, label: string, click: Click, style?: "primary" | "danger", origin?: Click): SlackButton {
  let value = encodeClickWithOrigin(click, origin);
  if (value.length > SLACK_LIMITS.buttonValue) value = encodeClick(click);
  if (value.length > SLACK_LIMITS.buttonValue && click.kind === "ask") {
    value = encodeClick({ ...click, question: shorten(click.question, SLACK_LIMITS.buttonValue - 40) });
  }
  return {
    type: "button",
    action_id: `${SLACK_ACTION_PREFIX}${index}`,
    text: { type: "plain_text", text: shorten(label, SLACK_LIMITS.buttonLabel), emoji: true },
    value,
    ...(style ? { style } : {}),
  };
}

/** Text that fits one section; a cut is marked and offered in full through "lees verder". */
function fitSection(text: string): { text: string; cut: boolean } {
  if (text.length <= SLACK_LIMITS.sectionText) return { text, cut: false };
  const room = SLACK_LIMITS.sectionText - texts.shortened.length - 2;
  return { text: `${shorten(text, room)}\n_${texts.shortened}_`, cut: true };
}

/** Renders a reply as Block Kit within Slack's limits; what does not fit is shortened, never dropped silently. */
export function renderSlack(reply: Reply): SlackMessage {
  const content: SlackBlock[] = [];
  const readMore = new Set<string>();
  // The bot's own text keeps its *bold* and `code`; each line stays a line, bullets get a bullet.
  const lead = linesOf(reply.text)
    .map((l) => (l.kind === "bullet" ? `• ${escapeSlack(l.text)}` : escapeSlack(l.text)))
    .join("\n");
  content.push(section(fitSection(lead).text));
  for (const contents of reply.contents ?? []) content.push(...contentsSections(contents));
  for (const unit of reply.units) {
    const body = [`*${escapeSlack(unit.title)}*`, ...unit.passages.map((p) => `• ${escapeSlack(passageText(p))}`)].join(
      "\n",
    );
    const fitted = fitSection(body);
    if (fitted.cut) readMore.add(unit.id);
    content.push({ type: "divider" }, section(fitted.text), {
      type: "context",
      elements: [
        {
          type: "mrkdwn",
          text: escapeSlack(texts.source(unit.citation.book, unit.citation.label, unit.citation.chapter)),
        },
      ],
    });
  }
  if (reply.reflection)
    content.push(section(fitSection(`*${texts.reflectionHeader}* ${escapeSlack(reply.reflection)}`).text));

  type ButtonSpec = { label: string; click: Click; style?: "primary" | "danger" | undefined };
  const followUps: ButtonSpec[] = reply.followUps.map((question) => ({
    label: question,
    click: { kind: "ask", question },
  }));
  const others: ButtonSpec[] = [];
  for (const action of reply.actions) {
    if (action.kind === "feedback" && reply.feedbackGiven) continue;
    if (action.kind === "read-more") readMore.delete(action.unitId);
    others.push({
      label: action.label,
      click: clickOfAction(action),
      style: action.kind === "command" ? action.style : undefined,
    });
  }
  for (const unitId of readMore) others.unshift({ label: texts.readMore, click: { kind: "read-more", unitId } });

  const actionBlocks: SlackBlock[] = [];
  let index = 0;
  for (const group of [followUps, others]) {
    for (let i = 0; i < group.length; i += SLACK_LIMITS.actionsPerBlock) {
      actionBlocks.push({
        type: "actions",
        elements: group
          .slice(i, i + SLACK_LIMITS.actionsPerBlock)
          .map((b) => button(index++, b.label, b.click, b.style, reply.origin)),
      });
    }
  }
  const given = reply.feedbackGiven;
  if (given) {
    actionBlocks.push({
      type: "context",
      elements: [
        { type: "mrkdwn", text: escapeSlack(given.value === "up" ? texts.feedbackGivenUp : texts.feedbackGivenDown) },
      ],
    });
    if (!given.final) {
      const value = given.value === "up" ? "down" : "up";
      const click: Click = { kind: "feedback", value, ref: given.ref, was: given.value };
      actionBlocks.push({
        type: "actions",
        elements: [
          button(
            index++,
            value === "up" ? texts.feedbackChangeUp : texts.feedbackChangeDown,
            click,
            undefined,
            reply.origin,
          ),
        ],
      });
    }
  }
  if (followUps.length)
    actionBlocks.unshift({ type: "context", elements: [{ type: "mrkdwn", text: texts.followUpsHeader }] });

  // Keep within the block limit: content gives way to the buttons, with a marker that text was left out.
  const room = SLACK_LIMITS.blocks - actionBlocks.length;
  const blocks =
    content.length <= room
      ? [...content, ...actionBlocks]
      : [...content.slice(0, room - 1), section(`_${texts.shortened}_`), ...actionBlocks];
  return {
    text: shorten(plainFallback(reply), SLACK_LIMITS.fallbackText),
    blocks: blocks.slice(0, SLACK_LIMITS.blocks),
  };
}

/** A table of contents: the source in bold, each chapter in italics, one numbered line per unit. */
function contentsSections(contents: Contents): SlackBlock[] {
  const lines = [`*${escapeSlack(contents.heading)}*`];
  for (const group of contents.groups) {
    if (group.chapter) lines.push(`_${escapeSlack(group.chapter)}_`);
    for (const item of group.items) lines.push(`${item.number}. ${escapeSlack(item.title)}`);
  }
  // Split at line ends so that no section is longer than Slack allows.
  const sections: SlackBlock[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + line.length + 1 > SLACK_LIMITS.sectionText) {
      sections.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) sections.push(section(current));
  return [{ type: "divider" }, ...sections];
}

/** The notification text: what a phone shows before the blocks load. */
function plainFallback(reply: Reply): string {
  const lead = (linesOf(reply.text)[0]?.text ?? "").replace(/[*`]/g, "");
  const first = reply.units[0];
  return escapeSlack(first ? `${lead} ${first.title}` : lead);
}

/** The App Home tab: the same blocks as a message, in a home view. */
export function renderSlackHome(reply: Reply): HomeView {
  return { type: "home", blocks: renderSlack(reply).blocks };
}
