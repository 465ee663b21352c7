import { Writable } from "node:stream";
import { loadConfig } from "../../src/config.ts";
import { assembleCore } from "../../src/assemble.ts";
import { createLogger } from "../../src/log.ts";
import { createBrain, type Brain } from "../../src/search/create.ts";
import { startServer, type RunningServer } from "../../src/server/server.ts";
import { Store } from "../../src/store/store.ts";

let brain: Brain | undefined;
/** The index is built once per test file; it holds no state. */
export function sharedBrain(): Brain {
  return (brain ??= createBrain());
}

/** Collects log lines, so tests can check what the logs (do not) carry. */
export class LogSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
}

export interface TestBot {
  server: RunningServer;
  store: Store;
  logs: LogSink;
  stop(): Promise<void>;
}

/** The real server on 127.0.0.1 with a port of its own, configured like production from an environment. */
export async function startTestBot(env: Record<string, string>, databaseUrl = ":memory:", now?: () => Date): Promise<TestBot> {
  const config = loadConfig({ PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", ...env });
  const logs = new LogSink();
  const log = createLogger(config, logs);
  const store = await Store.open(databaseUrl);
  const { core } = assembleCore({ brain: sharedBrain(), store, log, logQuestions: config.logQuestions, ...(now ? { now } : {}) });
  const server = await startServer({ config, core, brain: sharedBrain(), store, log, scheduler: false });
  return {
    server,
    store,
    logs,
    async stop() {
      await server.close();
      await store.close();
    },
  };
}
