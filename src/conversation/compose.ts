import type { Knowledge } from "../knowledge/load.ts";
import type { Unit } from "../knowledge/schema.ts";
import type { Answer, AnswerResult } from "../search/answer.ts";
import type { Action, Citation, Reply, ReplyUnit } from "./reply.ts";
import { encodeFeedbackRef } from "./feedback.ts";
import { showPassages } from "./passage-text.ts";
import { texts } from "./texts.ts";

export function citationOf(unit: Unit, knowledge: Knowledge): Citation {
  const book = knowledge.sources.get(unit.source)?.shortTitle ?? unit.source;
  const label =
    unit.number === undefined
      ? unit.title
      : unit.kind === "theme"
        ? texts.citationTheme(unit.number)
        : unit.kind === "lesson"
          ? texts.citationLesson(unit.number)
          : texts.citationAgenda(unit.number);
  return { book, label, chapter: unit.chapter !== unit.title ? unit.chapter : undefined };
}

/** "thema 12: Relatie met wethouders", or just the title for an unnumbered section. */
export function unitLabel(unit: Unit, knowledge: Knowledge): string {
  const { label } = citationOf(unit, knowledge);
  return label === unit.title ? unit.title : `${label}: ${unit.title}`;
}

function replyUnit(result: AnswerResult, knowledge: Knowledge): ReplyUnit {
  return {
    id: result.id,
    title: result.title,
    citation: citationOf(result.unit, knowledge),
    passages: showPassages(result.passages, result.unit.body),
  };
}

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "")
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
}

/** How alike two questions are: shared words over all words (1 = the same words). */
function likeness(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared || 1);
}

/**
 * Follow-ups worth offering: never the question just answered, and of near-duplicates ("Hoe werk ik
 * samen met de wethouder?" beside "Hoe werk ik met de wethouder?") only the first.
 */
export function distinctFollowUps(question: string, followUps: readonly string[]): string[] {
  const kept: { text: string; words: Set<string> }[] = [{ text: question, words: words(question) }];
  for (const text of followUps) {
    const w = words(text);
    if (w.size === 0 || kept.some((k) => likeness(k.words, w) >= 0.8)) continue;
    kept.push({ text, words: w });
  }
  return kept.slice(1).map((k) => k.text);
}

/** Turns a search answer into a reply: the best units with their passages and sources, or a plain "no". */
export function composeAnswer(answer: Answer, knowledge: Knowledge): Reply {
  if (!answer.answered) {
    const suggestions = answer.suggestions.slice(0, 3);
    if (suggestions.length === 0) {
      const text =
        answer.offTopicKind === "chitchat"
          ? texts.noAnswerChitchat
          : answer.offTopicKind === "practice"
            ? texts.noAnswerPractice
            : texts.noAnswer;
      return { text, units: [], followUps: [], actions: [] };
    }
    return {
      text: texts.noAnswerWithSuggestions,
      units: [],
      followUps: [],
      actions: suggestions.map((s) => ({ kind: "read-more", label: unitLabel(s.unit, knowledge), unitId: s.id })),
    };
  }
  const [a, b] = answer.clarify ?? [];
  if (a && b) {
    // Two themes of different chapters, nearly tied: ask which one is meant instead of hedging twice.
    return {
      text: texts.clarify(a.title, b.title),
      units: [],
      followUps: [],
      actions: [a, b].map((r) => ({ kind: "read-more" as const, label: unitLabel(r.unit, knowledge), unitId: r.id })),
    };
  }
  const main = answer.results.slice(0, 3);
  const units = main.map((r) => replyUnit(r, knowledge));
  const ref = encodeFeedbackRef(
    answer.question,
    units.map((u) => u.id),
  );
  const actions: Action[] = [
    ...units.map((u) => ({ kind: "read-more" as const, label: texts.readUnit(u.citation.label), unitId: u.id })),
    ...answer.suggestions.map((s) => ({
      kind: "read-more" as const,
      label: `${texts.didYouMean} ${s.title}`,
      unitId: s.id,
    })),
    { kind: "feedback", label: texts.feedbackUp, value: "up", ref },
    { kind: "feedback", label: texts.feedbackDown, value: "down", ref },
  ];
  return {
    text: texts.answerIntro(units.length),
    units,
    followUps: distinctFollowUps(answer.question, answer.followUps),
    actions,
  };
}

/** The whole unit, for "lees verder" and direct lookups: every passage of the body. */
export function composeUnit(unit: Unit, knowledge: Knowledge): Reply {
  const passages = showPassages(
    unit.body
      .split(/\n\s*\n/)
      .map((p) => p.trim())
      .filter(Boolean),
    unit.body,
  );
  const ref = encodeFeedbackRef(unit.id, [unit.id]);
  return {
    text: texts.unitIntro,
    units: [{ id: unit.id, title: unit.title, citation: citationOf(unit, knowledge), passages }],
    followUps: distinctFollowUps(unit.title, unit.followUps),
    actions: [
      { kind: "feedback", label: texts.feedbackUp, value: "up", ref },
      { kind: "feedback", label: texts.feedbackDown, value: "down", ref },
    ],
  };
}
