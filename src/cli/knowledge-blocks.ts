/**
 * `npm run knowledge:blocks -- <unit-id> [<unit-id> …]`: a unit's title, summary and numbered body
 * blocks (the `block:` numbers of the paraphrase bank), then its bank questions with their blocks.
 * For curators writing bank questions: which block answers a question, and what is asked already.
 */
import { parseArgs } from "node:util";
import { loadBank } from "../knowledge/bank.ts";
import { loadKnowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { blocksOf } from "../search/passages.ts";

const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true });
if (positionals.length === 0) {
  console.error("usage: npm run knowledge:blocks -- <unit-id> [<unit-id> …]   (e.g. wegwijzer-51)");
  process.exit(2);
}
const knowledge = loadKnowledge(KNOWLEDGE_DIR);
const bank = loadBank(KNOWLEDGE_DIR, knowledge);
let unknown = 0;
for (const id of positionals) {
  const unit = knowledge.byId.get(id);
  if (!unit) {
    console.error(`no unit ${id}`);
    unknown++;
    continue;
  }
  console.log(`# ${unit.id}: ${unit.title} (${unit.chapter ?? unit.source})\n${unit.summary}\n`);
  blocksOf(unit.body).forEach((block, i) => {
    console.log(`[block ${i + 1}] ${block}\n`);
  });
  const questions = bank.questions.filter((q) => q.unit === id);
  console.log(`## bank: ${questions.length} questions`);
  for (const q of questions) console.log(`  (${q.kind}, block ${q.block ?? "–"}) ${q.q}`);
  console.log("");
}
process.exit(unknown ? 1 : 0);
