/**
 * `npm run deliver -- [--now ISO-TIME] [--dry-run]`: one scheduler pass with the configured
 * platforms, as the server runs every minute. For operators (catch up, check) and tests.
 */
import { App } from "@microsoft/teams.apps";
import { createDeliverer } from "../assemble.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createLogger } from "../log.ts";
import { createBrain } from "../search/create.ts";
import { Store } from "../store/store.ts";
import { sdkLogger } from "../surfaces/sdk-logger.ts";
import { teamsAppCredentials } from "../surfaces/teams/teams-surface.ts";

function option(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : args.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

async function main(args: string[]): Promise<number> {
  const nowText = option(args, "--now");
  const now = nowText ? new Date(nowText) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now must be an ISO time such as 2026-11-23T08:30:00+01:00, not "${nowText}"`);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger(config);
  if (!config.slack && !config.teams) {
    console.error("No platform is configured (SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET or TEAMS_CLIENT_ID/TEAMS_CLIENT_SECRET): nothing to deliver to.");
    return 2;
  }
  const store = await Store.open(config.databaseUrl);
  try {
    const brain = createBrain();
    const teamsApp = config.teams
      ? new App({
          ...teamsAppCredentials(config.teams),
          logger: sdkLogger(log, "teams", config.logQuestions) as never,
        })
      : undefined;
    const deliverer = createDeliverer({ brain, store, log, logQuestions: config.logQuestions, config, teamsApp });
    const report = await deliverer.runPass(now, { dryRun: args.includes("--dry-run") });
    console.log(JSON.stringify({ now: now.toISOString(), ...report }, null, 2));
    return report.failed > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `deliver failed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
