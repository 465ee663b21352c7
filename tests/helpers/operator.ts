import type { App } from "../../src/app/create-app.ts";
import type { Incoming } from "../../src/conversation/incoming.ts";
import type { Reply } from "../../src/conversation/reply.ts";
import type { ProactiveSender, SendOutcome } from "../../src/lessons/sender.ts";
import { startServer, type RunningServer } from "../../src/server/server.ts";
import { testApp } from "./bot.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789abcdef";
/** User and conversation IDs of the scripted conversation: none of them may show up on the admin page or in /metrics. */
export const SECRET_IDS = ["U0SECRETUSER", "U0OTHERUSER", "D0SECRETDM", "C0SECRETCHANNEL", "29:1secretteamsuser"];

export interface OperatorBot {
  app: App;
  server: RunningServer;
  url: string;
  stop(): Promise<void>;
}

/** The real app and HTTP server on 127.0.0.1 (no platforms), with the admin token and optional review queue. */
export async function startOperatorBot(env: Record<string, string> = {}, now?: () => Date): Promise<OperatorBot> {
  const app = await testApp({ env: { PORT: "0", HOST: "127.0.0.1", ADMIN_TOKEN, ...env }, ...(now ? { now } : {}) });
  const server = await startServer(app, { scheduler: false });
  return {
    app,
    server,
    url: server.url,
    async stop() {
      await server.close();
      await app.close();
    },
  };
}

export function say(app: App, text: string, extra: Partial<Incoming> = {}): Promise<Reply> {
  return app.core.handle({
    platform: "slack",
    conversationId: "slack:T1:D0SECRETDM",
    userId: "U0SECRETUSER",
    text,
    isDirect: true,
    ...extra,
  });
}

export function click(app: App, click: NonNullable<Incoming["click"]>, extra: Partial<Incoming> = {}): Promise<Reply> {
  return say(app, "", { click, ...extra });
}

/** A sender that answers from a script per conversation: "ok", "gone" (403), or "429" once then ok. */
export function scriptedSender(script: Record<string, "ok" | "gone" | "429">): ProactiveSender & { sent: string[] } {
  const limited = new Set<string>();
  const sent: string[] = [];
  return {
    sent,
    async send(conversation): Promise<SendOutcome> {
      const plan = script[conversation.id] ?? "ok";
      if (plan === "gone") return { ok: false, kind: "permanent", error: "channel_not_found" };
      if (plan === "429" && !limited.has(conversation.id)) {
        limited.add(conversation.id);
        return { ok: false, kind: "rate-limited", retryAfterMs: 1, error: "ratelimited" };
      }
      sent.push(conversation.id);
      return { ok: true };
    },
  };
}

export const ANSWERED = "Hoe werk ik goed samen met de griffier?";
export const OFF_TOPIC = "Wat is de beste pizza in Utrecht?";
export const OFF_TOPIC_PERSONAL =
  "Welke pizza bestelt wethouder Jansen het liefst? Bel hem op 06-12345678 of mail jansen@ergens.nl";

/**
 * A short life of the bot: questions answered and not, a 👍 and a 👎, three subscriptions and a
 * delivery pass (one sent, one after a 429, one channel gone). Monday 23 November 2026, 09:00 in Amsterdam.
 */
export async function scriptedConversation(app: App): Promise<{ answered: Reply }> {
  const answered = await say(app, ANSWERED);
  await say(app, OFF_TOPIC, { platform: "teams", conversationId: "teams:a:1", userId: "29:1secretteamsuser" });
  await say(app, OFF_TOPIC_PERSONAL, {
    conversationId: "slack:T1:C0SECRETCHANNEL",
    userId: "U0OTHERUSER",
    isDirect: false,
  });
  await say(app, "thema 12");
  const votes = answered.actions.filter((a) => a.kind === "feedback");
  for (const vote of votes)
    if (vote.kind === "feedback") await click(app, { kind: "feedback", value: vote.value, ref: vote.ref });

  const { store } = app;
  const at = new Date("2026-11-23T07:00:00Z");
  for (const [id, isDirect] of [
    ["slack:T1:D0SECRETDM", true],
    ["slack:T1:C0SECRETCHANNEL", false],
    ["slack:T1:C0GONE", false],
  ] as const) {
    await store.saveConversation(
      {
        id,
        platform: "slack",
        isDirect,
        userId: isDirect ? "U0SECRETUSER" : undefined,
        reference: { channel: id.split(":")[2] },
      },
      at,
    );
    await store.subscriptions.upsert(
      {
        id,
        platform: "slack",
        isDirect,
        weekday: 1,
        time: "08:30",
        timeZone: "Europe/Amsterdam",
        track: "standaard",
        createdBy: "U0SECRETUSER",
      },
      at,
    );
  }
  const sender = scriptedSender({ "slack:T1:C0SECRETCHANNEL": "429", "slack:T1:C0GONE": "gone" });
  await app.createDeliverer({ slack: sender }).runPass(new Date("2026-11-23T08:00:00Z"));
  return { answered };
}
