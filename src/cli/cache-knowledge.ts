/**
 * `npm run build:knowledge`: writes dist/knowledge-yaml.json, the parsed YAML of every knowledge
 * file keyed by content hash (see src/knowledge/yaml-cache.ts), by loading everything the bot loads
 * at start-up. The set-up step runs it whenever a knowledge file changes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { createBrain } from "../app/brain.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { recordYaml, YAML_CACHE_FILE } from "../knowledge/yaml-cache.ts";
import { loadCalendar } from "../lessons/calendar.ts";
import { loadLessonPlan } from "../lessons/plan.ts";

const stop = recordYaml();
const { knowledge } = createBrain(KNOWLEDGE_DIR);
loadLessonPlan(KNOWLEDGE_DIR, knowledge);
loadCalendar(KNOWLEDGE_DIR, knowledge);
const entries = stop();
mkdirSync(dirname(YAML_CACHE_FILE), { recursive: true });
writeFileSync(YAML_CACHE_FILE, JSON.stringify(entries));
console.error(`knowledge cache: ${Object.keys(entries).length} parsed YAML texts in ${YAML_CACHE_FILE}`);
