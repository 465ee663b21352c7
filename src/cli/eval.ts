/**
 * `npm run eval [-- file.jsonl]`: answer quality on a question set, for the matcher and for the
 * fuse.js-only baseline, overall and per kind. Default: ../shared/eval/questions.dev.jsonl.
 */
import { readFileSync } from "node:fs";
import { FuseBaseline } from "../search/baseline.ts";
import { createBrain } from "../app/brain.ts";
import { evalQuestionSchema, isGold, score, type EvalQuestion, type Outcome, type Scores } from "../eval/metrics.ts";

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith("--")) ?? new URL("../../../shared/eval/questions.dev.jsonl", import.meta.url).pathname;
const verbose = args.includes("--verbose");

const questions: EvalQuestion[] = readFileSync(file, "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l, n) => {
    const parsed = evalQuestionSchema.safeParse(JSON.parse(l));
    if (!parsed.success) throw new Error(`${file}:${n + 1}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  });

const brain = createBrain();
const baseline = new FuseBaseline(brain.knowledge);
const ours = questions.map((question) => {
  const answer = brain.answerer.answer(question.q);
  return { question, outcome: { answered: answer.answered, ids: answer.results.map((r) => r.id) } satisfies Outcome };
});
const theirs = questions.map((question) => {
  const r = baseline.search(question.q);
  return { question, outcome: { answered: r.answered, ids: r.results.map((x) => x.id) } };
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
function row(label: string, s: Scores): string {
  return `${label.padEnd(22)} n=${String(s.questions).padStart(3)}  hit@1 ${pct(s.hit1)}  hit@3 ${pct(s.hit3)}  MRR@5 ${s.mrr5.toFixed(3)}  off-topic rejected ${pct(s.offTopicRejected)}  false rejection ${pct(s.falseRejection)}`;
}
console.log(`question set: ${file} (${questions.length} questions)\n`);
for (const [name, items] of [["wegwijzer", ours], ["fuse.js baseline", theirs]] as const) {
  console.log(row(name, score(items)));
  const kinds = [...new Set(questions.map((q) => q.kind))].sort();
  for (const kind of kinds) console.log(row(`  ${kind}`, score(items.filter((i) => i.question.kind === kind))));
  console.log("");
}
if (verbose) {
  for (const { question, outcome } of ours) {
    const rank = outcome.ids.findIndex((id) => isGold(id, question.gold));
    const mark = question.gold.length === 0 ? (outcome.answered ? "FALSE-ANSWER" : "rejected-ok") : rank === 0 ? "ok" : rank > 0 ? `rank${rank + 1}` : "MISS";
    console.log(`${mark.padEnd(12)} ${outcome.answered ? "A" : "-"} ${question.id} ${question.q}\n             gold ${question.gold.join(",")} | got ${outcome.ids.slice(0, 3).join(", ")}`);
  }
}
