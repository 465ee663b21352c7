import type { ConversationReference } from "@microsoft/teams.api";
import { App, ExpressAdapter } from "@microsoft/teams.apps";
import type { Application } from "express";
import type { ConversationCore } from "../../conversation/core.ts";
import type { ThemeSearch } from "../../conversation/share.ts";
import { normaliseText, type Click, type Incoming } from "../../conversation/incoming.ts";
import type { Reply } from "../../conversation/reply.ts";
import type { TeamsSettings } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { clickText, decodeClick } from "../../render/click-codec.ts";
import { texts } from "../../conversation/texts.ts";
import { renderTeamsCard, teamsSummary, teamsText, TEAMS_VERB } from "../../render/teams.ts";
import { retrying, withDeadline } from "../../server/resilience.ts";
import type { Store } from "../../store/store.ts";
import { InFlight } from "../in-flight.ts";
import { safely } from "../safely.ts";
import { sdkLogger } from "../sdk-logger.ts";
import type { Surface } from "../surface.ts";
import type { RegionalCommands } from "../../regional/commands.ts";
import { registerMessageExtension } from "./message-extension.ts";
import { TeamsRegionPlatform } from "./regional.ts";
import { teamsGate } from "./teams-gate.ts";
import { handledActivity, type TeamsActivityFields } from "./teams-payloads.ts";
import { TEAMS_CALL_TIMEOUT_MS, TeamsSender, teamsRetryAfter } from "./teams-sender.ts";

/** Replies are sent up to four times (1 s, 2 s, 4 s apart, or as Retry-After says), then logged. */
export const TEAMS_REPLY_ATTEMPTS = 4;

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

