import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startEntry } from "../../src/cli/start-flags.ts";
import { PROJECT_ROOT } from "../../src/knowledge/location.ts";
import { fakeBotConnector, fakeSlackApi } from "../helpers/fake-platform.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";
import { freePort } from "../../src/cli/free-port.ts";
import { teamsActivity } from "../helpers/teams-activity.ts";

/** Runs what `npm start` runs (the bundle, built by the set-up step before the tests) with `input` on stdin. */
function runBundle(
  input: string,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [startEntry()], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, DATABASE_URL: ":memory:", LOG_LEVEL: "info", SLACK_BOT_TOKEN: "", TEAMS_CLIENT_ID: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("the bundle that npm start runs (dist/bundle/)", () => {
  it("answers in the terminal chat with the index restored from the build-time snapshot", async () => {
    expect(existsSync(startEntry()), "npm test builds dist/bundle/ first (src/setup/ensure-deps.mjs)").toBe(true);
    const { code, signal, stdout, stderr } = await runBundle(
      "de OR houdt onze nieuwe structuur al maanden tegen\nstoppen\n",
    );
    expect({ code, signal }, stderr).toEqual({ code: 0, signal: null });
    expect(stdout).toContain("jij> ");
    expect(stdout).toContain("Reorganisaties");
    expect(stdout).toContain("thema 81");
    // the bundle carries the hash of the search code it was made of, so the snapshot's fingerprint matches
    const loaded = stderr
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { msg?: string; index?: string })
      .find((entry) => entry.msg === "knowledge loaded");
    expect(loaded?.index).toBe("restored from the build-time snapshot");
  }, 60_000);

  it("is ASCII only, so Node.js keeps each chunk's source as a one-byte string", () => {
    const dir = join(PROJECT_ROOT, "dist", "bundle");
    const chunks = readdirSync(dir).filter((file) => file.endsWith(".mjs"));
    expect(chunks.length).toBeGreaterThan(1);
    // esbuild escapes strings and drops comments (minifyWhitespace) but leaves regular expression
    // literals as written: write a non-ASCII character in one as an escape ("\u2022" for "•")
    const offending = chunks.flatMap((file) =>
      [...readFileSync(join(dir, file), "utf8").matchAll(/.{0,30}[^\x00-\x7f].{0,10}/g)].map((m) => `${file}: ${m[0]}`),
    );
    expect(offending).toEqual([]);
  });
});

describe("the bundle in server mode", () => {
  it("loads the platform chunks and answers Slack and Teams over real HTTP", async () => {
    const slack = await fakeSlackApi().start();
    const connector = await fakeBotConnector().start();
    const port = await freePort();
    const child = spawn(process.execPath, [startEntry()], {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        DATABASE_URL: ":memory:",
        HOST: "127.0.0.1",
        PORT: String(port),
        SLACK_BOT_TOKEN: "xoxb-bundle-test",
        SLACK_SIGNING_SECRET: "bundle-secret",
        SLACK_API_URL: `${slack.url}/api/`,
        TEAMS_ALLOW_UNAUTHENTICATED: "1",
        TEAMS_SERVICE_URL: connector.url,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    try {
      const url = `http://127.0.0.1:${port}`;
      for (let tries = 0; ; tries++) {
        const ready = await fetch(`${url}/readyz`).then(
          (res) => res.status,
          () => 0,
        );
        if (ready === 200) break;
        expect(child.exitCode, stderr).toBeNull();
        expect(tries, "ready within 50 s").toBeLessThan(500);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      const event = JSON.stringify({
        type: "event_callback",
        team_id: "T1",
        api_app_id: "A1",
        event_id: "EvBundle1",
        event_time: Math.floor(Date.now() / 1000),
        event: {
          type: "app_mention",
          user: "U1",
          text: "<@UBOT> relatie met de griffier",
          ts: "1700000001.000200",
          channel: "C1",
        },
      });
      const slackRes = await fetch(`${url}/slack/events`, {
        method: "POST",
        headers: slackHeaders("bundle-secret", event),
        body: event,
      });
      expect(slackRes.status).toBe(200);
      const [post] = await slack.waitFor("/chat.postMessage");
      expect(JSON.stringify(post!.body.blocks)).toContain("thema 16");

      const teamsRes = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(teamsActivity(connector.url, { text: "relatie met de griffier" })),
      });
      expect(teamsRes.status).toBe(200);
      const [sent] = await connector.waitFor("/v3/conversations/a:personal-1/activities");
      expect(JSON.stringify(sent!.body.attachments)).toContain("thema 16");
    } finally {
      child.kill();
      await slack.stop();
      await connector.stop();
    }
  }, 90_000);
});
