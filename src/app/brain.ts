import { type Bank, loadBank } from "../knowledge/bank.ts";
import { loadKnowledge, type Knowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { Answerer } from "../search/answer.ts";
import { loadConfidenceModel } from "../search/confidence.ts";
import { Matcher } from "../search/matcher.ts";
import { loadSynonyms } from "../search/synonyms.ts";

/** Everything `answer()` needs: the validated knowledge and the search index built from it. */
export interface Brain {
  knowledge: Knowledge;
  /** the paraphrase bank, the questions the handbook cannot answer, the phrase concepts */
  bank: Bank;
  matcher: Matcher;
  answerer: Answerer;
}

/** Loads the knowledge and builds the search index; no I/O after this. */
export function createBrain(dir: string = KNOWLEDGE_DIR): Brain {
  const knowledge = loadKnowledge(dir);
  const bank = loadBank(dir, knowledge);
  const matcher = new Matcher(knowledge, loadSynonyms(dir), bank);
  return { knowledge, bank, matcher, answerer: new Answerer(matcher, bank, loadConfidenceModel(dir)) };
}
