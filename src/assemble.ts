import { ConversationCore } from "./conversation/core.ts";
import { LessonCommands } from "./lessons/commands.ts";
import type { Logger } from "./log.ts";
import type { Brain } from "./search/create.ts";
import type { Store } from "./store/store.ts";

export interface AssembleOptions {
  brain: Brain;
  store: Store;
  log: Logger;
  logQuestions: boolean;
  /** the clock, replaceable in tests */
  now?: () => Date;
}

/** The conversation core with everything plugged in: search, store-backed feedback and the lesson commands. */
export function assembleCore({ brain, store, log, logQuestions, now }: AssembleOptions): { core: ConversationCore; lessons: LessonCommands } {
  const lessons = new LessonCommands({ store, plan: brain.plan, knowledge: brain.knowledge, answerer: brain.answerer, ...(now ? { now } : {}) });
  const core = new ConversationCore({ brain, feedback: store, log, logQuestions, commands: lessons });
  return { core, lessons };
}
