import type { Reply } from "../conversation/reply.ts";
import type { Click } from "../conversation/incoming.ts";
import { texts } from "../conversation/texts.ts";
import { clickOfAction, encodeClick } from "./click-codec.ts";
import { shorten } from "./shorten.ts";

/** Slack's limits (Block Kit reference): blocks per message, characters per text and button. */
export const SLACK_LIMITS = { blocks: 50, sectionText: 3000, buttonLabel: 75, buttonValue: 2000, actionsPerBlock: 25, fallbackText: 3000 } as const;

export const SLACK_ACTION_PREFIX = "wegwijzer:";

// Slack Block Kit payloads are plain JSON; these are the shapes the bot sends.
export interface SlackText { type: "mrkdwn" | "plain_text"; text: string; emoji?: boolean }
export interface SlackButton { type: "button"; action_id: string; text: SlackText; value: string; style?: "primary" | "danger" }
export type SlackBlock =
  | { type: "section"; text: SlackText }
  | { type: "context"; elements: SlackText[] }
  | { type: "divider" }
  | { type: "actions"; elements: SlackButton[] };
export interface SlackMessage { text: string; blocks: SlackBlock[] }

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

function button(index: number, label: string, click: Click, style?: "primary" | "danger"): SlackButton {
  let value = encodeClick(click);
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
  const lead = fitSection(escapeSlack(reply.text));
  content.push(section(lead.text));
  for (const unit of reply.units) {
    const body = [`*${escapeSlack(unit.title)}*`, ...unit.passages.map((p) => `• ${escapeSlack(p.replace(/^[-•] /, ""))}`)].join("\n");
    const fitted = fitSection(body);
    if (fitted.cut) readMore.add(unit.id);
    content.push({ type: "divider" }, section(fitted.text), {
      type: "context",
      elements: [{ type: "mrkdwn", text: escapeSlack(texts.source(unit.citation.book, unit.citation.label, unit.citation.chapter)) }],
    });
  }
  if (reply.reflection) content.push(section(fitSection(`*${texts.reflectionHeader}* ${escapeSlack(reply.reflection)}`).text));

  type ButtonSpec = { label: string; click: Click; style?: "primary" | "danger" | undefined };
  const followUps: ButtonSpec[] = reply.followUps.map((question) => ({ label: question, click: { kind: "ask", question } }));
  const others: ButtonSpec[] = [];
  for (const action of reply.actions) {
    if (action.kind === "read-more") readMore.delete(action.unitId);
    others.push({ label: action.label, click: clickOfAction(action), style: action.kind === "command" ? action.style : undefined });
  }
  for (const unitId of readMore) others.unshift({ label: texts.readMore, click: { kind: "read-more", unitId } });

  const actionBlocks: SlackBlock[] = [];
  let index = 0;
  for (const group of [followUps, others]) {
    for (let i = 0; i < group.length; i += SLACK_LIMITS.actionsPerBlock) {
      actionBlocks.push({ type: "actions", elements: group.slice(i, i + SLACK_LIMITS.actionsPerBlock).map((b) => button(index++, b.label, b.click, b.style)) });
    }
  }
  if (followUps.length) actionBlocks.unshift({ type: "context", elements: [{ type: "mrkdwn", text: texts.followUpsHeader }] });

  // Keep within the block limit: content gives way to the buttons, with a marker that text was left out.
  const room = SLACK_LIMITS.blocks - actionBlocks.length;
  const blocks = content.length <= room ? [...content, ...actionBlocks] : [...content.slice(0, room - 1), section(`_${texts.shortened}_`), ...actionBlocks];
  return { text: shorten(plainFallback(reply), SLACK_LIMITS.fallbackText), blocks: blocks.slice(0, SLACK_LIMITS.blocks) };
}

/** The notification text: what a phone shows before the blocks load. */
function plainFallback(reply: Reply): string {
  const first = reply.units[0];
  return escapeSlack(first ? `${reply.text.replace(/\*/g, "")} ${first.title}` : reply.text.replace(/\*/g, ""));
}

/** The App Home tab: the same blocks as a message, in a home view. */
export function renderSlackHome(reply: Reply): { type: "home"; blocks: SlackBlock[] } {
  return { type: "home", blocks: renderSlack(reply).blocks };
}
