import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

function problems(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("needs nothing to start the terminal chat", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3978,
      host: "127.0.0.1",
      slack: undefined,
      teams: undefined,
      logQuestions: false,
    });
  });

  it("names the missing half of the Slack credentials", () => {
    expect(problems({ SLACK_BOT_TOKEN: "xoxb-1" })).toMatch(/SLACK_SIGNING_SECRET is missing/);
    expect(problems({ SLACK_SIGNING_SECRET: "s" })).toMatch(/SLACK_BOT_TOKEN is missing/);
    expect(problems({ SLACK_APP_TOKEN: "xapp-1" })).toMatch(/SLACK_BOT_TOKEN is missing/);
  });

  it("needs no signing secret in Socket Mode", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack).toMatchObject({
      botToken: "xoxb-1",
      appToken: "xapp-1",
      signingSecret: undefined,
    });
  });

  it("names the missing half of the Teams credentials", () => {
    expect(problems({ TEAMS_CLIENT_ID: "id" })).toMatch(/TEAMS_CLIENT_SECRET is missing/);
  });

  it("rejects a wrong port and a wrong token prefix, naming the variable", () => {
    expect(problems({ PORT: "99999" })).toMatch(/PORT/);
    expect(problems({ SLACK_BOT_TOKEN: "xapp-1", SLACK_SIGNING_SECRET: "s" })).toMatch(
      /SLACK_BOT_TOKEN must start with xoxb-/,
    );
  });

  it("allows unauthenticated Teams only on loopback and without credentials", () => {
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: "1" }).teams?.allowUnauthenticated).toBe(true);
    expect(problems({ TEAMS_ALLOW_UNAUTHENTICATED: "1", HOST: "0.0.0.0" })).toMatch(/loopback/);
    expect(problems({ TEAMS_ALLOW_UNAUTHENTICATED: "1", TEAMS_CLIENT_ID: "a", TEAMS_CLIENT_SECRET: "b" })).toMatch(
      /token validation/,
    );
  });
});
