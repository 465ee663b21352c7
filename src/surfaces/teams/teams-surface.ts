import { App, ExpressAdapter } from "@microsoft/teams.apps";
import type { Application } from "express";
import type { ConversationCore } from "../../conversation/core.ts";
import type { ThemeSearch } from "../../conversation/share.ts";
import type { Click, Incoming } from "../../conversation/incoming.ts";
import type { Reply } from "../../conversation/reply.ts";
import type { TeamsSettings } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { clickText, decodeClick } from "../../render/click-codec.ts";
import { renderTeamsCard, teamsSummary, teamsText, TEAMS_VERB } from "../../render/teams.ts";
import { texts } from "../../conversation/texts.ts";
import type { Store } from "../../store/store.ts";
import { sdkLogger } from "../sdk-logger.ts";
import type { Surface } from "../surface.ts";
import type { RegionalCommands } from "../../regional/commands.ts";
import { registerMessageExtension } from "./message-extension.ts";
import { TeamsRegionPlatform } from "./regional.ts";
import { TeamsSender } from "./teams-sender.ts";

export interface TeamsSurfaceDeps {
  settings: TeamsSettings;
  core: ConversationCore;
  store: Store;
  log: Logger;
  logQuestions: boolean;
  /** the shared HTTP app; the Teams SDK mounts `/api/messages` on it */
  http: Application;
  /** the handbook search for the compose box (message extension); without it the extension is not served */
  share?: ThemeSearch | undefined;
  /** "vraag het de regio": the platform is added to it and thread replies are passed on */
  regional?: Pick<RegionalCommands, "usePlatform" | "onThreadReply"> | undefined;
}

/** The Teams message activity for a reply: one Adaptive Card, with a summary for notifications. */
export function teamsActivity(reply: Reply) {
  return {
    type: "message" as const,
    summary: teamsSummary(reply),
    attachments: [{ contentType: "application/vnd.microsoft.card.adaptive" as const, content: renderTeamsCard(reply) }],
  };
}

/** A channel thread's conversation ID ends in ";messageid=…"; the conversation itself is the part before. */
function baseConversationId(conversationId: string): string {
  return conversationId.split(";")[0]!;
}

export function teamsConversationId(conversationId: string): string {
  return `teams:${baseConversationId(conversationId)}`;
}

/** The App's credentials from the configuration: only what is set, so the SDK sees no empty values. */
export function teamsAppCredentials(settings: Pick<TeamsSettings, "clientId" | "clientSecret" | "tenantId">) {
  return {
    ...(settings.clientId ? { clientId: settings.clientId } : {}),
    ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
    ...(settings.tenantId ? { tenantId: settings.tenantId } : {}),
  };
}

/** Activity fields the adapter reads; the SDK's activity types are wider. */
interface TeamsActivityFields {
  text?: string;
  value?: unknown;
  conversation: { id: string; conversationType?: string };
  from: { id: string; aadObjectId?: string; name?: string };
  recipient: { id: string };
  membersAdded?: Array<{ id: string }>;
}

/**
 * The Teams adapter on the Teams SDK (`@microsoft/teams.apps`): personal chat, channel mentions
 * (answered in the thread, mention stripped) and group chats. Token validation is on whenever
 * credentials are set; unauthenticated requests only in the loopback development mode that
 * the configuration allows.
 */
export class TeamsSurface implements Surface {
  readonly platform = "teams";
  readonly app: App;
  readonly sender: TeamsSender;

  constructor(private readonly deps: TeamsSurfaceDeps) {
    const { settings, log, logQuestions } = deps;
    const logger = sdkLogger(log, "teams", logQuestions) as never;
    this.app = new App({
      ...teamsAppCredentials(settings),
      ...(settings.serviceUrl ? { serviceUrl: settings.serviceUrl } : {}),
      dangerouslyAllowUnauthenticatedRequests: settings.allowUnauthenticated,
      httpServerAdapter: new ExpressAdapter(deps.http, { logger }),
      logger,
      activity: { mentions: { stripText: true } },
    });
    this.sender = new TeamsSender(this.app);
    this.register();
    if (deps.share) registerMessageExtension(this.app, deps.share, log);
    deps.regional?.usePlatform("teams", new TeamsRegionPlatform(this.app, this.sender));
  }

  /** Registers `/api/messages` on the shared HTTP app; the server itself is started by the caller. */
  async start(): Promise<void> {
    await this.app.initialize();
  }

  /** Nothing to close: the shared HTTP server stops receiving. */
  async stop(): Promise<void> {}

  private incomingFrom(activity: TeamsActivityFields, text: string, click?: Click): Incoming {
    const isDirect = activity.conversation.conversationType === "personal";
    return {
      platform: "teams",
      conversationId: teamsConversationId(activity.conversation.id),
      userId: activity.from.aadObjectId ?? activity.from.id,
      text,
      isDirect,
      threadId: activity.conversation.id.includes(";messageid=") ? activity.conversation.id : undefined,
      click,
    };
  }

