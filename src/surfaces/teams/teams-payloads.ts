import { z } from "zod";

/**
 * The Teams activities the bot handles, as zod schemas: the one place where an untrusted
 * activity becomes typed data. Other activity types and invokes are answered 200 and ignored;
 * a handled type with missing or mistyped fields is refused with 400 before the SDK sees it.
 */

const idText = z.string().min(1).max(1000);
const account = z.object({
  id: idText,
  name: z.string().max(1000).optional(),
  aadObjectId: z.string().max(200).optional(),
});
const conversation = z.object({
  id: idText,
  conversationType: z.string().max(40).optional(),
  tenantId: z.string().max(200).optional(),
});
// Where replies go: an http(s) URL with a host. In production the token names it; in loopback
// development mode it is all there is.
const serviceUrl = z.url({ protocol: /^https?$/ }).max(2000);

const base = {
  id: z.string().max(1000).optional(),
  serviceUrl,
  channelId: z.string().max(100).optional(),
  from: account,
  recipient: account,
  conversation,
  // Fields the SDK itself reads (mentions, attachments, tenant): the right shape, or absent. A
  // mention names whom it mentions: the SDK reads `mentioned.name` to take the mention out of the text.
  entities: z
    .array(
      z
        .looseObject({
          type: z.string().max(200),
          text: z.string().max(1000).optional(),
          mentioned: account.optional(),
        })
        .refine((entity) => entity.type !== "mention" || entity.mentioned !== undefined, "a mention names whom"),
    )
    .max(100)
    .optional(),
  attachments: z
    .array(z.looseObject({ contentType: z.string().max(200).optional() }))
    .max(50)
    .optional(),
  channelData: z.looseObject({}).optional(),
  membersRemoved: z.array(account).max(1000).optional(),
  replyToId: z.string().max(1000).optional(),
  locale: z.string().max(40).optional(),
  timestamp: z.string().max(100).optional(),
};

export const messageActivitySchema = z.object({
  ...base,
  type: z.literal("message"),
  text: z.string().max(100_000).optional(),
  value: z.unknown().optional(),
});

export const cardActionSchema = z.object({
  ...base,
  type: z.literal("invoke"),
  name: z.literal("adaptiveCard/action"),
  value: z.object({ action: z.object({ verb: z.string().max(200).optional(), data: z.unknown().optional() }) }),
});

/** The compose box search (message extension query). */
export const extensionQuerySchema = z.object({
  ...base,
  type: z.literal("invoke"),
  name: z.literal("composeExtension/query"),
  value: z.looseObject({
    commandId: z.string().max(200),
    parameters: z
      .array(z.looseObject({ name: z.string().max(200), value: z.unknown().optional() }))
      .max(20)
      .optional(),
  }),
});

export const conversationUpdateSchema = z.object({
  ...base,
  type: z.literal("conversationUpdate"),
  membersAdded: z.array(account).max(1000).optional(),
});

export const installationUpdateSchema = z.object({
  ...base,
  type: z.literal("installationUpdate"),
  action: z.string().max(100).optional(),
});

export type MessageActivity = z.infer<typeof messageActivitySchema>;
export type CardActionActivity = z.infer<typeof cardActionSchema>;
export type ConversationUpdateActivity = z.infer<typeof conversationUpdateSchema>;
/** The fields every handled activity has. */
export type TeamsActivityFields =
  | MessageActivity
  | CardActionActivity
  | ConversationUpdateActivity
  | z.infer<typeof installationUpdateSchema>
  | z.infer<typeof extensionQuerySchema>;

export type TeamsVerdict =
  | { kind: "handle"; activity: TeamsActivityFields }
  | { kind: "ignore"; reason: string }
  | { kind: "refuse"; reason: string };

const schemas = new Map<string, z.ZodType<TeamsActivityFields>>([
  ["message", messageActivitySchema],
  ["conversationUpdate", conversationUpdateSchema],
  ["installationUpdate", installationUpdateSchema],
]);

/** Sorts a parsed request body: an activity the bot handles (typed), one it ignores, or one it refuses. */
export function classifyTeams(body: unknown): TeamsVerdict {
  if (typeof body !== "object" || body === null || Array.isArray(body))
    return { kind: "refuse", reason: "not an object" };
  const { type, name } = body as { type?: unknown; name?: unknown };
  if (typeof type !== "string") return { kind: "refuse", reason: "no activity type" };
  const invokes = new Map<unknown, z.ZodType<TeamsActivityFields>>([
    ["adaptiveCard/action", cardActionSchema],
    ["composeExtension/query", extensionQuerySchema],
  ]);
  const schema = type === "invoke" ? invokes.get(name) : schemas.get(type);
  if (!schema)
    return { kind: "ignore", reason: type === "invoke" ? "invoke not handled" : "activity type not handled" };
  const parsed = schema.safeParse(body);
  if (parsed.success) return { kind: "handle", activity: parsed.data };
  const issue = parsed.error.issues[0];
  return { kind: "refuse", reason: issue ? `${issue.path.join(".")}: ${issue.code}` : "invalid" };
}

/** The parsed activity, typed, for a handler whose activity passed the gate. */
export function handledActivity(activity: unknown): TeamsActivityFields | undefined {
  const verdict = classifyTeams(activity);
  return verdict.kind === "handle" ? verdict.activity : undefined;
}