/** Whether a message @mentions the bot itself (not someone else). */
export function mentionsBot(activity: Pick<TeamsActivityFields, "recipient" | "entities">): boolean {
  return (activity.entities ?? []).some((e) => e.type === "mention" && e.mentioned?.id === activity.recipient.id);
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
  /** replies being answered or posted; a shutdown waits for them */
  readonly inFlight = new InFlight();

  constructor(private readonly deps: TeamsSurfaceDeps) {
    const { settings, log, logQuestions } = deps;
    const logger = sdkLogger(log, "teams", logQuestions) as never;
    deps.http.post("/api/messages", ...teamsGate({ requireToken: !settings.allowUnauthenticated, log }));
    this.app = new App({
      ...teamsAppCredentials(settings),
      ...(settings.serviceUrl ? { serviceUrl: settings.serviceUrl } : {}),
      dangerouslyAllowUnauthenticatedRequests: settings.allowUnauthenticated,
      httpServerAdapter: new ExpressAdapter(deps.http, { logger }),
      logger,
      client: { timeout: TEAMS_CALL_TIMEOUT_MS },
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

  /** The shared HTTP server stops receiving; replies in progress get up to `graceMs` to finish. */
  async stop(graceMs = 5_000): Promise<void> {
    await this.inFlight.settle(graceMs);
  }

  private incomingFrom(activity: TeamsActivityFields, text: string, click?: Click): Incoming {
    const isDirect = activity.conversation.conversationType === "personal";
    return {
      platform: "teams",
      conversationId: teamsConversationId(activity.conversation.id),
      userId: activity.from.aadObjectId ?? activity.from.id,
      text: normaliseText(text),
      isDirect,
      threadId: activity.conversation.id.includes(";messageid=") ? activity.conversation.id : undefined,
      click,
    };
  }

  /**
   * Stores how to reach the conversation later (service URL, conversation, bot), refreshed by
   * every activity. The user's name and the message ID are left out: they are not needed to post.
   * Answering does not depend on it: while the store is unavailable this only logs.
   */
  private async remember(activity: TeamsActivityFields, ref: ConversationReference): Promise<string> {
    const id = teamsConversationId(activity.conversation.id);
    const { user: _user, activityId: _activityId, ...reference } = ref;
    const conversation = { ...reference.conversation, id: baseConversationId(activity.conversation.id) };
    const isDirect = activity.conversation.conversationType === "personal";
    try {
      await withDeadline(
        this.deps.store.saveConversation({
          id,
          platform: "teams",
          isDirect,
          userId: isDirect ? (activity.from.aadObjectId ?? activity.from.id) : undefined,
          reference: { ...reference, conversation },
        }),
        2_000,
        "saving the conversation",
      );
    } catch (error) {
      this.deps.log.warn({ platform: "teams", err: error }, "conversation not saved; answering anyway");
    }
    return id;
  }

  /** Sends with bounded retries on 429 (after Retry-After), 5xx and timeouts. */
  private deliver(send: Send, activity: TeamsOutgoing, ref?: ConversationReference): Promise<unknown> {
    return retrying(
      () => withDeadline(send(activity as never, ref as never), TEAMS_CALL_TIMEOUT_MS + 1_000, "teams send"),
      {
        attempts: TEAMS_REPLY_ATTEMPTS,
        baseMs: 1_000,
        maxMs: 30_000,
        retryAfter: teamsRetryAfter,
      },
    );
  }

  /**
   * A subscription change in a channel is announced as a new post in the channel, not only in the
   * thread, naming (mentioning) who made it.
   */
  private async announce(
    send: Send,
    ref: ConversationReference,
    fields: TeamsActivityFields,
    incoming: Incoming,
    reply: Reply,
  ): Promise<void> {
    if (!reply.announce || incoming.isDirect) return;
    const channelRef = {
      ...ref,
      conversation: { ...ref.conversation, id: baseConversationId(String(ref.conversation.id)) },
    };
    const name = fields.from.name?.trim();
    const mention = name ? `<at>${teamsText(name)}</at>` : texts.lessons.someone;
    const text = teamsText(reply.announce).split(texts.lessons.announcer).join(mention);
    // A mention entity only for a mention the text carries: Teams refuses one that is not in the text.
    const entities =
      name && text.includes(mention)
        ? [{ type: "mention" as const, text: mention, mentioned: { id: fields.from.id, name } }]
        : [];
    await this.deliver(send, { type: "message", text, entities }, channelRef);
  }

  /** Remembers the conversation and lets the core answer: a message's reply, or a click's new card state and reply. */
  private async answer(
    fields: TeamsActivityFields,
    ref: ConversationReference,
    text: string,
    click?: Click,
    origin?: Click,
  ) {
    await this.remember(fields, ref);
    const incoming: Incoming = { ...this.incomingFrom(fields, text, click), origin };
    const { post, update } = click
      ? await this.deps.core.click(incoming)
      : { post: await this.deps.core.handle(incoming), update: undefined };
    return { incoming, post, update };
  }

  /** Posts a reply card and any announcement, each with retries. */
  private async postReply(
    send: Send,
    ref: ConversationReference,
    fields: TeamsActivityFields,
    incoming: Incoming,
    reply: Reply,
  ): Promise<void> {
    await this.deliver(send, teamsActivity(reply));
    await this.announce(send, ref, fields, incoming, reply);
  }

  /** A reply in the thread of a "vraag het de regio" post, with or without a mention: sent to the asker's DM instead of answered. */
  private async regionalReply(fields: TeamsActivityFields): Promise<boolean> {
    const [base, root] = fields.conversation.id.split(";messageid=");
    if (!this.deps.regional || fields.conversation.conversationType !== "channel" || !root) return false;
    const text = fields.type === "message" ? normaliseText((fields.text ?? "").trim()) : "";
    return this.deps.regional.onThreadReply({
      regionId: teamsConversationId(base!),
      threadRef: root,
      platform: "teams",
      who: fields.from.name,
      text,
    });
  }

  /**
   * The work for an activity runs after the HTTP answer: the Bot Connector gets its 200 at once,
   * and a slow or failing reply (retried, then logged) never turns into a 500 for the request.
   */
  private background(what: string, work: () => Promise<unknown>): void {
    void this.inFlight.track(safely(this.deps.log, `teams ${what} failed`, work));
  }

  private register(): void {
    const { core, store, log } = this.deps;

    this.app.on("message", async ({ activity, send, ref }) => {
      const fields = handledActivity(activity);
      if (fields?.type !== "message") return;
      // Action.Submit (the fallback of older clients) arrives as a message whose value carries the click.
      const data = fields.value as { click?: unknown; origin?: unknown } | undefined;
      const click = decodeClick(data?.click);
      this.background("message", async () => {
        if (!click && (await this.regionalReply(fields))) return;
        // With resource-specific consent (ChannelMessage.Read.Group in the manifest) Teams delivers every
        // channel message; besides replies in a "vraag het de regio" thread, only those mentioning the bot are for it.
        if (!click && fields.conversation.conversationType !== "personal" && !mentionsBot(fields)) return;
        const text = click ? clickText(click) : (fields.text ?? "").trim();
        const { incoming, post, update } = await this.answer(fields, ref, text, click, decodeClick(data?.origin));
        if (post) await this.postReply(send, ref, fields, incoming, post);
        // Older clients cannot replace the card; the outcome of a feedback or confirmation click is posted instead.
        else if (update) await this.deliver(send, teamsActivity(update));
      });
    });

    this.app.on("card.action", async ({ activity, send, ref }) => {
      const fields = handledActivity(activity);
      const action =
        fields?.type === "invoke" && fields.name === "adaptiveCard/action" ? fields.value.action : undefined;
      const data =
        action?.verb === TEAMS_VERB ? (action.data as { click?: unknown; origin?: unknown } | undefined) : undefined;
      const click = decodeClick(data?.click);
      if (!fields || !click)
        return {
          statusCode: 400,
          type: "application/vnd.microsoft.error",
          value: { code: "BadRequest", message: "unknown action" },
        } as never;
      // Universal Actions: the invoke response carries the clicked card's new state; a reply to post goes out after it.
      try {
        const { incoming, post, update } = await this.answer(
          fields,
          ref,
          clickText(click),
          click,
          decodeClick(data?.origin),
        );
        if (post) this.background("card action", () => this.postReply(send, ref, fields, incoming, post));
        if (update)
          return {
            statusCode: 200,
            type: "application/vnd.microsoft.card.adaptive",
            value: renderTeamsCard(update),
          } as never;
      } catch (error) {
        log.error({ platform: "teams", err: error }, "card action failed");
      }
      return {
        statusCode: 200,
        type: "application/vnd.microsoft.activity.message",
        value: texts.clickAnswered,
      } as never;
    });

    const greet = async (activity: TeamsActivityFields, ref: ConversationReference, send: Send) => {
      const id = await this.remember(activity, ref);
      if (await store.markWelcomed(id)) await this.deliver(send, teamsActivity(core.welcome()));
    };
    this.app.on("install.add", async ({ activity, send, ref }) => {
      const fields = handledActivity(activity);
      if (fields) this.background("install", () => greet(fields, ref, send));
    });
    this.app.on("conversationUpdate", async ({ activity, send, ref }) => {
      const fields = handledActivity(activity);
      if (fields?.type !== "conversationUpdate") return;
      if (fields.membersAdded?.some((m) => m.id === fields.recipient.id))
        this.background("welcome", () => greet(fields, ref, send));
      else this.background("update", () => this.remember(fields, ref));
    });

    // Errors the SDK catches itself (a failing plugin, a handler outside ours) are logged in the one shape.
    this.app.event("error", ({ error }) => {
      log.error({ platform: "teams", err: error }, "teams activity failed");
    });
  }
}

type Send = (activity: never, ref?: never) => Promise<unknown>;
type TeamsOutgoing =
  | ReturnType<typeof teamsActivity>
  | {
      type: "message";
      text: string;
      entities?: Array<{ type: "mention"; text: string; mentioned: { id: string; name: string } }>;
    };
