import { spawn, type ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { fakeSlackApi, type FakePlatform } from "../helpers/fake-platform.ts";
import { slackHeaders } from "../helpers/slack-signing.ts";

/**
 * SIGTERM during traffic, against the real `src/main.ts` in a process of its own: replies already
 * acknowledged are still posted, and the process exits 0 within its deadline even when the
 * platform never answers.
 */
const SECRET = "shutdown-secret";
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function startBot(
  slack: FakePlatform,
): Promise<{ child: ChildProcess; url: string; exited: Promise<{ code: number | null; ms: number; at: number }> }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: ":memory:",
      LOG_LEVEL: "info",
      SLACK_BOT_TOKEN: "xoxb-shutdown",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: `${slack.url}/api/`,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  cleanup.push(() => void child.kill("SIGKILL"));
  let termAt = 0;
  const exited = new Promise<{ code: number | null; ms: number; at: number }>((resolve) =>
    child.once("exit", (code) => resolve({ code, ms: Date.now() - termAt, at: Date.now() })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    let buffer = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"[^\n]*"msg":"server listening"/.exec(buffer);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`bot exited with ${code} before listening: ${buffer.slice(-500)}`)));
  });
  const kill = child.kill.bind(child);
  child.kill = (signal?: NodeJS.Signals | number) => {
    termAt = Date.now();
    return kill(signal);
  };
  return { child, url, exited };
}

async function dm(url: string, i: number): Promise<number> {
  const body = JSON.stringify({
    type: "event_callback",
    team_id: "T1",
    event_id: `EvS${i}${Date.now()}`,
    event: { type: "message", channel_type: "im", user: `U${i}`, text: "help", ts: `${i}.1`, channel: `D${i}` },
  });
  return (await fetch(`${url}/slack/events`, { method: "POST", headers: slackHeaders(SECRET, body), body })).status;
}

describe("SIGTERM during traffic", () => {
  it("posts every acknowledged reply the platform takes, and exits 0 within its deadline although some posts never get an answer", async () => {
    const slack = await fakeSlackApi().start();
    cleanup.push(() => slack.stop());
    const { child, url, exited } = await startBot(slack);
    slack.script("/chat.postMessage", { status: 200, body: {}, hang: true }, { status: 200, body: {}, hang: true });
    for (let i = 0; i < 6; i++)
      slack.script("/chat.postMessage", { status: 200, body: { ok: true, ts: `${i}.2` }, delayMs: 2_000 });
    const statuses = await Promise.all(Array.from({ length: 8 }, (_, i) => dm(url, i)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    await slack.waitFor("/chat.postMessage", 8, 30_000);
    child.kill("SIGTERM");
    const { code, ms } = await exited;
    expect(code).toBe(0);
    // The grace period is 8 s, the hard deadline 12 s.
    expect(ms).toBeLessThan(14_000);
    expect(slack.calls("/chat.postMessage").filter((c) => c.answered)).toHaveLength(6);
  }, 90_000);
});
