import { z } from "zod";
import { SLACK_ACTION_PREFIX } from "../../render/slack.ts";
import { SLACK_SHORTCUTS } from "./shortcuts.ts";

/**
 * The Slack payloads the bot handles, as zod schemas: the one place where untrusted Slack input
 * becomes typed data. Anything else is acknowledged with 200 and ignored, so Slack does not
 * retry it; nothing that passes here can make a handler fail on a missing or mistyped field.
 */

// Slack IDs are upper-case letters and digits ("U024BE7LH"); tests use a hyphen now and then.
const id = z.string().regex(/^[A-Z0-9][A-Za-z0-9_-]{0,63}$/);
const ts = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/);
const text = z.string().max(100_000);
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const appMentionSchema = z.object({
  type: z.literal("app_mention"),
  channel: id,
  user: id.optional(),
  text,
  ts,
  thread_ts: ts.optional(),
  team: id.optional(),
});

export const directMessageSchema = z.object({
  type: z.literal("message"),
  channel: id,
  channel_type: z.string().max(40).optional(),
  user: id.optional(),
  text: text.optional(),
  ts,
  thread_ts: ts.optional(),
  subtype: z.string().max(80).optional(),
  bot_id: z.string().max(40).optional(),
});

export const homeOpenedSchema = z.object({
  type: z.literal("app_home_opened"),
  user: id,
  channel: id,
  tab: z.string().max(40).optional(),
});

export const memberJoinedSchema = z.object({
  type: z.literal("member_joined_channel"),
  user: id,
  channel: id,
  team: id.optional(),
});

const handledEvent = z.discriminatedUnion("type", [
  appMentionSchema,
  directMessageSchema,
  homeOpenedSchema,
  memberJoinedSchema,
]);

export const eventCallbackSchema = z.object({
  type: z.literal("event_callback"),
  event_id: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/),
  team_id: id.optional(),
  event: handledEvent,
});

export const blockActionsSchema = z.object({
  type: z.literal("block_actions"),
  user: z.object({ id, team_id: id.optional() }),
  team: z.object({ id }).nullish(),
  channel: z.object({ id }).optional(),
  message: z.object({ ts: ts.optional(), thread_ts: ts.optional() }).optional(),
  container: z
    .object({
      channel_id: id.optional(),
      message_ts: ts.optional(),
      thread_ts: ts.optional(),
      is_ephemeral: z.boolean().optional(),
    })
    .optional(),
  // Only the bot's own buttons: a click on anything else would find no listener and never be acknowledged.
  actions: z
    .array(
      z.object({
        action_id: z
          .string()
          .max(255)
          .refine((a) => a.startsWith(SLACK_ACTION_PREFIX) || a === SLACK_SHORTCUTS.share),
        value: z.string().max(4000).optional(),
      }),
    )
    .min(1)
    .max(25),
  response_url: httpUrl.optional(),
});

export const slashCommandSchema = z.object({
  command: z.string().max(40),
  text: z.string().max(4000),
  user_id: id,
  channel_id: id,
  team_id: id,
  channel_name: z.string().max(200).optional(),
  response_url: httpUrl,
});

/** "Zoek in de Wegwijzer": the global shortcut, the message shortcut and the modal's submission. */
export const shortcutSchema = z.looseObject({
  type: z.literal("shortcut"),
  callback_id: z.literal(SLACK_SHORTCUTS.global),
  trigger_id: z.string().min(1).max(200),
  user: z.looseObject({ id }),
});
export const messageShortcutSchema = z.looseObject({
  type: z.literal("message_action"),
  callback_id: z.literal(SLACK_SHORTCUTS.message),
  trigger_id: z.string().min(1).max(200),
  user: z.looseObject({ id }),
  channel: z.looseObject({ id }).optional(),
  message: z.looseObject({ text: z.string().max(100_000).optional() }),
  response_url: httpUrl,
});
export const viewSubmissionSchema = z.looseObject({
  type: z.literal("view_submission"),
  user: z.looseObject({ id }),
  view: z.looseObject({
    callback_id: z.literal(SLACK_SHORTCUTS.modal),
    state: z.looseObject({
      values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().max(4000).nullish() }))),
    }),
  }),
  response_urls: z
    .array(z.looseObject({ response_url: httpUrl }))
    .max(10)
    .optional(),
});

export const urlVerificationSchema = z.object({ type: z.literal("url_verification"), challenge: z.string().max(200) });

export type AppMention = z.infer<typeof appMentionSchema>;
export type DirectMessage = z.infer<typeof directMessageSchema>;
export type HomeOpened = z.infer<typeof homeOpenedSchema>;
export type MemberJoined = z.infer<typeof memberJoinedSchema>;
export type EventCallback = z.infer<typeof eventCallbackSchema>;
export type BlockActions = z.infer<typeof blockActionsSchema>;
export type SlashCommand = z.infer<typeof slashCommandSchema>;

/** A Slack payload the bot handles, typed; or why it is ignored. */
export type SlackPayload =
  | { kind: "event"; body: EventCallback }
  | { kind: "action"; body: BlockActions }
  | { kind: "command"; body: SlashCommand }
  | { kind: "shortcut"; body: unknown }
  | { kind: "url_verification" }
  | { kind: "ignored"; reason: string };

function reason(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "payload"}: ${issue.code}` : "invalid";
}

/** Sorts a parsed Slack body (Events API, interaction payload or slash command form) into what the bot handles. */
export function classifySlack(body: unknown): SlackPayload {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { kind: "ignored", reason: "not an object" };
  const type = (body as { type?: unknown }).type;
  if (type === "url_verification") {
    return urlVerificationSchema.safeParse(body).success
      ? { kind: "url_verification" }
      : { kind: "ignored", reason: "url_verification" };
  }
  if (type === "event_callback") {
    const eventType = (body as { event?: { type?: unknown } }).event?.type;
    if (
      typeof eventType !== "string" ||
      !["app_mention", "message", "app_home_opened", "member_joined_channel"].includes(eventType)
    ) {
      return { kind: "ignored", reason: "event type not handled" };
    }
    const parsed = eventCallbackSchema.safeParse(body);
    return parsed.success ? { kind: "event", body: parsed.data } : { kind: "ignored", reason: reason(parsed.error) };
  }
  if (type === "block_actions") {
    const parsed = blockActionsSchema.safeParse(body);
    return parsed.success ? { kind: "action", body: parsed.data } : { kind: "ignored", reason: reason(parsed.error) };
  }
  const shortcut =
    type === "shortcut"
      ? shortcutSchema
      : type === "message_action"
        ? messageShortcutSchema
        : type === "view_submission"
          ? viewSubmissionSchema
          : undefined;
  if (shortcut) {
    const parsed = shortcut.safeParse(body);
    return parsed.success ? { kind: "shortcut", body: parsed.data } : { kind: "ignored", reason: reason(parsed.error) };
  }
  if (type === undefined && "command" in body) {
    const parsed = slashCommandSchema.safeParse(body);
    if (!parsed.success) return { kind: "ignored", reason: reason(parsed.error) };
    return parsed.data.command === "/wegwijzer"
      ? { kind: "command", body: parsed.data }
      : { kind: "ignored", reason: "other command" };
  }
  return { kind: "ignored", reason: typeof type === "string" ? "payload type not handled" : "no payload type" };
}
