/**
 * `npm start`: with Slack or Teams credentials, serves them over HTTP on one port; with none,
 * opens the terminal chat on the same conversation core.
 */
import { createApp } from "./app/create-app.ts";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { texts } from "./conversation/texts.ts";
import { withDeadline } from "./server/resilience.ts";
import { TerminalSurface } from "./surfaces/terminal.ts";

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
  // In the terminal chat nothing scrapes metrics: it starts without them.
  const app = await createApp(terminal && !process.env.LOG_LEVEL ? { ...config, logLevel: "warn" } : config, {
    metrics: !terminal,
  });

  if (terminal) {
    // A reader that goes away (`| head`) ends the chat quietly instead of crashing on EPIPE.
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
      process.exit(0);
    });
    await new TerminalSurface({
      core: app.core,
      input: process.stdin,
      output: process.stdout,
      notes: unconfiguredNotes(config),
    }).start();
    await app.close();
    return;
  }

  // The platform SDKs are loaded only when a platform is configured: the terminal starts faster without them.
  const { startServer } = await import("./server/server.ts");
  const server = await startServer(app);
  // Nothing that goes wrong later (a dropped connection, a platform call that fails) ends the process.
  process.on("unhandledRejection", (reason) => app.log.error({ err: reason }, "unhandled rejection"));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    // Even when a call hangs, the process ends: after the grace period, and then the hard deadline.
    const hard = setTimeout(() => {
      app.log.warn("shutdown deadline reached; exiting");
      process.exit(0);
    }, SHUTDOWN_DEADLINE_MS);
    hard.unref();
    try {
      await server.close(SHUTDOWN_GRACE_MS);
      await withDeadline(app.close(), 2_000, "closing the store");
    } catch (error) {
      app.log.warn({ err: error }, "shutdown incomplete");
    }
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}

/** In-flight replies and the delivery pass get this long after SIGTERM; the process is gone before the hard deadline. */
const SHUTDOWN_GRACE_MS = 8_000;
const SHUTDOWN_DEADLINE_MS = 12_000;

main().catch((error: unknown) => {
  console.error(`Wegwijzer could not start: ${(error as Error).message}`);
  process.exitCode = 1;
});
