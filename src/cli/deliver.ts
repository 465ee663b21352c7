/**
 * `npm run deliver -- [--now ISO-TIME] [--dry-run]`: one scheduler pass with the configured
 * platforms, as the server runs every minute. For operators (catch up, check) and tests.
 */
import { parseArgs } from "node:util";
import { createApp, type PlatformSenders } from "../app/create-app.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { SlackSender } from "../surfaces/slack/slack-sender.ts";
import { TeamsSender } from "../surfaces/teams/teams-sender.ts";

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { now: { type: "string" }, "dry-run": { type: "boolean" } } });
  const now = values.now ? new Date(values.now) : new Date();
  if (Number.isNaN(now.getTime())) {
    console.error(`--now must be an ISO time such as 2026-11-23T08:30:00+01:00, not "${values.now}"`);
    return 2;
  }
  const config = loadConfig();
  if (!config.slack && !config.teams) {
    console.error(
      "No platform is configured (SLACK_BOT_TOKEN/SLACK_SIGNING_SECRET or TEAMS_CLIENT_ID/TEAMS_CLIENT_SECRET): nothing to deliver to.",
    );
    return 2;
  }
  const app = await createApp(config, { metrics: false }); // a one-shot pass: nothing scrapes it
  try {
    const senders: PlatformSenders = {
      ...(config.slack ? { slack: new SlackSender(config.slack) } : {}),
      ...(config.teams ? { teams: TeamsSender.standalone(config.teams, app.log, config.logQuestions) } : {}),
    };
    const report = await app.createDeliverer(senders).runPass(now, { dryRun: values["dry-run"] === true });
    console.log(JSON.stringify({ now: now.toISOString(), ...report }, null, 2));
    return report.failed > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `deliver failed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
