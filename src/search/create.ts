import { loadKnowledge, type Knowledge } from "../knowledge/load.ts";
import { loadLessonPlan, type LessonPlan } from "../lessons/plan.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { Answerer } from "./answer.ts";
import { Matcher } from "./matcher.ts";
import { loadSynonyms } from "./synonyms.ts";

export interface Brain {
  knowledge: Knowledge;
  matcher: Matcher;
  answerer: Answerer;
  /** the order of the les van de week */
  plan: LessonPlan;
}

/** Loads the knowledge and builds the search index: everything `answer()` needs, no I/O after this. */
export function createBrain(dir: string = KNOWLEDGE_DIR): Brain {
  const knowledge = loadKnowledge(dir);
  const matcher = new Matcher(knowledge, loadSynonyms(dir));
  return { knowledge, matcher, answerer: new Answerer(matcher), plan: loadLessonPlan(dir, knowledge) };
}
