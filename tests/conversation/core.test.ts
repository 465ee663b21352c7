import { describe, expect, it } from "vitest";
import type { Answerer } from "../../src/search/answer.ts";
import { type CommandHandler, ConversationCore } from "../../src/conversation/core.ts";
import { MemoryFeedbackStore, encodeFeedbackRef } from "../../src/conversation/feedback.ts";
import type { Incoming } from "../../src/conversation/incoming.ts";
import { textReply } from "../../src/conversation/reply.ts";
import { texts } from "../../src/conversation/texts.ts";
import { createLogger } from "../../src/log.ts";
import { LogSink, sharedBrain } from "../helpers/bot.ts";

const dm = (text: string, extra: Partial<Incoming> = {}): Incoming => ({
  platform: "local",
  conversationId: "local:test",
  userId: "U-secret-7",
  text,
  isDirect: true,
  ...extra,
});

function core(options: { commands?: CommandHandler; answerer?: Answerer; logs?: LogSink } = {}) {
  const feedback = new MemoryFeedbackStore();
  const logs = options.logs ?? new LogSink();
  const { knowledge, answerer } = sharedBrain();
  const instance = new ConversationCore({
    knowledge,
    answerer: options.answerer ?? answerer,
    feedback,
    log: createLogger({ logLevel: "info", logQuestions: false }, logs),
    logQuestions: false,
    commands: options.commands,
  });
  return { core: instance, feedback, logs };
}

describe("ConversationCore", () => {
  it("answers a question with units, their source and follow-ups", async () => {
    const reply = await core().core.handle(dm("hoe werk ik samen met de griffier?"));
    expect(reply.units[0]?.id).toBe("wegwijzer-16");
    expect(reply.units[0]?.citation.label).toBe("thema 16");
    expect(reply.followUps.length).toBeGreaterThan(0);
    expect(reply.actions.some((a) => a.kind === "feedback")).toBe(true);
  });

  it("opens a unit by its number", async () => {
    const { core: c } = core();
    expect((await c.handle(dm("thema 12"))).units[0]?.id).toBe("wegwijzer-12");
    expect((await c.handle(dm("les 3"))).units[0]?.id).toBe("leren-decentraliseren-les-3");
  });

  it("refuses binary and oversized input with a clear answer instead of searching", async () => {
    const { core: c } = core();
    expect((await c.handle(dm("\u0000\u0001\u0002\u0003 binary"))).text).toBe(texts.notText);
    expect((await c.handle(dm("a".repeat(5000)))).text).toContain("te lang");
  });

  it("stores feedback from a click with the units that exist, never the user", async () => {
    const { core: c, feedback } = core();
    const ref = encodeFeedbackRef("vraag", ["wegwijzer-12", "made-up-unit"]);
    const reply = await c.handle(dm("👍", { click: { kind: "feedback", value: "up", ref } }));
    expect(reply.text).toBe(texts.feedbackThanks);
    expect(feedback.items).toHaveLength(1);
    expect(feedback.items[0]).toMatchObject({ unitIds: ["wegwijzer-12"], value: "up" });
    expect(JSON.stringify(feedback.items[0])).not.toContain("U-secret-7");
  });

  it("hands store-backed commands to the command handler, and says so when there is none", async () => {
    const seen: string[] = [];
    const commands: CommandHandler = {
      async handle(intent) {
        seen.push(intent.kind);
        return textReply("handled");
      },
    };
    expect((await core({ commands }).core.handle(dm("abonneer dinsdag 9:00"))).text).toBe("handled");
    expect(seen).toEqual(["subscription"]);
    expect((await core().core.handle(dm("abonneer dinsdag 9:00"))).text).toBe(texts.notAvailable);
  });

  it("answers with an apology when something breaks, and logs neither the question nor the user", async () => {
    const logs = new LogSink();
    const broken = {
      answer: () => {
        throw new Error("index corrupt");
      },
    } as unknown as Answerer;
    const reply = await core({ answerer: broken, logs }).core.handle(dm("een gevoelige vraag over wethouder Jansen"));
    expect(reply.text).toBe(texts.error);
    const all = logs.lines.join("\n");
    expect(all).toContain("handling a message failed");
    expect(all).not.toContain("Jansen");
    expect(all).not.toContain("U-secret-7");
  });
});
