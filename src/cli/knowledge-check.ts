/** `npm run knowledge:check`: validates every knowledge file and prints the units per source and kind. */
import { KnowledgeError, loadKnowledge, type Knowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { loadCalendar } from "../lessons/calendar.ts";
import { loadLessonPlan } from "../lessons/plan.ts";

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
  console.log(`les van de week: ${plan.tracks.standaard.length} lessons in lessons.yaml, starter track opens with ${plan.tracks.starter.slice(0, 3).map((l) => l.unit.id).join(", ")}`);
  const calendar = loadCalendar(KNOWLEDGE_DIR, knowledge);
  console.log(`calendar: ${calendar.periods.length} periods in calendar.yaml (${calendar.periods.filter((p) => p.event).length} around elections)`);
} catch (error) {
  console.error(error instanceof KnowledgeError ? error.message : `knowledge check failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
