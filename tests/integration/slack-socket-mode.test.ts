import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import { FakePlatform } from "../helpers/fake-platform.ts";
import { startTestBot, type TestBot } from "../helpers/bot.ts";
import { freePort } from "../../src/cli/free-port.ts";

/**
 * Socket Mode against a fake Slack: `apps.connections.open` on the fake Web API hands out a
 * WebSocket URL on 127.0.0.1, where the test plays Slack's side of the socket protocol.
 */
/** A fake Slack Web API whose `apps.connections.open` hands out `wsUrl`. */
function fakeSocketSlack(wsUrl: string): FakePlatform {
  return new FakePlatform((req) => {
    if (req.path.endsWith("/apps.connections.open")) return { status: 200, body: { ok: true, url: wsUrl } };
    if (req.path.endsWith("/auth.test"))
      return { status: 200, body: { ok: true, user_id: "UBOT", bot_id: "BBOT", team_id: "T1" } };
    return { status: 200, body: { ok: true, ts: "1.1" } };
  });
}

/** The bot in Socket Mode against that fake. */
function startSocketBot(slack: FakePlatform): Promise<TestBot> {
  return startTestBot({
    SLACK_BOT_TOKEN: "xoxb-socket",
    SLACK_APP_TOKEN: "xapp-1-socket",
    SLACK_API_URL: `${slack.url}/api/`,
  });
}

let wss: WebSocketServer;
let slack: FakePlatform;
let bot: TestBot;
const sockets: WebSocket[] = [];
const acks: string[] = [];

beforeAll(async () => {
  wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  wss.on("connection", (socket) => {
    sockets.push(socket);
    socket.on("message", (data) => acks.push((JSON.parse(data.toString()) as { envelope_id: string }).envelope_id));
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake", approximate_connection_time: 3600 },
        connection_info: { app_id: "A1" },
      }),
    );
  });
  slack = await fakeSocketSlack(wsUrl).start();
  bot = await startSocketBot(slack);
});
afterAll(async () => {
  await bot.stop();
  for (const socket of sockets) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  await slack.stop();
});

describe("Slack Socket Mode", () => {
  it("connects with the app token, acknowledges an event envelope and answers in the thread", async () => {
    const [open] = await slack.waitFor("/apps.connections.open");
    expect(open!.headers.authorization).toBe("Bearer xapp-1-socket");
    const deadline = Date.now() + 30_000; // a condition wait: generous for a loaded machine
    while (sockets.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    sockets[0]!.send(
      JSON.stringify({
        envelope_id: "env-1",
        type: "events_api",
        accepts_response_payload: false,
        retry_attempt: 0,
        retry_reason: "",
        payload: {
          type: "event_callback",
          team_id: "T1",
          api_app_id: "A1",
          event_id: "EvSocket1",
          event_time: 1,
          event: { type: "app_mention", user: "U1", text: "<@UBOT> thema 16", ts: "7.7", channel: "C9" },
        },
      }),
    );
    const [post] = await slack.waitFor("/chat.postMessage");
    expect(acks).toContain("env-1");
    expect(post!.body.channel).toBe("C9");
    expect(post!.body.thread_ts).toBe("7.7");
    expect(JSON.stringify(post!.body.blocks)).toContain("thema 16");
  });
});

describe("Slack Socket Mode while Slack's socket cannot be reached", () => {
  it("still starts (the socket is retried in the background) and stops on request", async () => {
    const closedPort = await freePort();
    const unreachable = await fakeSocketSlack(`ws://127.0.0.1:${closedPort}/link`).start();
    try {
      const down = await startSocketBot(unreachable);
      await unreachable.waitFor("/apps.connections.open");
      await down.stop();
    } finally {
      await unreachable.stop();
    }
  }, 60_000);
});
