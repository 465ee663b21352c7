/**
 * `npm run eval [-- file.jsonl]`: answer quality on a question set, for the matcher and for the
 * fuse.js and MiniSearch baselines, overall and per kind. Default: tests/fixtures/calibration.jsonl
 * (in the repository). The dev set is a last check: `npm run eval -- ../shared/eval/questions.dev.jsonl`.
 *
 * `npm run eval -- --cv`: 5-fold cross-validated figures on the paraphrase bank and the
 * unanswerable questions (see src/eval/cross-validate.ts), with the baselines in the same run;
 * `--records file.jsonl` also writes each question's outcome (to compare two runs question by question).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createBrain } from "../app/brain.ts";
import { answerLine } from "../conversation/read-line.ts";
import { crossValidate, type CvRecord, fusedWith, passageHit, rankingScores } from "../eval/cross-validate.ts";
import { evalQuestionSchema, type EvalQuestion, isGold, type Outcome, type Scores, score } from "../eval/metrics.ts";
import { MiniSearchBaseline } from "../eval/minisearch-baseline.ts";
import { KNOWLEDGE_DIR, PROJECT_ROOT } from "../knowledge/location.ts";
import { Answerer } from "../search/answer.ts";
import { Matcher } from "../search/matcher.ts";
import { loadSynonyms } from "../search/synonyms.ts";
import { FuseBaseline } from "../search/baseline.ts";
import { FUSION } from "../search/fusion.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    cv: { type: "boolean" },
    verbose: { type: "boolean" },
    folds: { type: "string", default: "5" },
    records: { type: "string" },
  },
  allowPositionals: true,
});
const log = (line: string) => console.error(`… ${line}`);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
function row(label: string, s: Scores, extra = ""): string {
  const answerable = s.answerable
    ? `hit@1 ${pct(s.hit1)}  hit@3 ${pct(s.hit3)}  MRR@5 ${s.mrr5.toFixed(3)}  false rejection ${pct(s.falseRejection)}`
    : " ".repeat(72);
  const off = s.offTopic ? `off-topic rejected ${pct(s.offTopicRejected)}` : "";
  return `${label.padEnd(30)} n=${String(s.questions).padStart(4)}  ${answerable}  ${off}${extra}`;
}
function table(
  name: string,
  items: { question: EvalQuestion; outcome: Outcome }[],
  kinds: string[],
  extra: (items: { question: EvalQuestion }[]) => string = () => "",
): void {
  console.log(row(name, score(items), extra(items)));
  for (const kind of kinds) {
    const some = items.filter((i) => i.question.kind === kind);
    if (some.length) console.log(row(`  ${kind}`, score(some), extra(some)));
  }
  console.log("");
}

const brain = createBrain();
const fuseBaseline = new FuseBaseline(brain.knowledge);
const miniBaseline = new MiniSearchBaseline(brain.knowledge);
const outcomeOf = (r: { answered: boolean; results: { id: string }[] }): Outcome => ({
  answered: r.answered,
  ids: r.results.map((x) => x.id),
});

if (values.cv) {
  const k = Number(values.folds);
  const { bank, knowledge } = brain;
  const synonyms = loadSynonyms(KNOWLEDGE_DIR);
  log(
    `${bank.questions.length} bank questions, ${bank.unanswerable.length} unanswerable questions, ${bank.concepts.length} concepts; ${k} folds`,
  );
  const { records, model } = crossValidate((b) => new Answerer(new Matcher(knowledge, synonyms, b), b), bank, k, log);
  const kinds = [...new Set(records.map((r) => r.item.question.kind))].sort(
    (a, b) => Number(a.startsWith("off")) - Number(b.startsWith("off")) || a.localeCompare(b),
  );
  const ours = records.map((r) => ({ question: r.item.question, outcome: outcomeOf(r.answer), record: r }));
  const byQuestion = new Map(ours.map((o) => [o.question, o.record]));
  // One line per scored question, to compare methods or banks question by question (`--records file`).
  if (values.records) {
    const lines = records.map((r) =>
      JSON.stringify({
        id: r.item.question.id,
        kind: r.item.question.kind,
        gold: r.item.question.gold,
        ids: r.answer.results.slice(0, 5).map((x) => x.id),
        answered: r.answer.answered,
        passage: passageHit(r, knowledge) ?? null,
      }),
    );
    writeFileSync(values.records, `${lines.join("\n")}\n`);
    log(`${lines.length} records in ${values.records}`);
  }
  const passageExtra = (items: { question: EvalQuestion }[]) => {
    const hits = items
      .map((i) => passageHit(byQuestion.get(i.question)!, knowledge))
      .filter((h): h is boolean => h !== undefined);
    return hits.length ? `  passage@1 ${pct(hits.filter(Boolean).length / hits.length)} (of ${hits.length})` : "";
  };
  const offKindExtra = (items: { question: EvalQuestion }[]) => {
    const rejected = items
      .map((i) => byQuestion.get(i.question)!)
      .filter((r) => r.item.question.gold.length === 0 && !r.answer.answered);
    if (!rejected.length) return "";
    const right = rejected.filter(
      (r) => (r.item.question.kind === "off-topic: chitchat") === (r.answer.offTopicKind === "chitchat"),
    ).length;
    return `  off-topic kind right ${pct(right / rejected.length)}`;
  };
  console.log(
    `${k}-fold cross-validation: ${records.length} questions (${bank.questions.length} bank, ${bank.unanswerable.length} unanswerable)\n`,
  );
  table("wegwijzer (fused, classifier)", ours, kinds, (items) => passageExtra(items) + offKindExtra(items));

  const answerable = records.filter((r) => r.item.question.gold.length > 0);
  const clarified = answerable.filter((r) => r.answer.clarify);
  const clarifiedRight = clarified.filter((r) =>
    r.answer.clarify!.some((c) => c.id === r.item.question.gold[0]),
  ).length;
  console.log(
    `clarifying question ("bedoel je A of B?") on ${pct(clarified.length / Math.max(answerable.length, 1))} of answerable questions; gold among the two in ${pct(clarifiedRight / Math.max(clarified.length, 1))}`,
  );
  const annotated = answerable.filter((r) => r.item.block !== undefined);
  const goldFirst = annotated.map((r) => passageHit(r, knowledge)).filter((h) => h !== undefined);
  console.log(
    `passage@1: ${pct(goldFirst.filter(Boolean).length / Math.max(goldFirst.length, 1))} of the ${goldFirst.length} annotated questions whose gold unit came first (${annotated.length} annotated in all)\n`,
  );

  console.log("ranking alone (hit@1 / hit@3 / MRR@5), to choose the fusion:");
  const methods: [string, (r: CvRecord) => { id: string }[]][] = [
    ["unit-level BM25F only", (r) => r.unitList],
    ["bank only (nearest three questions per unit)", (r) => r.bankList],
    ...[5, 10, 20, 60].map(
      (kk) =>
        [`RRF k=${kk}`, fusedWith({ method: "rrf", k: kk, bankWeight: 1 })] as [
          string,
          (r: CvRecord) => { id: string }[],
        ],
    ),
    ["RRF k=10, bank weight 1.5", fusedWith({ method: "rrf", k: 10, bankWeight: 1.5 })],
    ["unit model only", (r) => r.modelList],
    ["linear (scores / list best), 1:1", fusedWith({ method: "linear", k: 0, bankWeight: 1 })],
    ["linear, bank weight 1.5", fusedWith({ method: "linear", k: 0, bankWeight: 1.5 })],
    ...[0.5, 0.7, 1, 1.5].map(
      (w) =>
        [`linear 1:1, unit model ${w}`, fusedWith({ method: "linear", k: 0, bankWeight: 1, modelWeight: w })] as [
          string,
          (r: CvRecord) => { id: string }[],
        ],
    ),
  ];
  const used =
    FUSION.method === "rrf"
      ? `RRF k=${FUSION.k}`
      : FUSION.modelWeight
        ? `linear 1:1, unit model ${FUSION.modelWeight}`
        : "linear (scores / list best), 1:1";
  for (const [name, rank] of methods) {
    const s = rankingScores(records, (r) => rank(r).map((x) => ({ id: x.id, score: 0 })));
    const chosen = name === used && FUSION.bankWeight === 1 ? "  ← used" : "";
    console.log(`  ${name.padEnd(38)} ${pct(s.hit1)} ${pct(s.hit3)}  ${s.mrr5.toFixed(3)}${chosen}`);
  }
  console.log("");

  const mini = records.map((r) => ({
    question: r.item.question,
    outcome: outcomeOf(miniBaseline.search(r.item.question.q)),
  }));
  table("MiniSearch BM25 baseline", mini, []);
  // fuse.js takes a third of a second a question: a fixed sample of every 150th question.
  const sample = records.filter((_, i) => i % 150 === 0);
  const started = performance.now();
  const fuse = sample.map((r) => ({
    question: r.item.question,
    outcome: outcomeOf(fuseBaseline.search(r.item.question.q)),
  }));
  log(`fuse.js baseline: ${sample.length} questions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  table("fuse.js baseline (every 150th)", fuse, []);
  const w = model.features.map((f, i) => `${f} ${model.weights[i]!.toFixed(2)}`).join(", ");
  console.log(`classifier on all folds: ${w}; bias ${model.bias.toFixed(2)}; threshold ${model.threshold.toFixed(3)}`);
  if (values.verbose) {
    for (const r of ours) {
      const q = r.question;
      const rank = r.outcome.ids.findIndex((id) => isGold(id, q.gold));
      if (q.gold.length ? rank === 0 && r.outcome.answered : !r.outcome.answered) continue;
      const mark =
        q.gold.length === 0 ? "FALSE-ANSWER" : !r.outcome.answered ? "REJECTED" : rank > 0 ? `rank${rank + 1}` : "MISS";
      console.log(
        `${mark.padEnd(12)} ${q.id} [${q.kind}] ${q.q}\n             got ${r.outcome.ids.slice(0, 3).join(", ")} p=${r.record.answer.confidence?.toFixed(2)}`,
      );
    }
  }
} else {
  const file = positionals[0] ?? join(PROJECT_ROOT, "tests/fixtures/calibration.jsonl");
  const questions: EvalQuestion[] = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l, n) => {
      const parsed = evalQuestionSchema.safeParse(JSON.parse(l));
      if (!parsed.success) throw new Error(`${file}:${n + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
  log(`${questions.length} questions from ${file}`);
  const kinds = [...new Set(questions.map((q) => q.kind))].sort();
  const ours = questions.map((question) => ({ question, outcome: outcomeOf(answerLine(brain.answerer, question.q)) }));
  log("wegwijzer done; MiniSearch and fuse.js baselines (fuse.js takes a third of a second a question)");
  const mini = questions.map((question) => ({ question, outcome: outcomeOf(miniBaseline.search(question.q)) }));
  const fuse = questions.map((question) => ({ question, outcome: outcomeOf(fuseBaseline.search(question.q)) }));
  console.log(`question set: ${file} (${questions.length} questions)\n`);
  table("wegwijzer", ours, kinds);
  table("MiniSearch BM25 baseline", mini, kinds);
  table("fuse.js baseline", fuse, kinds);
  if (values.verbose) {
    for (const { question, outcome } of ours) {
      const rank = outcome.ids.findIndex((id) => isGold(id, question.gold));
      const mark =
        question.gold.length === 0
          ? outcome.answered
            ? "FALSE-ANSWER"
            : "rejected-ok"
          : rank === 0
            ? "ok"
            : rank > 0
              ? `rank${rank + 1}`
              : "MISS";
      console.log(
        `${mark.padEnd(12)} ${outcome.answered ? "A" : "-"} ${question.id} ${question.q}\n             gold ${question.gold.join(",")} | got ${outcome.ids.slice(0, 3).join(", ")}`,
      );
    }
  }
}
