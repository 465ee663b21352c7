import { ActionSet, AdaptiveCard, Container, ExecuteAction, SubmitAction, TextBlock, type IAdaptiveCard } from "@microsoft/teams.cards";
import type { Reply, ReplyUnit } from "../conversation/reply.ts";
import type { Click } from "../conversation/incoming.ts";
import { texts } from "../conversation/texts.ts";
import { clickOfAction } from "./click-codec.ts";
import { shorten } from "./shorten.ts";

/** Teams refuses messages above about 28 KB; the card stays below this many bytes of JSON. */
export const TEAMS_CARD_MAX_BYTES = 27_000;
/** The verb of every Action.Execute the bot sends; its data carries the click. */
export const TEAMS_VERB = "wegwijzer";

/**
 * Escapes text for an Adaptive Card TextBlock: HTML special characters become entities and
 * markdown marks are backslash-escaped, so user or handbook text can never format or link.
 */
export function escapeTeams(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\*_[\]()#`~|!])/g, "\\$1")
    .replace(/^(\s*)([-+]|\d+\.)(\s)/gm, "$1\\$2$3");
}

/** The bot's own texts use *bold*; in a card that becomes **bold**, the rest is escaped. */
function ownText(text: string): string {
  return escapeTeams(text.replace(/\*([^*\n]+)\*/g, "\u0001$1\u0001").replace(/`([^`\n]+)`/g, "$1")).replace(/\u0001/g, "**");
}


/** Action.Execute for current clients, with an Action.Submit fallback carrying the same click. */
function actionFor(label: string, click: Click): ExecuteAction {
  const title = shorten(label, 80);
  return new ExecuteAction({ title, verb: TEAMS_VERB, data: { click } }).withFallback(new SubmitAction({ title, data: { click } }));
}

function unitContainer(unit: ReplyUnit, passages: string[], cut: boolean): Container {
  const items = [
    new TextBlock(escapeTeams(unit.title), { weight: "Bolder", wrap: true, separator: true, spacing: "Medium" }),
    ...passages.map((p) => new TextBlock(`• ${escapeTeams(p.replace(/^[-•] /, ""))}`, { wrap: true, spacing: "Small" })),
    ...(cut ? [new TextBlock(escapeTeams(texts.shortened), { wrap: true, isSubtle: true, size: "Small" })] : []),
    new TextBlock(escapeTeams(texts.source(unit.citation.book, unit.citation.label, unit.citation.chapter)), { wrap: true, isSubtle: true, size: "Small" }),
  ];
  return new Container(...items);
}

function build(reply: Reply, passagesPerUnit: number[]): IAdaptiveCard {
  const cutUnits = reply.units.filter((u, i) => passagesPerUnit[i]! < u.passages.length).map((u) => u.id);
  const body = [
    new TextBlock(ownText(reply.text), { wrap: true }),
    ...reply.units.map((u, i) => unitContainer(u, u.passages.slice(0, passagesPerUnit[i]), cutUnits.includes(u.id))),
    ...(reply.reflection ? [new TextBlock(`**${escapeTeams(texts.reflectionHeader)}** ${escapeTeams(reply.reflection)}`, { wrap: true, separator: true })] : []),
  ];
  const readMoreUnits = new Set(reply.actions.filter((a) => a.kind === "read-more").map((a) => (a as { unitId: string }).unitId));
  const extraReadMore = cutUnits.filter((id) => !readMoreUnits.has(id)).map((unitId) => actionFor(texts.readMore, { kind: "read-more", unitId }));
  const followUps = reply.followUps.map((question) => actionFor(question, { kind: "ask", question }));
  const others = [...extraReadMore, ...reply.actions.map((a) => actionFor(a.label, clickOfAction(a)))];
  if (followUps.length) body.push(new TextBlock(escapeTeams(texts.followUpsHeader), { weight: "Bolder", wrap: true, spacing: "Medium" }), new ActionSet(...followUps) as never);
  if (others.length) body.push(new ActionSet(...others) as never);
  const card = new AdaptiveCard(...body).withVersion("1.5");
  return JSON.parse(JSON.stringify(card)) as IAdaptiveCard;
}

/** Renders a reply as an Adaptive Card 1.5 below Teams' message size, shortening passages when needed. */
export function renderTeamsCard(reply: Reply): IAdaptiveCard {
  const counts = reply.units.map((u) => u.passages.length);
  let card = build(reply, counts);
  while (Buffer.byteLength(JSON.stringify(card)) > TEAMS_CARD_MAX_BYTES) {
    const last = counts.findLastIndex((c) => c > 0);
    if (last < 0) break;
    counts[last]! -= 1;
    card = build(reply, counts);
  }
  return card;
}

/** The plain summary Teams shows in notifications and the chat list. */
export function teamsSummary(reply: Reply): string {
  const first = reply.units[0];
  return shorten((first ? `${reply.text} ${first.title}` : reply.text).replace(/\*/g, ""), 200);
}
