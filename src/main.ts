/**
 * `npm start`: with Slack or Teams credentials, serves them over HTTP on one port; with none,
 * opens the terminal chat on the same conversation core.
 */
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { assembleCore } from "./assemble.ts";
import { texts } from "./conversation/texts.ts";
import { createLogger } from "./log.ts";
import { createBrain } from "./search/create.ts";
import { startServer } from "./server/server.ts";
import { Store } from "./store/store.ts";
import { runTerminalChat } from "./surfaces/terminal.ts";

function unconfiguredNotes(config: Config): string[] {
  const notes: string[] = [];
  if (!config.slack) notes.push(texts.terminal.notConfigured("Slack", "SLACK_BOT_TOKEN en SLACK_SIGNING_SECRET"));
  if (!config.teams) notes.push(texts.terminal.notConfigured("Teams", "TEAMS_CLIENT_ID en TEAMS_CLIENT_SECRET"));
  return notes;
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const terminal = !config.slack && !config.teams;
  // In the terminal chat, routine log lines would run through the conversation; warnings still show.
  const log = createLogger({ ...config, logLevel: terminal && !process.env.LOG_LEVEL ? "warn" : config.logLevel });
  const store = await Store.open(config.databaseUrl);
  const brain = createBrain();
  const { core } = assembleCore({ brain, store, log, logQuestions: config.logQuestions });

  if (terminal) {
    await runTerminalChat({ core, input: process.stdin, output: process.stdout, notes: unconfiguredNotes(config) });
    await store.close();
    return;
  }

  const server = await startServer({ config, core, brain, store, log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down");
    await server.close();
    await store.close();
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(`Wegwijzer could not start: ${(error as Error).message}`);
  process.exitCode = 1;
});
