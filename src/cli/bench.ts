/**
 * `npm run bench`: speed and memory of the matcher beside the fuse.js baseline: index build time,
 * p50/p99 latency of answer() over the dev questions, and heap after build. A benchmark, not a test.
 */
import { readFileSync } from "node:fs";
import { loadKnowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { Answerer } from "../search/answer.ts";
import { FuseBaseline } from "../search/baseline.ts";
import { Matcher } from "../search/matcher.ts";
import { loadSynonyms } from "../search/synonyms.ts";

const file = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? new URL("../../../shared/eval/questions.dev.jsonl", import.meta.url).pathname;
const rounds = 20;
const questions = readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => (JSON.parse(l) as { q: string }).q);

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
function latencies(answer: (q: string) => unknown): { p50: number; p99: number; mean: number } {
  for (const q of questions) answer(q); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) for (const q of questions) samples.push(time(() => answer(q))[1]);
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

const before = heapMb();
const [knowledge, loadMs] = time(() => loadKnowledge(KNOWLEDGE_DIR));
const [synonyms] = time(() => loadSynonyms(KNOWLEDGE_DIR));
const [matcher, buildMs] = time(() => new Matcher(knowledge, synonyms));
const answerer = new Answerer(matcher);
const heapOurs = heapMb() - before;
const ours = latencies((q) => answerer.answer(q));

const beforeFuse = heapMb();
const [baseline, fuseBuildMs] = time(() => new FuseBaseline(knowledge));
const heapFuse = heapMb() - beforeFuse;
const theirs = latencies((q) => baseline.search(q));

const f = (x: number) => x.toFixed(2).padStart(8);
console.log(`questions: ${questions.length} × ${rounds} rounds (${file}); node ${process.version}${globalThis.gc ? "" : " (run with --expose-gc for exact heap)"}`);
console.log(`knowledge load (read + validate ${knowledge.units.length} files): ${loadMs.toFixed(1)} ms`);
console.log(`engine              build ms   p50 ms   p99 ms  mean ms   heap MB`);
console.log(`wegwijzer matcher  ${f(buildMs)} ${f(ours.p50)} ${f(ours.p99)} ${f(ours.mean)}  ${f(heapOurs)}`);
console.log(`fuse.js baseline   ${f(fuseBuildMs)} ${f(theirs.p50)} ${f(theirs.p99)} ${f(theirs.mean)}  ${f(heapFuse)}`);