  /**
   * Stores how to reach the conversation later (service URL, conversation, bot), refreshed by
   * every activity. The user's name and the message ID are left out: they are not needed to post.
   */
  private async remember(activity: TeamsActivityFields, ref: unknown): Promise<string> {
    const id = teamsConversationId(activity.conversation.id);
    const { user: _user, activityId: _activityId, ...reference } = ref as Record<string, unknown>;
    const conversation = { ...(reference.conversation as Record<string, unknown>), id: baseConversationId(activity.conversation.id) };
    const isDirect = activity.conversation.conversationType === "personal";
    await this.deps.store.saveConversation({ id, platform: "teams", isDirect, userId: isDirect ? activity.from.aadObjectId ?? activity.from.id : undefined, reference: { ...reference, conversation } });
    return id;
  }

  /**
   * A subscription change in a channel is announced as a new post in the channel, not only in the
   * thread, naming (mentioning) who made it.
   */
  private async announce(send: (activity: never, ref?: never) => Promise<unknown>, ref: unknown, fields: TeamsActivityFields, incoming: Incoming, reply: Reply): Promise<void> {
    if (!reply.announce || incoming.isDirect) return;
    const base = ref as { conversation: Record<string, unknown> };
    const channelRef = { ...base, conversation: { ...base.conversation, id: baseConversationId(String(base.conversation.id)) } };
    const name = fields.from.name?.trim();
    const mention = name ? `<at>${teamsText(name)}</at>` : texts.lessons.someone;
    const text = teamsText(reply.announce).split(texts.lessons.announcer).join(mention);
    const entities = name ? [{ type: "mention", text: mention, mentioned: { id: fields.from.id, name } }] : [];
    await send({ type: "message", text, entities } as never, channelRef as never);
  }

  /** Remembers the conversation, lets the core answer, and posts the card (and any announcement). */
  private async respond(fields: TeamsActivityFields, ref: unknown, send: (activity: never, ref?: never) => Promise<unknown>, text: string, click?: Click, origin?: Click): Promise<{ post?: Reply | undefined; update?: Reply | undefined }> {
    await this.remember(fields, ref);
    const incoming = { ...this.incomingFrom(fields, text, click), origin };
    const { post, update } = click ? await this.deps.core.click(incoming) : { post: await this.deps.core.handle(incoming), update: undefined };
    if (post) {
      await send(teamsActivity(post) as never);
      await this.announce(send, ref, fields, incoming, post);
    }
    return { post, update };
  }

  /** A reply (mentioning the bot) in the thread of a "vraag het de regio" post: sent to the asker's DM instead of answered. */
  private async regionalReply(fields: TeamsActivityFields): Promise<boolean> {
    const [base, root] = fields.conversation.id.split(";messageid=");
    if (!this.deps.regional || fields.conversation.conversationType !== "channel" || !root) return false;
    return this.deps.regional.onThreadReply({ regionId: teamsConversationId(base!), threadRef: root, platform: "teams", who: fields.from.name, text: (fields.text ?? "").trim() });
  }

  private register(): void {
    const { core, store } = this.deps;

    this.app.on("message", async ({ activity, send, ref }) => {
      const fields = activity as unknown as TeamsActivityFields;
      // Action.Submit (the fallback of older clients) arrives as a message whose value carries the click.
      const data = fields.value as { click?: unknown; origin?: unknown } | undefined;
      const click = decodeClick(data?.click);
      if (!click && (await this.regionalReply(fields))) return;
      const { post, update } = await this.respond(fields, ref, send, click ? clickText(click) : (fields.text ?? "").trim(), click, decodeClick(data?.origin));
      // Older clients cannot replace the card; the outcome of a feedback or confirmation click is posted instead.
      if (update && !post) await send(teamsActivity(update) as never);
    });

    this.app.on("card.action", async ({ activity, send, ref }) => {
      const value = (activity as unknown as { value?: { action?: { verb?: string; data?: { click?: unknown; origin?: unknown } } } }).value;
      const click = value?.action?.verb === TEAMS_VERB ? decodeClick(value.action.data?.click) : undefined;
      if (!click) return { statusCode: 400, type: "application/vnd.microsoft.error", value: { code: "BadRequest", message: "unknown action" } } as never;
      const origin = decodeClick(value?.action?.data?.origin);
      const { update } = await this.respond(activity as unknown as TeamsActivityFields, ref, send, clickText(click), click, origin);
      // Universal Actions: the invoke response replaces the clicked card; without one, a short notice (never an empty one).
      if (update) return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: renderTeamsCard(update) } as never;
      return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: texts.clickAnswered } as never;
    });

    const greet = async (activity: TeamsActivityFields, ref: unknown, send: (a: ReturnType<typeof teamsActivity>) => Promise<unknown>) => {
      const id = await this.remember(activity, ref);
      if (await store.markWelcomed(id)) await send(teamsActivity(core.welcome()));
    };
    this.app.on("install.add", async ({ activity, send, ref }) => greet(activity as unknown as TeamsActivityFields, ref, send));
    this.app.on("conversationUpdate", async ({ activity, send, ref }) => {
      const fields = activity as unknown as TeamsActivityFields;
      if (fields.membersAdded?.some((m) => m.id === fields.recipient.id)) await greet(fields, ref, send);
      else await this.remember(fields, ref);
    });
  }
}
