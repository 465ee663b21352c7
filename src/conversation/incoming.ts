import { z } from "zod";

/** A click on one of the bot's buttons, as the adapters decode it. */
export const clickSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ask"), question: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal("read-more"), unitId: z.string().regex(/^[a-z0-9-]{1,100}$/) }),
  // `was`: the value given before, when this click changes it (once)
  z.object({
    kind: z.literal("feedback"),
    value: z.enum(["up", "down"]),
    ref: z.string().max(400),
    was: z.enum(["up", "down"]).optional(),
  }),
  // up to 1800: "regio plaats …" carries the exact question she confirms (regional/commands.ts);
  // `expect`: the subscription state the card showed; the command asks first when it changed since
  z.object({
    kind: z.literal("command"),
    command: z.string().min(1).max(1800),
    expect: z.enum(["none", "active", "paused", "stopped"]).optional(),
  }),
  // the card of one lesson, as it was shown (so its buttons act on that lesson)
  z.object({ kind: z.literal("lesson"), unitId: z.string().regex(/^[a-z0-9-]{1,100}$/) }),
]);
export type Click = z.infer<typeof clickSchema>;

/** A neutral incoming message: every adapter turns its platform's event into one of these. */
export interface Incoming {
  platform: "slack" | "teams" | "local";
  /** prefixed so the scheduler can route: "slack:T1:C2", "teams:<conversation id>", "local:terminal" */
  conversationId: string;
  userId: string;
  text: string;
  isDirect: boolean;
  threadId?: string | undefined;
  click?: Click | undefined;
  /** the card the click came from, to build again with its new state */
  origin?: Click | undefined;
}

/** The longest question the bot reads; longer text gets a clear answer instead of a search. */
export const MAX_QUESTION_LENGTH = 2000;

/** The most text kept from one incoming message: enough to say "too long" about, never megabytes. */
export const MAX_INCOMING_TEXT = 8000;

// C0 controls other than tab and line breaks, DEL and the C1 controls.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Every surface passes incoming text through here once, so every store keeps the same thing:
 * control characters (NUL included, which PostgreSQL refuses) become U+FFFD, lone surrogates
 * too, and the length is capped. The core still sees that the text was binary and says so.
 */
export function normaliseText(text: string, max = MAX_INCOMING_TEXT): string {
  const capped = text.length > max ? text.slice(0, max) : text;
  return capped.replace(CONTROL, "\uFFFD").replace(LONE_SURROGATE, "\uFFFD");
}
