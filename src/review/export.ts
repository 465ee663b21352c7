import { isAbsolute, relative, resolve } from "node:path";
import { stringify } from "yaml";
import type { EvalQuestion } from "../eval/metrics.ts";
import type { Knowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";

/** A handled review entry as the export needs it: the scrubbed question and the curator's label. */
export interface LabelledQuestion {
  id: string;
  question: string;
  /** a unit ID, or "none" (not in the handbook) */
  label: string;
  reason: string;
}

export interface ReviewExport {
  /** unit ID → the YAML patch text for that unit */
  patches: Map<string, string>;
  /** one eval question per line, as `npm run eval` reads them */
  jsonl: string;
  /** entries whose label no longer names a unit (left out) */
  unknown: string[];
}

/** Turns curated questions into a YAML patch per unit (suggested `questions`) and a labelled JSONL for the eval. */
export function buildReviewExport(
  entries: readonly LabelledQuestion[],
  knowledge: Knowledge,
  options: { root: string; date: string },
): ReviewExport {
  const byUnit = new Map<string, LabelledQuestion[]>();
  const lines: string[] = [];
  const unknown: string[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const none = entry.label === "none";
    if (!none && !knowledge.byId.has(entry.label)) {
      unknown.push(entry.id);
      continue;
    }
    const key = `${entry.label}|${entry.question.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const item: EvalQuestion = {
      id: `review-${entry.id.slice(0, 8)}`,
      q: entry.question,
      gold: none ? [] : [entry.label],
      kind: none ? "review-off-topic" : "review",
    };
    lines.push(JSON.stringify(item));
    if (!none) byUnit.set(entry.label, [...(byUnit.get(entry.label) ?? []), entry]);
  }
  const patches = new Map<string, string>();
  for (const [unitId, items] of [...byUnit].sort(([a], [b]) => a.localeCompare(b))) {
    const unit = knowledge.byId.get(unitId)!;
    const file = relative(options.root, isAbsolute(unit.path) ? unit.path : resolve(KNOWLEDGE_DIR, unit.path));
    const header = [
      `# Review export ${options.date}: questions curators linked to ${unitId} (${unit.title}).`,
      `# Suggested additions: copy the good ones into \`questions:\` of ${file} (at most 10 there)`,
      `# or into the unit's paraphrase bank, then run npm run knowledge:check and npm run eval.`,
      "# The questions were scrubbed when stored: [naam], [nummer] and the like are placeholders.",
    ].join("\n");
    const body = stringify(
      { unit: unitId, file, questions: items.map((i) => ({ q: i.question, kind: "review", reason: i.reason })) },
      { lineWidth: 0 },
    );
    patches.set(unitId, `${header}\n${body}`);
  }
  return { patches, jsonl: lines.length ? `${lines.join("\n")}\n` : "", unknown };
}
