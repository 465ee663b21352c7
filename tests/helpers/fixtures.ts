import { afterAll, beforeAll, beforeEach } from "vitest";
import { startTestBot, type TestBot } from "./bot.ts";
import { fakeBotConnector, fakeSlackApi, type FakePlatform } from "./fake-platform.ts";

/** What a test file runs against: the bot on 127.0.0.1 and the fake platforms it is configured for. */
export interface BotFixture {
  bot: TestBot;
  /** the fake Slack Web API, when Slack is configured */
  slack: FakePlatform;
  /** the fake Bot Connector, when Teams is configured */
  connector: FakePlatform;
}

export interface BotFixtureOptions {
  /** configure Slack with this signing secret (requests are signed with it) */
  slackSecret?: string;
  slackToken?: string;
  /** a fake Slack Web API of the test's own (default: `fakeSlackApi()`) */
  slackApi?: () => FakePlatform;
  /** configure Teams (loopback development mode) */
  teams?: boolean;
  /** a fake Bot Connector of the test's own (default: `fakeBotConnector()`) */
  connector?: () => FakePlatform;
}

/**
 * Starts the fake platforms and the bot for a test file (beforeAll), stops them (afterAll) and
 * forgets the recorded requests before each test. `use` receives them once they run, so a file
 * keeps its own variable names: `useBotFixture({ teams: true }, (f) => ({ bot, connector } = f))`.
 */
export function useBotFixture(options: BotFixtureOptions, use: (fixture: BotFixture) => void): void {
  let fixture: Partial<BotFixture> = {};
  beforeAll(async () => {
    const env: Record<string, string> = {};
    if (options.slackSecret !== undefined) {
      fixture.slack = await (options.slackApi ?? fakeSlackApi)().start();
      Object.assign(env, {
        SLACK_BOT_TOKEN: options.slackToken ?? "xoxb-test-token",
        SLACK_SIGNING_SECRET: options.slackSecret,
        SLACK_API_URL: `${fixture.slack.url}/api/`,
      });
    }
    if (options.teams) {
      fixture.connector = await (options.connector ?? fakeBotConnector)().start();
      Object.assign(env, { TEAMS_ALLOW_UNAUTHENTICATED: "1", TEAMS_SERVICE_URL: fixture.connector.url });
    }
    fixture.bot = await startTestBot(env);
    use(fixture as BotFixture);
  });
  afterAll(async () => {
    await fixture.bot?.stop();
    await fixture.slack?.stop();
    await fixture.connector?.stop();
    fixture = {};
  });
  beforeEach(() => {
    if (fixture.slack) fixture.slack.requests.length = 0;
    if (fixture.connector) fixture.connector.requests.length = 0;
  });
}
