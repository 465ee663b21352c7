import type { Incoming } from "./incoming.ts";

/**
 * What the conversation core reports after each reply, for whoever watches (metrics, usage
 * figures, the review queue). A port owned by the core: implementations live in the app layer.
 * The question text is passed along in memory only; what an implementation keeps is its business
 * and its privacy promise (the review queue scrubs it, the metrics never see it).
 */
export interface ReplyEvent {
  platform: Incoming["platform"];
  /** the detected intent ("question", "unit", "subscribe", …), "click:<kind>" for a button, "rejected-input" */
  intent: string;
  /** for a question: whether the bot had a confident answer; undefined for everything else */
  answered?: boolean | undefined;
  /** the units the reply showed (or, unanswered, the "bedoel je" suggestions it offered) */
  units: string[];
  /** the "bedoel je" alternatives offered beside or instead of the answer */
  suggestions: string[];
  latencyMs: number;
  /** the question as asked, for a question only; never to be logged or stored unscrubbed */
  question?: string | undefined;
  /** the unit the user opened with a "lees verder"/"bedoel je" button */
  choice?: string | undefined;
  /** the conversation the reply went to: for linking a later click to its question in memory */
  conversationId: string;
}

export interface FeedbackEvent {
  platform: Incoming["platform"];
  value: "up" | "down";
  /** the hash of the question (see feedback.ts), the same for the same question */
  questionHash: string;
  unitIds: string[];
}

export interface ConversationEvents {
  replied(event: ReplyEvent): void | Promise<void>;
  feedback(event: FeedbackEvent): void | Promise<void>;
}

/** Several watchers as one; a failing watcher is reported to `onError` and never breaks a reply. */
export function combineEvents(
  watchers: readonly ConversationEvents[],
  onError: (error: unknown) => void,
): ConversationEvents {
  const each = async (call: (w: ConversationEvents) => void | Promise<void>) => {
    for (const watcher of watchers) {
      try {
        await call(watcher);
      } catch (error) {
        onError(error);
      }
    }
  };
  return {
    replied: (event) => each((w) => w.replied(event)),
    feedback: (event) => each((w) => w.feedback(event)),
  };
}
