import { z } from "zod";

/** A click on one of the bot's buttons, as the adapters decode it. */
export const clickSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("ask"), question: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal("read-more"), unitId: z.string().regex(/^[a-z0-9-]{1,100}$/) }),
  // `was`: the value given before, when this click changes it (once)
  z.object({ kind: z.literal("feedback"), value: z.enum(["up", "down"]), ref: z.string().max(400), was: z.enum(["up", "down"]).optional() }),
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
