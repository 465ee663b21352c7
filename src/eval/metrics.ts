import { z } from "zod";

export const evalQuestionSchema = z.object({
  id: z.string(),
  q: z.string(),
  gold: z.array(z.string()),
  kind: z.string().default("single"),
});
export type EvalQuestion = z.infer<typeof evalQuestionSchema>;

export interface Outcome {
  answered: boolean;
  ids: string[];
}

/** A gold entry is an exact ID, or a prefix when it ends in "*". */
export function isGold(id: string, gold: readonly string[]): boolean {
  return gold.some((g) => (g.endsWith("*") ? id.startsWith(g.slice(0, -1)) : id === g));
}

export interface Scores {
  questions: number;
  answerable: number;
  offTopic: number;
  hit1: number;
  hit3: number;
  mrr5: number;
  offTopicRejected: number;
  falseRejection: number;
}

/** hit@1, hit@3 and MRR@5 over answerable questions; rejection rates over both kinds. */
export function score(items: readonly { question: EvalQuestion; outcome: Outcome }[]): Scores {
  const answerable = items.filter((i) => i.question.gold.length > 0);
  const offTopic = items.filter((i) => i.question.gold.length === 0);
  const rank = (i: (typeof items)[number]) => i.outcome.ids.slice(0, 5).findIndex((id) => isGold(id, i.question.gold));
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  return {
    questions: items.length,
    answerable: answerable.length,
    offTopic: offTopic.length,
    hit1: share(answerable.filter((i) => rank(i) === 0).length, answerable.length),
    hit3: share(answerable.filter((i) => rank(i) >= 0 && rank(i) < 3).length, answerable.length),
    mrr5: share(
      answerable.reduce((sum, i) => sum + (rank(i) >= 0 ? 1 / (rank(i) + 1) : 0), 0),
      answerable.length,
    ),
    offTopicRejected: share(offTopic.filter((i) => !i.outcome.answered).length, offTopic.length),
    falseRejection: share(answerable.filter((i) => !i.outcome.answered).length, answerable.length),
  };
}
