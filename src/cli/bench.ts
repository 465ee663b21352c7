/**
 * `npm run bench [-- file.jsonl]`: speed and memory of the matcher beside the fuse.js baseline:
 * index build time (bank included) and the time to restore it from its build-time snapshot (what
 * `npm start` does), p50/p99 latency of answer() and heap after build. Questions:
 * the in-repo calibration set plus every 10th question of the bank and of the unanswerable set
 * (or the given file). A benchmark, not a test.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { restoreBrain, snapshotOf } from "../app/brain.ts";
import { writeBrainSnapshot } from "../app/brain-snapshot.ts";
import { loadBank } from "../knowledge/bank.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR, PROJECT_ROOT } from "../knowledge/location.ts";
import { Answerer } from "../search/answer.ts";
import { FuseBaseline } from "../search/baseline.ts";
import { loadConfidenceModel } from "../search/confidence.ts";
import { Matcher } from "../search/matcher.ts";
import { loadSynonyms } from "../search/synonyms.ts";

const file = process.argv.slice(2).find((a) => !a.startsWith("--"));
const rounds = 10;
/** fuse.js takes a third of a second a question: one round over a small sample. */
const fuseQuestions = 15;
const jsonl = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q: string }).q);

function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
}
function latencies(
  answer: (q: string) => unknown,
  questions: readonly string[],
  rounds: number,
): { p50: number; p99: number; mean: number } {
  for (const q of questions.slice(0, 50)) answer(q); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of questions) samples.push(time(() => answer(q))[1]);
    console.error(`… round ${r + 1}/${rounds}: ${questions.length} questions`);
  }
  samples.sort((a, b) => a - b);
  return {
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    mean: samples.reduce((a, b) => a + b, 0) / samples.length,
  };
}

const before = heapMb();
const [knowledge, loadMs] = time(() => loadKnowledge(KNOWLEDGE_DIR));
const [bank, bankMs] = time(() => loadBank(KNOWLEDGE_DIR, knowledge));
const [synonyms] = time(() => loadSynonyms(KNOWLEDGE_DIR));
const model = loadConfidenceModel(KNOWLEDGE_DIR);
const [answerer, buildMs] = time(() => new Answerer(new Matcher(knowledge, synonyms, bank), bank, model));
const heapOurs = heapMb() - before;
// The first build runs cold (as at start-up: nothing compiled by the JIT yet); rebuilds show the warm cost.
const rebuilds = Array.from(
  { length: 5 },
  () => time(() => new Answerer(new Matcher(knowledge, synonyms, bank), bank, model))[1],
).sort((a, b) => a - b);
const warmBuildMs = rebuilds[2]!;
// Restoring from the snapshot, as the start-up does: read, check, validate and restore (median of 5).
const snapshotDir = mkdtempSync(join(tmpdir(), "wegwijzer-bench-"));
const snapshotFile = join(snapshotDir, "brain-index.json");
writeBrainSnapshot(snapshotFile, snapshotOf({ matcher: answerer.ranker.matcher, answerer }));
const restores = Array.from({ length: 5 }, () =>
  time(() => {
    if (!restoreBrain({ knowledge, bank, synonyms, model }, snapshotFile))
      throw new Error("the snapshot just written does not fit");
  }),
)
  .map(([, ms]) => ms)
  .sort((a, b) => a - b);
rmSync(snapshotDir, { recursive: true, force: true });
const questions = file
  ? jsonl(file)
  : [
      ...jsonl(join(PROJECT_ROOT, "tests/fixtures/calibration.jsonl")),
      ...bank.questions.filter((_, i) => i % 10 === 0).map((q) => q.q),
      ...bank.unanswerable.filter((_, i) => i % 10 === 0).map((q) => q.q),
    ];
console.error(
  `… index built in ${buildMs.toFixed(0)} ms; timing answer() over ${questions.length} questions × ${rounds}`,
);
const ours = latencies((q) => answerer.answer(q), questions, rounds);

const beforeFuse = heapMb();
const [baseline, fuseBuildMs] = time(() => new FuseBaseline(knowledge));
const heapFuse = heapMb() - beforeFuse;
console.error(`… fuse.js baseline: ${fuseQuestions} questions, one round`);
const theirs = latencies(
  (q) => baseline.search(q),
  questions.filter((_, i) => i % Math.floor(questions.length / fuseQuestions) === 0).slice(0, fuseQuestions),
  1,
);

const f = (x: number) => x.toFixed(2).padStart(8);
console.log(
  `questions: ${questions.length} × ${rounds} rounds (${file ?? "calibration set + every 10th bank and unanswerable question"}), fuse.js ${fuseQuestions} × 1; node ${process.version}${globalThis.gc ? "" : " (run with --expose-gc for exact heap)"}`,
);
console.log(
  `knowledge load (read + validate ${knowledge.units.length} files): ${loadMs.toFixed(1)} ms; bank (${bank.questions.length} + ${bank.unanswerable.length} questions, ${bank.concepts.length} concepts): ${bankMs.toFixed(1)} ms`,
);
console.log(`engine              build ms   p50 ms   p99 ms  mean ms   heap MB`);
console.log(`wegwijzer matcher  ${f(buildMs)} ${f(ours.p50)} ${f(ours.p99)} ${f(ours.mean)}  ${f(heapOurs)}`);
console.log(
  `(build: ${buildMs.toFixed(0)} ms cold, the first in the process; median of 5 warm rebuilds ${warmBuildMs.toFixed(0)} ms;` +
    ` restored from the build-time snapshot as at start-up: median ${restores[2]!.toFixed(0)} ms, fingerprint and validation included)`,
);
console.log(`fuse.js baseline   ${f(fuseBuildMs)} ${f(theirs.p50)} ${f(theirs.p99)} ${f(theirs.mean)}  ${f(heapFuse)}`);
