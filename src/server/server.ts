import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { App } from "../app/create-app.ts";
import type { Deliverer } from "../lessons/deliver.ts";
import { Scheduler } from "../lessons/scheduler.ts";
import { RegionalDigest } from "../regional/digest.ts";
import type { SlackSurface } from "../surfaces/slack/slack-surface.ts";
import type { Surface } from "../surfaces/surface.ts";
import type { TeamsSurface } from "../surfaces/teams/teams-surface.ts";
import { EventClaims } from "../store/claims.ts";
import { mountAdmin } from "./admin.ts";
import { createHttpApp, finishHttpApp } from "./http-app.ts";
import { withDeadline } from "./resilience.ts";

export interface ServerOptions {
  /** run the les van de week every minute (default); tests drive passes themselves */
  scheduler?: boolean;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:3978 */
  url: string;
  slack: SlackSurface | undefined;
  teams: TeamsSurface | undefined;
  deliverer: Deliverer;
  /** the weekly digest of regional channels; tests run its passes themselves */
  digest: RegionalDigest;
  /**
   * Stops accepting, lets in-flight replies and the running delivery pass finish within
   * `graceMs` (what does not finish is handed back: an unanswered event was acknowledged, a
   * claimed delivery is taken over after its lease), then closes every connection.
   */
  close(graceMs?: number): Promise<void>;
}

/**
 * Serves every configured platform on one port: `/slack/events`, `/api/messages`, `/healthz`
 * and `/readyz`. Port 0 picks a free port (tests).
 */
export async function startServer(
  app: App,
  { scheduler: runScheduler = true }: ServerOptions = {},
): Promise<RunningServer> {
  const { config, core, brain, store, log } = app;
  const http = createHttpApp({
    async ready() {
      const checks = { knowledge: brain.knowledge.units.length > 0, store: await store.ping() };
      return { ready: Object.values(checks).every(Boolean), checks };
    },
  });
  mountAdmin(http, app);
  const claims = new EventClaims(store, log);
  const common = {
    core,
    store,
    claims,
    log,
    logQuestions: config.logQuestions,
    http,
    share: app.share,
    regional: app.regional,
  };
  // Each platform's SDK is loaded only when that platform is configured (each takes about half a second to load).
  const slack = config.slack
    ? new (await import("../surfaces/slack/slack-surface.ts")).SlackSurface({ ...common, settings: config.slack })
    : undefined;
  const teams = config.teams
    ? new (await import("../surfaces/teams/teams-surface.ts")).TeamsSurface({ ...common, settings: config.teams })
    : undefined;
  const surfaces: Surface[] = [slack, teams].filter((s): s is SlackSurface | TeamsSurface => s !== undefined);
  await teams?.start();
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
  const deliverer = app.createDeliverer(Object.fromEntries(surfaces.map((s) => [s.platform, s.sender])));
  // the Friday digest of regional channels ("regio digest aan") runs after each lesson pass
  const digest = new RegionalDigest({
    store,
    knowledge: brain.knowledge,
    log,
    senders: new Map(surfaces.flatMap((s) => (s.sender ? [[s.platform, s.sender] as const] : []))),
    instance: deliverer.instance,
  });
  const scheduler = new Scheduler(
    {
      async runPass(now: Date) {
        const report = await deliverer.runPass(now);
        await digest.runPass(now).catch((error: unknown) => log.error({ err: error }, "regional digest failed"));
        return report;
      },
    },
    log,
  );
  if (runScheduler) scheduler.start();
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  const url = `http://${host}:${port}`;
  log.info(
    { url, slack: slack ? (config.slack?.appToken ? "socket mode" : "http") : "off", teams: teams ? "on" : "off" },
    "server listening",
  );
  return {
    url,
    slack,
    teams,
    deliverer,
    digest,
    async close(graceMs = 8_000) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await Promise.all([
        withDeadline(scheduler.stop(), graceMs, "the delivery pass").catch((error: unknown) =>
          log.warn({ err: error }, "delivery pass handed back"),
        ),
        ...surfaces.map((surface) => surface.stop(graceMs)),
      ]);
      server.closeAllConnections();
      await closed;
    },
  };
}
