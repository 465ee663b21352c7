import { type Bank, loadBank } from "../knowledge/bank.ts";
import { loadKnowledge, type Knowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { Answerer } from "../search/answer.ts";
import { type ConfidenceModel, loadConfidenceModel } from "../search/confidence.ts";
import { Matcher } from "../search/matcher.ts";
import { loadSynonyms, type Synonyms } from "../search/synonyms.ts";
import {
  BRAIN_SNAPSHOT_FILE,
  type BrainSnapshot,
  brainFingerprint,
  readBrainSnapshot,
  writeBrainSnapshot,
} from "./brain-snapshot.ts";

/** Everything `answer()` needs: the validated knowledge and the search index built from it. */
export interface Brain {
  knowledge: Knowledge;
  /** the paraphrase bank, the questions the handbook cannot answer, the phrase concepts */
  bank: Bank;
  matcher: Matcher;
  answerer: Answerer;
  /** whether the index was restored from its build-time snapshot (brain-snapshot.ts) instead of built */
  restored: boolean;
}

export interface BrainOptions {
  /** the build-time snapshot to restore the index from, when it fits; false: always build */
  snapshotFile?: string | false;
}

/** What the index is built from: the loaded knowledge, bank, synonyms and trained model. */
export interface BrainParts {
  knowledge: Knowledge;
  bank: Bank;
  synonyms: Synonyms;
  model: ConfidenceModel | undefined;
}

/** Loads the knowledge and builds the search index (or restores it from its snapshot); no I/O after this. */
export function createBrain(dir: string = KNOWLEDGE_DIR, options: BrainOptions = {}): Brain {
  const knowledge = loadKnowledge(dir);
  const bank = loadBank(dir, knowledge);
  const parts = { knowledge, bank, synonyms: loadSynonyms(dir), model: loadConfidenceModel(dir) };
  const file = options.snapshotFile ?? BRAIN_SNAPSHOT_FILE;
  const restored = file === false ? undefined : restoreBrain(parts, file, dir);
  if (restored) return restored;
  const matcher = new Matcher(knowledge, parts.synonyms, bank);
  return { knowledge, bank, matcher, answerer: new Answerer(matcher, bank, parts.model), restored: false };
}

/** The index restored from the snapshot in `file`, when it was built from the knowledge in `dir` by this code. */
export function restoreBrain(parts: BrainParts, file: string, dir: string = KNOWLEDGE_DIR): Brain | undefined {
  const snapshot = readBrainSnapshot(file, brainFingerprint(dir));
  if (!snapshot) return undefined;
  const { knowledge, bank, synonyms, model } = parts;
  try {
    const matcher = new Matcher(knowledge, synonyms, bank, snapshot.matcher);
    const answerer = new Answerer(matcher, bank, model, snapshot.ranker);
    return { knowledge, bank, matcher, answerer, restored: true };
  } catch {
    return undefined; // arrays that do not fit the knowledge: the caller builds instead
  }
}

/** The brain's index as a snapshot that `createBrain` restores for the same knowledge and code. */
export function snapshotOf(brain: Pick<Brain, "matcher" | "answerer">, dir: string = KNOWLEDGE_DIR): BrainSnapshot {
  return {
    fingerprint: brainFingerprint(dir),
    matcher: brain.matcher.snapshot(),
    ranker: brain.answerer.ranker.snapshot(),
  };
}

/** Builds the index afresh from the knowledge in `dir` and writes its snapshot (the build step). */
export function buildBrainSnapshot(dir: string = KNOWLEDGE_DIR, file: string = BRAIN_SNAPSHOT_FILE): Brain {
  const brain = createBrain(dir, { snapshotFile: false });
  writeBrainSnapshot(file, snapshotOf(brain, dir));
  return brain;
}
