import type { Knowledge } from "../knowledge/load.ts";
import type { Unit } from "../knowledge/schema.ts";
import type { Answerer } from "../search/answer.ts";
import { citationOf, unitLabel } from "./compose.ts";
import { showPassages } from "./passage-text.ts";
import type { Reply } from "./reply.ts";
import { texts } from "./texts.ts";

/** One handbook theme as a card to put into a conversation: its title, the best passage, the source. */
export interface ThemeCard {
  unitId: string;
  /** "thema 12: Relatie met wethouders" */
  label: string;
  /** the passage that fits the question best (the unit's key passage without a question) */
  passage: string;
  /** the card itself, to render for a platform: no buttons, so it works in any chat */
  reply: Reply;
}

/**
 * The handbook in the compose box (Teams message extension, Slack shortcuts): the same matcher as
 * the chat, its results as theme cards that can be shared. Pure: no platform, no store.
 */
export class ThemeSearch {
  constructor(
    private readonly knowledge: Knowledge,
    private readonly answerer: Answerer,
  ) {}

  /** The themes for a question, best first: the confident results, otherwise the "bedoel je" suggestions. */
  search(question: string, max = 5): ThemeCard[] {
    const text = question.trim().slice(0, 2000);
    if (!text) return [];
    const answer = this.answerer.answer(text);
    const results = answer.answered ? answer.results : answer.suggestions;
    return results.slice(0, max).map((r) => this.cardOf(r.unit, r.passages[0]));
  }

  /** The card of one unit, with the passage that fits the question (for "deel in het kanaal"). */
  card(unitId: string, question = ""): ThemeCard | undefined {
    const unit = this.knowledge.byId.get(unitId);
    if (!unit) return undefined;
    const fromQuestion = question.trim()
      ? this.answerer.answer(question.slice(0, 2000)).results.find((r) => r.id === unitId)?.passages[0]
      : undefined;
    return this.cardOf(unit, fromQuestion);
  }

  private cardOf(unit: Unit, passage: string | undefined): ThemeCard {
    const best = showPassages([passage ?? this.answerer.keyPassages(unit, 1)[0] ?? ""], unit.body)[0] ?? unit.summary;
    return {
      unitId: unit.id,
      // "les 7: Les 7: Benut de verkiezingen" reads twice: a title that starts with its label stands alone
      label: unit.title.toLowerCase().startsWith(citationOf(unit, this.knowledge).label.toLowerCase())
        ? unit.title
        : unitLabel(unit, this.knowledge),
      passage: best,
      reply: {
        text: texts.share.intro,
        units: [{ id: unit.id, title: unit.title, citation: citationOf(unit, this.knowledge), passages: [best] }],
        followUps: [],
        actions: [],
      },
    };
  }
}
