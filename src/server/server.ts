import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../config.ts";
import type { ConversationCore } from "../conversation/core.ts";
import type { Logger } from "../log.ts";
import type { Brain } from "../search/create.ts";
import { createDeliverer } from "../assemble.ts";
import type { Deliverer } from "../lessons/deliver.ts";
import { Scheduler } from "../lessons/scheduler.ts";
import type { Store } from "../store/store.ts";
import { SlackSurface } from "../surfaces/slack/slack-surface.ts";
import { TeamsSurface } from "../surfaces/teams/teams-surface.ts";
import { createHttpApp, finishHttpApp } from "./http-app.ts";

export interface ServerDeps {
  config: Config;
  core: ConversationCore;
  brain: Brain;
  store: Store;
  log: Logger;
  /** run the les van de week every minute (default); tests drive passes themselves */
  scheduler?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  slack: SlackSurface | undefined;
  teams: TeamsSurface | undefined;
  deliverer: Deliverer;
  close(): Promise<void>;
}

/**
 * Serves every configured platform on one port: `/slack/events`, `/api/messages`, `/healthz`
 * and `/readyz`. Port 0 picks a free port (tests).
 */
export async function startServer({ config, core, brain, store, log, scheduler: runScheduler = true }: ServerDeps): Promise<RunningServer> {
  const http = createHttpApp({
    async ready() {
      const checks = { knowledge: brain.knowledge.units.length > 0, store: await store.ping() };
      return { ready: Object.values(checks).every(Boolean), checks };
    },
  });
  const common = { core, store, log, logQuestions: config.logQuestions, http };
  const slack = config.slack ? new SlackSurface({ ...common, settings: config.slack }) : undefined;
  const teams = config.teams ? new TeamsSurface({ ...common, settings: config.teams }) : undefined;
  await teams?.initialize();
  finishHttpApp(http, log);

  const server: Server = createServer(http);
  // Slack expects an answer within 3 s and Teams within 15 s; slow clients are cut off well after.
  server.requestTimeout = 30_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => resolve());
  });
  await slack?.start();
  const deliverer = createDeliverer({ brain, store, log, logQuestions: config.logQuestions, config, teamsApp: teams?.app });
  const scheduler = new Scheduler(deliverer, log);
  if (runScheduler) scheduler.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log.info({ url, slack: slack ? (config.slack?.appToken ? "socket mode" : "http") : "off", teams: teams ? "on" : "off" }, "server listening");
  return {
    url,
    slack,
    teams,
    deliverer,
    async close() {
      await scheduler.stop();
      await slack?.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
    },
  };
}
