import type {
  IActionSet,
  IAdaptiveCard,
  IContainer,
  IExecuteAction,
  IFactSet,
  ISubmitAction,
  ITextBlock,
} from "@microsoft/teams.cards";
import type { Click } from "../conversation/incoming.ts";
import type { Action, Contents, Reply, ReplyUnit } from "../conversation/reply.ts";
import { texts } from "../conversation/texts.ts";
import { clickOfAction } from "./click-codec.ts";
import { linesOf, passageText } from "./lines.ts";
import { shorten } from "./shorten.ts";

/** Teams refuses messages above about 28 KB; the card stays below this many bytes of JSON. */
export const TEAMS_CARD_MAX_BYTES = 27_000;
/** The verb of every Action.Execute the bot sends; its data carries the click. */
export const TEAMS_VERB = "wegwijzer";
/**
 * Button titles longer than this do not fit next to each other (or at all) on a narrow card and are
 * cut off by the client; such choices become full-width rows that wrap.
 */
export const TEAMS_BUTTON_MAX = 30;
/** An origin longer than this is not carried in every button; the click then answers without the updated card. */
const ORIGIN_MAX = 400;

/** What an Action.Execute (and its Action.Submit fallback) carries: the click and the card to build again. */
export interface TeamsActionData {
  click: Click;
  origin?: Click;
}

/**
 * Escapes text for an Adaptive Card TextBlock: HTML special characters become entities and the
 * markdown marks are backslash-escaped the CommonMark way (only ASCII punctuation, which every
 * markdown renderer drops again), so user or handbook text can never format or link. A line that
 * would start a list keeps its number: "1." becomes "1\." (a backslash before a digit would show).
 */
