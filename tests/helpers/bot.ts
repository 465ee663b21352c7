import { Writable } from "node:stream";
import { createBrain, type Brain } from "../../src/app/brain.ts";
import { createApp, type App } from "../../src/app/create-app.ts";
import { loadConfig } from "../../src/config.ts";
import { KNOWLEDGE_DIR } from "../../src/knowledge/location.ts";
import { loadLessonPlan, type LessonPlan } from "../../src/lessons/plan.ts";
import { startServer, type RunningServer } from "../../src/server/server.ts";
import type { Store } from "../../src/store/store.ts";

let brain: Brain | undefined;
let plan: LessonPlan | undefined;
/** The index is built once per test file; it holds no state. */
export function sharedBrain(): Brain {
  return (brain ??= createBrain());
}
/** The les van de week order over the shared brain's knowledge. */
export function sharedPlan(): LessonPlan {
  return (plan ??= loadLessonPlan(KNOWLEDGE_DIR, sharedBrain().knowledge));
}

/** Collects log lines, so tests can check what the logs (do not) carry. */
export class LogSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
}

/** The whole app as production builds it, on an in-memory store by default, with silent logs. */
export async function testApp(
  options: { env?: Record<string, string>; now?: () => Date; logs?: LogSink; metrics?: boolean } = {},
): Promise<App> {
  const config = loadConfig({ LOG_LEVEL: options.logs ? "info" : "silent", DATABASE_URL: ":memory:", ...options.env });
  return createApp(config, {
    brain: sharedBrain(),
    ...(options.now ? { now: options.now } : {}),
    ...(options.logs ? { logDestination: options.logs } : {}),
    ...(options.metrics === false ? { metrics: false } : {}),
  });
}

export interface TestBot {
  server: RunningServer;
  store: Store;
  logs: LogSink;
  stop(): Promise<void>;
}

/** The real server on 127.0.0.1 with a port of its own, configured like production from an environment. */
export async function startTestBot(
  env: Record<string, string>,
  databaseUrl = ":memory:",
  now?: () => Date,
): Promise<TestBot> {
  const logs = new LogSink();
  const app = await testApp({
    env: { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: databaseUrl, ...env },
    logs,
    ...(now ? { now } : {}),
  });
  const server = await startServer(app, { scheduler: false });
  return {
    server,
    store: app.store,
    logs,
    async stop() {
      await server.close();
      await app.close();
    },
  };
}

/** A Slack channel the bot knows, subscribed to the les van de week on Monday 08:30 (Amsterdam). */
export async function subscribeSlackChannel(
  store: Store,
  channel: string,
  options: { track?: string; at?: Date } = {},
): Promise<void> {
  const id = `slack:T1:${channel}`;
  await store.saveConversation({ id, platform: "slack", isDirect: false, reference: { channel } });
  await store.subscriptions.upsert(
    {
      id,
      platform: "slack",
      isDirect: false,
      weekday: 1,
      time: "08:30",
      timeZone: "Europe/Amsterdam",
      track: options.track ?? "standaard",
      createdBy: "U1",
    },
    options.at ?? new Date("2026-11-20T00:00:00Z"),
  );
}
