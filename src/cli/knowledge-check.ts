/** `npm run knowledge:check`: validates every knowledge file and prints the units per source and kind. */
import { bankCounts, loadBank } from "../knowledge/bank.ts";
import { checkEnglishBridge, readSynonymsFile } from "../knowledge/english-bridge.ts";
import { KnowledgeError, loadKnowledge, type Knowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { loadCalendar } from "../lessons/calendar.ts";
import { loadLessonPlan } from "../lessons/plan.ts";
import { CONFIDENCE_MODEL_FILE, loadConfidenceModel } from "../search/confidence.ts";

export function knowledgeSummary(knowledge: Knowledge): string[] {
  const lines: string[] = [];
  for (const source of knowledge.sources.values()) {
    const units = knowledge.units.filter((u) => u.source === source.id);
    const kinds = new Map<string, number>();
    for (const unit of units) kinds.set(unit.kind, (kinds.get(unit.kind) ?? 0) + 1);
    const detail = [...kinds].map(([kind, count]) => `${count} ${kind}`).join(", ");
    lines.push(`${source.shortTitle} (${source.id}): ${units.length} units: ${detail}`);
  }
  lines.push(`total: ${knowledge.units.length} units, every file valid`);
  return lines;
}

try {
  const knowledge = loadKnowledge(KNOWLEDGE_DIR);
  for (const line of knowledgeSummary(knowledge)) console.log(line);
  const plan = loadLessonPlan(KNOWLEDGE_DIR, knowledge);
  const bank = loadBank(KNOWLEDGE_DIR, knowledge);
  const counts = bankCounts(knowledge, bank);
  console.log(`\nparaphrase bank (knowledge/bank/): unit, questions, English, blocks covered`);
  for (const c of counts) {
    console.log(
      `  ${c.unit.padEnd(34)} ${String(c.questions).padStart(3)} ${String(c.english).padStart(3)}  ${c.covered}/${c.blocks}${c.shortfalls.length ? `  ⚠ ${c.shortfalls.join("; ")}` : ""}`,
    );
  }
  const short = counts.filter((c) => c.shortfalls.length).length;
  const kinds = new Map<string, number>();
  for (const q of bank.unanswerable) kinds.set(q.kind, (kinds.get(q.kind) ?? 0) + 1);
  console.log(
    `bank: ${bank.questions.length} questions (${bank.questions.filter((q) => q.block !== undefined).length} with a gold block) for ${new Set(bank.questions.map((q) => q.unit)).size} units; ${short} of ${counts.length} numbered units fall short of the rules`,
  );
  console.log(
    `unanswerable: ${bank.unanswerable.length} questions (${[...kinds].map(([k, n]) => `${n} ${k}`).join(", ")})`,
  );
  console.log(
    `concepts: ${bank.concepts.length} concepts, ${bank.concepts.reduce((n, c) => n + c.phrases.length, 0)} phrases`,
  );
  const synonyms = readSynonymsFile(KNOWLEDGE_DIR);
  const bridge = checkEnglishBridge(synonyms, knowledge);
  console.log(
    `english bridge (synonyms.yaml): ${Object.keys(synonyms.english).length} English words and phrases, ${bridge.length ? `${bridge.length} problems` : "no Dutch word among them, every replacement a handbook word"}`,
  );
  for (const problem of bridge) console.log(`  ✗ ${problem.key}: ${problem.message}`);
  if (bridge.length) process.exitCode = 1;
  const model = loadConfidenceModel(KNOWLEDGE_DIR);
  if (!model)
    console.log(
      `⚠ no ${CONFIDENCE_MODEL_FILE}: the bot decides with the older coverage rules; run npm run train:confidence\n`,
    );
  else if (
    model.trainedOn.positives !== bank.questions.length ||
    model.trainedOn.negatives !== bank.unanswerable.length
  ) {
    console.log(
      `⚠ ${CONFIDENCE_MODEL_FILE} was trained on ${model.trainedOn.positives} + ${model.trainedOn.negatives} questions, the bank now has ${bank.questions.length} + ${bank.unanswerable.length}: run npm run train:confidence\n`,
    );
  } else console.log(`${CONFIDENCE_MODEL_FILE}: trained on the current bank\n`);
  console.log(
    `les van de week: ${plan.tracks.standaard.length} lessons in lessons.yaml, starter track opens with ${plan.tracks.starter
      .slice(0, 3)
      .map((l) => l.unit.id)
      .join(", ")}`,
  );
  const calendar = loadCalendar(KNOWLEDGE_DIR, knowledge);
  console.log(
    `calendar: ${calendar.periods.length} periods in calendar.yaml (${calendar.periods.filter((p) => p.event).length} around elections)`,
  );
} catch (error) {
  console.error(
    error instanceof KnowledgeError ? error.message : `knowledge check failed: ${(error as Error).message}`,
  );
  process.exitCode = 1;
}