export function escapeTeams(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/([\\*_[\]`~|])/g, "\\$1")
    .replace(/^(\s*)([-+#])/gm, "$1\\$2")
    .replace(/^(\s*\d+)([.)])(\s)/gm, "$1\\$2$3");
}

/** The bot's own texts use *bold* and `code`; in a card both become **bold**, the rest is escaped. */
function ownText(text: string): string {
  return escapeTeams(
    text.replace(/\*([^*\n]+)\*/g, "\u0001$1\u0001").replace(/`([^`\n]+)`/g, "\u0001$1\u0001"),
  ).replace(/\u0001/g, "**");
}

/** The bot's own text for a plain Teams message (announcements): *bold* and `code` as **bold**, the rest escaped. */
export function teamsText(text: string): string {
  return ownText(text);
}

function textBlock(text: string, options: Omit<ITextBlock, "type" | "text"> = {}): ITextBlock {
  return { type: "TextBlock", text, wrap: true, ...options };
}

function actionData(click: Click, origin: Click | undefined): TeamsActionData {
  return origin && JSON.stringify(origin).length <= ORIGIN_MAX ? { click, origin } : { click };
}

/** Action.Execute for current clients, with an Action.Submit fallback carrying the same click. */
function executeAction(title: string, data: TeamsActionData, style?: "positive" | "destructive"): IExecuteAction {
  const fallback: ISubmitAction = { type: "Action.Submit", title, data: { ...data } };
  return { type: "Action.Execute", title, verb: TEAMS_VERB, data: { ...data }, fallback, ...(style ? { style } : {}) };
}

/** A choice as a full-width row that wraps: the whole row is the button. */
function choiceRow(label: string, data: TeamsActionData): IContainer {
  return {
    type: "Container",
    style: "emphasis",
    spacing: "Small",
    selectAction: executeAction(shorten(label, 200), data),
    items: [textBlock(`› ${escapeTeams(label)}`, { color: "Accent", weight: "Bolder" })],
  };
}

function unitContainer(unit: ReplyUnit, passages: string[], cut: boolean): IContainer {
  const { citation } = unit;
  const where = [citation.label === unit.title ? undefined : citation.label, citation.chapter]
    .filter(Boolean)
    .join(" · ");
  return {
    type: "Container",
    separator: true,
    spacing: "Medium",
    items: [
      textBlock(escapeTeams(unit.title), { weight: "Bolder", size: "Medium" }),
      ...(where ? [textBlock(escapeTeams(where), { isSubtle: true, size: "Small", spacing: "None" })] : []),
      ...passages.map((p) => textBlock(`• ${escapeTeams(passageText(p))}`, { spacing: "Small" })),
      ...(cut ? [textBlock(escapeTeams(texts.shortened), { isSubtle: true, size: "Small" })] : []),
      textBlock(escapeTeams(texts.source(citation.book, citation.label, citation.chapter)), {
        isSubtle: true,
        size: "Small",
      }),
    ],
  };
}

/** A table of contents: the source as a heading, each chapter as a subtle line, the units as numbered facts. */
function contentsItems(contents: Contents): (ITextBlock | IFactSet)[] {
  const items: (ITextBlock | IFactSet)[] = [
    textBlock(escapeTeams(contents.heading), { weight: "Bolder", size: "Medium", separator: true, spacing: "Medium" }),
  ];
  for (const group of contents.groups) {
    if (group.chapter)
      items.push(textBlock(escapeTeams(group.chapter), { weight: "Bolder", isSubtle: true, spacing: "Medium" }));
    items.push({
      type: "FactSet",
      spacing: "Small",
      facts: group.items.map((item) => ({ title: String(item.number), value: escapeTeams(item.title) })),
    });
  }
  return items;
}

function feedbackItems(reply: Reply): (ITextBlock | IActionSet)[] {
  const given = reply.feedbackGiven;
  if (!given) return [];
  const items: (ITextBlock | IActionSet)[] = [
    textBlock(escapeTeams(given.value === "up" ? texts.feedbackGivenUp : texts.feedbackGivenDown), {
      isSubtle: true,
      separator: true,
      spacing: "Medium",
    }),
  ];
  if (!given.final) {
    const value = given.value === "up" ? "down" : "up";
    const label = value === "up" ? texts.feedbackChangeUp : texts.feedbackChangeDown;
    const click: Click = { kind: "feedback", value, ref: given.ref, was: given.value };
    items.push({ type: "ActionSet", actions: [executeAction(label, actionData(click, reply.origin))] });
  }
  return items;
}

function build(reply: Reply, passagesPerUnit: number[]): IAdaptiveCard {
  const cutUnits = reply.units.filter((u, i) => passagesPerUnit[i]! < u.passages.length).map((u) => u.id);
  const body: IAdaptiveCard["body"] = linesOf(reply.text).map((line, i) =>
    textBlock(
      line.kind === "bullet" ? `• ${ownText(line.text)}` : ownText(line.text),
      i === 0 ? {} : { spacing: "Small" },
    ),
  );
  for (const contents of reply.contents ?? []) body.push(...contentsItems(contents));
  reply.units.forEach((u, i) => {
    body.push(unitContainer(u, u.passages.slice(0, passagesPerUnit[i]), cutUnits.includes(u.id)));
  });
  if (reply.reflection) {
    body.push(
      textBlock(escapeTeams(texts.reflectionHeader), { weight: "Bolder", separator: true, spacing: "Medium" }),
      textBlock(escapeTeams(reply.reflection), { spacing: "Small" }),
    );
  }

  const readMoreUnits = new Set(reply.actions.flatMap((a) => (a.kind === "read-more" ? [a.unitId] : [])));
  const extraReadMore: Action[] = cutUnits
    .filter((id) => !readMoreUnits.has(id))
    .map((unitId) => ({ kind: "read-more", label: texts.readMore, unitId }));
  const actions = [...extraReadMore, ...reply.actions].filter((a) => !(a.kind === "feedback" && reply.feedbackGiven));
  // Long choices ("bedoel je …", whole titles) become rows like the follow-ups; short ones stay buttons.
  const rows = actions.filter((a) => a.label.length > TEAMS_BUTTON_MAX);
  const buttons = actions.filter((a) => a.label.length <= TEAMS_BUTTON_MAX);
  if (reply.followUps.length) {
    body.push(textBlock(escapeTeams(texts.followUpsHeader), { weight: "Bolder", spacing: "Medium" }));
    for (const question of reply.followUps)
      body.push(choiceRow(question, actionData({ kind: "ask", question }, reply.origin)));
  }
  for (const action of rows) body.push(choiceRow(action.label, actionData(clickOfAction(action), reply.origin)));
  if (buttons.length) {
    body.push({
      type: "ActionSet",
      spacing: "Medium",
      actions: buttons.map((a) =>
        executeAction(
          a.label,
          actionData(clickOfAction(a), reply.origin),
          a.kind === "command" && a.style ? (a.style === "danger" ? "destructive" : "positive") : undefined,
        ),
      ),
    });
  }
  body.push(...feedbackItems(reply));
  return { type: "AdaptiveCard", version: "1.5", body };
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
  const lead = linesOf(reply.text)[0]?.text ?? "";
  return shorten((first ? `${lead} ${first.title}` : lead).replace(/[*`]/g, ""), 200);
}
