import type { App } from "@microsoft/teams.apps";
import type { Config } from "./config.ts";
import { ConversationCore } from "./conversation/core.ts";
import { Deliverer } from "./lessons/deliver.ts";
import { Pacer } from "./lessons/pacer.ts";
import type { ProactiveSender } from "./lessons/sender.ts";
import { SlackSender } from "./surfaces/slack/slack-sender.ts";
import { TeamsSender } from "./surfaces/teams/teams-sender.ts";
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

/** The scheduler's senders, one per configured platform, each behind its own pacer. */
export function deliveryPlatforms(config: Config, teamsApp: App | undefined): Map<string, { sender: ProactiveSender; pacer: Pacer }> {
  const platforms = new Map<string, { sender: ProactiveSender; pacer: Pacer }>();
  const pacer = () => new Pacer({ perSecond: config.deliveryPerSecond, burst: Math.max(1, Math.round(config.deliveryPerSecond)), perConversationMs: 1000 });
  if (config.slack) platforms.set("slack", { sender: new SlackSender(config.slack), pacer: pacer() });
  if (config.teams && teamsApp) platforms.set("teams", { sender: new TeamsSender(teamsApp), pacer: pacer() });
  return platforms;
}

export function createDeliverer(options: AssembleOptions & { config: Config; teamsApp: App | undefined; instance?: string }): Deliverer {
  const { brain, store, log, config, teamsApp, instance } = options;
  return new Deliverer({ store, plan: brain.plan, knowledge: brain.knowledge, answerer: brain.answerer, log, platforms: deliveryPlatforms(config, teamsApp), ...(instance ? { instance } : {}) });
}
