/**
 * `npm run build:knowledge`: writes what the start-up would otherwise compute from the knowledge:
 * dist/knowledge-yaml.json, the parsed YAML of every knowledge file keyed by content hash (see
 * src/knowledge/yaml-cache.ts), and dist/brain-index.json, the built search index (see
 * src/app/brain-snapshot.ts). The set-up step runs it after each build and whenever a knowledge
 * file changes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildBrainSnapshot } from "../app/brain.ts";
import { BRAIN_SNAPSHOT_FILE } from "../app/brain-snapshot.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { recordYaml, YAML_CACHE_FILE } from "../knowledge/yaml-cache.ts";
import { loadCalendar } from "../lessons/calendar.ts";
import { loadLessonPlan } from "../lessons/plan.ts";

mkdirSync(dirname(YAML_CACHE_FILE), { recursive: true });
const stop = recordYaml();
const { knowledge } = buildBrainSnapshot(KNOWLEDGE_DIR, BRAIN_SNAPSHOT_FILE);
loadLessonPlan(KNOWLEDGE_DIR, knowledge);
loadCalendar(KNOWLEDGE_DIR, knowledge);
const entries = stop();
writeFileSync(YAML_CACHE_FILE, JSON.stringify(entries));
console.error(
  `knowledge cache: ${Object.keys(entries).length} parsed YAML texts in ${YAML_CACHE_FILE}, the search index in ${BRAIN_SNAPSHOT_FILE}`,
);
