import type { Answer, Answerer } from "../search/answer.ts";
import { detectIntent } from "./intents.ts";

/** What a line gets when it is read as the chat reads it, in the terms of the `ask --json` contract. */
export type LineAnswer = Pick<Answer, "answered" | "results">;

/**
 * Reads one line as the chat does: "thema 12" opens that unit, a command is no question (nothing
 * found), anything else is searched. `ask --json` and `eval` both score through this, so the figures
 * an evaluation reports are the ones the contract delivers.
 */
export function answerLine(answerer: Answerer, line: string): LineAnswer {
  const intent = detectIntent(line);
  if (intent.kind === "unit") return answerer.lookup(intent.id);
  if (intent.kind === "question") return answerer.answer(line);
  return { answered: false, results: [] };
}
