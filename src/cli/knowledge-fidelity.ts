/**
 * `npm run knowledge:fidelity -- <seeds folder>`: checks that every sentence of each source's seed
 * text is found in the knowledge units of that source; fails below the threshold (default 99%).
 */
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { applyExclusions, measureFidelity } from "../knowledge/fidelity.ts";
import { KnowledgeError, loadKnowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";

const THRESHOLD = Number(process.env.FIDELITY_THRESHOLD ?? "0.99");

function main(argv: string[]): number {
  const seeds = argv.find((a) => !a.startsWith("--"));
  const verbose = argv.includes("--verbose");
  if (!seeds) {
    console.error("usage: npm run knowledge:fidelity -- <seeds folder> [--verbose]");
    return 2;
  }
  const knowledge = loadKnowledge(KNOWLEDGE_DIR);
  let ok = true;
  for (const source of knowledge.sources.values()) {
    const seedText = applyExclusions(readFileSync(join(resolve(seeds), source.seed), "utf8"), source.fidelity.exclude);
    const texts = knowledge.units
      .filter((u) => u.source === source.id)
      .map((u) => [u.part, u.chapter, `${u.number ?? ""} ${u.title}`, u.body].filter(Boolean).join("\n"));
    const report = measureFidelity(seedText, texts);
    const pass = report.coverage >= THRESHOLD;
    ok &&= pass;
    console.log(
      `${pass ? "ok  " : "FAIL"} ${source.id}: ${(report.coverage * 100).toFixed(2)}% ` +
        `(${report.found}/${report.sentences} sentences found)`,
    );
    for (const sentence of report.missing.slice(0, verbose ? undefined : 5)) console.log(`       missing: ${sentence}`);
    if (!verbose && report.missing.length > 5)
      console.log(`       … ${report.missing.length - 5} more (--verbose lists all)`);
  }
  console.log(ok ? `fidelity ok (threshold ${THRESHOLD * 100}%)` : `fidelity below ${THRESHOLD * 100}%`);
  return ok ? 0 : 1;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof KnowledgeError ? error.message : `fidelity check failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
