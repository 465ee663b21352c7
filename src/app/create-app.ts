import type { pino } from "pino";
import type { Config } from "../config.ts";
import { ConversationCore } from "../conversation/core.ts";
import { ThemeSearch } from "../conversation/share.ts";
import { combineEvents, type ConversationEvents } from "../conversation/events.ts";
import { KNOWLEDGE_DIR } from "../knowledge/location.ts";
import { loadCalendar, type MunicipalCalendar } from "../lessons/calendar.ts";
import { LessonCommands } from "../lessons/commands.ts";
import { Deliverer } from "../lessons/deliver.ts";
import { Pacer } from "../lessons/pacer.ts";
import { loadLessonPlan, type LessonPlan } from "../lessons/plan.ts";
import type { ProactiveSender } from "../lessons/sender.ts";
import { createLogger, type Logger } from "../log.ts";
import { Store } from "../store/store.ts";
import { RegionalCommands } from "../regional/commands.ts";
import { createBrain, type Brain } from "./brain.ts";
import { combineCommands } from "./commands.ts";
import type { Metrics } from "./metrics.ts";
import { ReviewRecorder } from "./review-recorder.ts";
import { UsageRecorder } from "./usage-recorder.ts";

export interface AppOptions {
  /** the clock, replaceable in tests */
  now?: () => Date;
  /** where log lines go (default: stderr); tests collect them */
  logDestination?: pino.DestinationStream;
  /** a brain built before (tests share one per file; it holds no state) */
  brain?: Brain;
  /** false: no Prometheus metrics (the terminal chat, which nothing scrapes, starts without prom-client) */
  metrics?: boolean;
}

/** A platform's proactive sender, by platform name ("slack", "teams"). */
export type PlatformSenders = Partial<Record<"slack" | "teams", ProactiveSender>>;

/** Everything the server, the terminal chat and the command-line tools run on, built in one place. */
export interface App {
  config: Config;
  log: Logger;
  brain: Brain;
  /** the order of the les van de week */
  plan: LessonPlan;
  /** the municipal year the les van de week follows (knowledge/calendar.yaml) */
  calendar: MunicipalCalendar;
  store: Store;
  core: ConversationCore;
  /** the handbook as theme cards for the compose box and shortcuts (same matcher as the chat) */
  share: ThemeSearch;
  lessons: LessonCommands;
  /** "vraag het de regio": the server adds each configured platform with `regional.usePlatform` */
  regional: RegionalCommands;
  /** Prometheus metrics fed by the core and the deliverer (GET /metrics); none when turned off */
  metrics: Metrics | undefined;
  /** the clock the app runs on (replaceable in tests) */
  now: () => Date;
  /** The scheduler's delivery side, posting through the given senders, each behind its own pacer. */
  createDeliverer(senders: PlatformSenders, instance?: string): Deliverer;
  close(): Promise<void>;
}

/**
 * The composition root: reads the knowledge, builds the index, opens the store and wires the
 * conversation core with the lesson commands. Surfaces and the scheduler are added by the caller.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = createLogger(config, options.logDestination);
  const brain = options.brain ?? createBrain();
  log.info(
    { units: brain.knowledge.units.length, index: brain.restored ? "restored from the build-time snapshot" : "built" },
    "knowledge loaded",
  );
  const plan = loadLessonPlan(KNOWLEDGE_DIR, brain.knowledge);
  const calendar = loadCalendar(KNOWLEDGE_DIR, brain.knowledge);
  const store = await Store.open(config.databaseUrl, { log });
  // Without REVIEW_QUEUE=1 no question text is kept: a queue left from when it was on goes now.
  if (!config.review.enabled) await store.review.purge(new Date(8.64e15));
  const { knowledge, answerer } = brain;
  const now = options.now ? { now: options.now } : {};
  const clock = options.now ?? (() => new Date());
  const lessons = new LessonCommands({
    store,
    plan,
    calendar,
    knowledge,
    answerer,
    ...now,
    ...(config.review.enabled ? { reviewQueueDays: config.review.retentionDays } : {}),
  });
  const share = new ThemeSearch(knowledge, answerer);
  const regional = new RegionalCommands({ store, search: share, log, ...now });
  const metrics = options.metrics === false ? undefined : new (await import("./metrics.ts")).Metrics();
  const watchers: ConversationEvents[] = [new UsageRecorder(store, clock)];
  if (metrics) watchers.push(metrics);
  if (config.review.enabled) watchers.push(new ReviewRecorder(store, config.review.retentionDays, clock));
  const events = combineEvents(watchers, (error) => log.warn({ err: error }, "recording a reply failed"));
  const core = new ConversationCore({
    knowledge,
    answerer,
    feedback: store,
    log,
    logQuestions: config.logQuestions,
    commands: combineCommands(regional, lessons),
    events,
  });
  const pacer = () =>
    new Pacer({
      perSecond: config.deliveryPerSecond,
      burst: Math.max(1, Math.round(config.deliveryPerSecond)),
      perConversationMs: 1000,
    });
  return {
    config,
    log,
    brain,
    plan,
    calendar,
    store,
    core,
    share,
    lessons,
    regional,
    metrics,
    now: clock,
    createDeliverer(senders, instance) {
      const platforms = new Map(Object.entries(senders).map(([name, sender]) => [name, { sender, pacer: pacer() }]));
      return new Deliverer({
        store,
        plan,
        calendar,
        knowledge,
        answerer,
        log,
        platforms,
        ...(metrics ? { events: metrics } : {}),
        ...(instance ? { instance } : {}),
      });
    },
    close: () => store.close(),
  };
}
