import { App, ExpressReceiver, LogLevel, SocketModeReceiver, type Logger as BoltLogger } from "@slack/bolt";
import type { Application } from "express";
import type { ConversationCore } from "../../conversation/core.ts";
import type { ThemeSearch } from "../../conversation/share.ts";
import type { Click, Incoming } from "../../conversation/incoming.ts";
import type { Reply } from "../../conversation/reply.ts";
import type { SlackSettings } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { texts } from "../../conversation/texts.ts";
import { clickText, decodeClick, decodeOrigin } from "../../render/click-codec.ts";
import { escapeSlack, renderSlack, renderSlackHome, SLACK_ACTION_PREFIX } from "../../render/slack.ts";
import type { Store } from "../../store/store.ts";
import { sdkLogger } from "../sdk-logger.ts";
import type { Surface } from "../surface.ts";
import type { RegionalCommands } from "../../regional/commands.ts";
import { registerRegionalThreads, SlackRegionPlatform } from "./regional.ts";
import { registerShortcuts } from "./shortcuts.ts";
import { SlackSender, slackClientOptions } from "./slack-sender.ts";

type BoltApp = InstanceType<typeof App>;
type WebClient = BoltApp["client"];

export interface SlackSurfaceDeps {
  settings: SlackSettings;
  core: ConversationCore;
  store: Store;
  log: Logger;
  logQuestions: boolean;
  /** the shared HTTP app; Slack's routes are mounted on it (HTTP mode) */
  http: Application;
  /** the handbook search for the shortcuts ("Zoek in de Wegwijzer"); without it they are not served */
  share?: ThemeSearch | undefined;
  /** "vraag het de regio": the platform is added to it and thread replies are passed on */
  regional?: Pick<RegionalCommands, "usePlatform" | "onThreadReply"> | undefined;
}

/**
 * Slack conversation IDs carry the workspace: "slack:T123:C456". A direct conversation is keyed
 * by the user ("slack:T123:U789"), so the App Home and the DM share one subscription.
 */
export function slackConversationId(teamId: string | undefined, channel: string): string {
  return `slack:${teamId ?? "T"}:${channel}`;
}

/** "<@U123> vraag" → "vraag": mentions of the bot are not part of the question. */
export function stripSlackMentions(text: string): string {
  return text.replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * The Slack adapter: translates Slack events into Incoming messages for the core and posts the
 * rendered replies. HTTP mode mounts `/slack/events` on the shared server (signatures verified
 * by Bolt, 401 on a bad or stale one); Socket Mode when an app token is set.
 */
export class SlackSurface implements Surface {
  readonly platform = "slack";
  readonly app: BoltApp;
  readonly sender: SlackSender;
  private readonly socketMode: boolean;

  constructor(private readonly deps: SlackSurfaceDeps) {
    const { settings, log, logQuestions } = deps;
    const logger = sdkLogger(log, "slack", logQuestions) as unknown as BoltLogger;
    const clientOptions = slackClientOptions(settings.apiUrl);
    this.sender = new SlackSender(settings);
    this.socketMode = Boolean(settings.appToken);
    if (this.socketMode) {
      // Built by hand so that SLACK_API_URL also reaches the socket client (apps.connections.open).
      const receiver = new SocketModeReceiver({ appToken: settings.appToken!, logger, logLevel: LogLevel.WARN, installerOptions: { clientOptions } });
      this.app = new App({ token: settings.botToken, receiver, logger, logLevel: LogLevel.WARN, clientOptions });
    } else {
      const receiver = new ExpressReceiver({
        signingSecret: settings.signingSecret!, // HTTP mode: the configuration requires it
        endpoints: "/slack/events",
        app: deps.http,
        logger,
        logLevel: LogLevel.WARN,
        processBeforeResponse: false,
      });
      this.app = new App({ token: settings.botToken, receiver, logger, logLevel: LogLevel.WARN, clientOptions });
    }
    this.register();
    if (deps.share) registerShortcuts(this.app, deps.share, log);
    if (deps.regional) {
      deps.regional.usePlatform("slack", new SlackRegionPlatform(this.app.client));
      registerRegionalThreads(this.app, deps.regional, slackConversationId, log);
    }
  }

  /** HTTP mode: the routes are mounted on construction; Socket Mode: connects. */
  async start(): Promise<void> {
    if (this.socketMode) await this.app.start();
  }

  async stop(): Promise<void> {
    if (this.socketMode) await this.app.stop();
  }

  private register(): void {
    const { core, store, log } = this.deps;

    // A retried delivery (same event_id) is answered once, across instances sharing the store.
    this.app.use(async ({ body, next }) => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === "string" && !(await store.claimEvent(`slack:${eventId}`))) {
        log.info({ platform: "slack" }, "duplicate event skipped");
        return;
      }
      await next();
    });

    this.app.event("app_mention", async ({ event, client, context }) => {
      const channel = event.channel;
      const thread = event.thread_ts ?? event.ts;
      const incoming: Incoming = {
        platform: "slack",
        conversationId: slackConversationId(context.teamId ?? event.team, channel),
        userId: event.user ?? "unknown",
        text: stripSlackMentions(event.text),
        isDirect: false,
        threadId: thread,
      };
      await this.remember(incoming, channel);
      const reply = await core.handle(incoming);
      await this.post(client, channel, thread, reply);
      await this.announce(client, channel, incoming, reply);
    });

    this.app.message(async ({ message, client, context }) => {
      // Only direct messages from people; channel talk is answered only when the bot is mentioned.
      if (message.channel_type !== "im" || message.subtype !== undefined || "bot_id" in message) return;
      const text = "text" in message && typeof message.text === "string" ? message.text : "";
      const userId = "user" in message && typeof message.user === "string" ? message.user : "unknown";
      const incoming: Incoming = {
        platform: "slack",
        conversationId: slackConversationId(context.teamId, userId),
        userId,
        text,
        isDirect: true,
        threadId: "thread_ts" in message && typeof message.thread_ts === "string" ? message.thread_ts : undefined,
      };
      await this.remember(incoming, message.channel);
      await this.post(client, message.channel, incoming.threadId, await core.handle(incoming));
    });

    this.app.command("/wegwijzer", async ({ command, ack, respond, client }) => {
      await ack();
      const isDirect = command.channel_id.startsWith("D") || command.channel_name === "directmessage";
      const incoming: Incoming = {
        platform: "slack",
        conversationId: slackConversationId(command.team_id, isDirect ? command.user_id : command.channel_id),
        userId: command.user_id,
        text: command.text.trim() || "help",
        isDirect,
      };
      await this.remember(incoming, command.channel_id);
      const reply = await core.handle(incoming);
      // The answer is shown to the asker only: a question in a channel can be sensitive.
      await respond({ response_type: "ephemeral", ...renderSlack(reply) });
      await this.announce(client, command.channel_id, incoming, reply);
    });

    this.app.action(new RegExp(`^${SLACK_ACTION_PREFIX}`), async ({ ack, body, action, client, respond }) => {
      await ack();
      const value = "value" in action ? action.value : undefined;
      const click = decodeClick(value);
      if (!click) {
        log.warn({ platform: "slack" }, "button with an unreadable value ignored");
        return;
      }
      await this.handleClick(body as unknown as ClickBody, click, decodeOrigin(value), client, respond);
    });

    this.app.event("app_home_opened", async ({ event, client, context }) => {
      if (event.tab === "home") {
        const home = await core.home({ platform: "slack", userId: event.user, conversationId: slackConversationId(context.teamId, event.user) });
        await client.views.publish({ user_id: event.user, view: renderSlackHome(home) });
        return;
      }
      // First visit to the bot's DM: welcome once.
      const conversationId = slackConversationId(context.teamId, event.user);
      await store.saveConversation({ id: conversationId, platform: "slack", isDirect: true, userId: event.user, reference: { channel: event.channel } });
      if (await store.markWelcomed(conversationId)) await this.post(client, event.channel, undefined, core.welcome());
    });

    this.app.event("member_joined_channel", async ({ event, client, context }) => {
      if (event.user !== context.botUserId) return;
      const conversationId = slackConversationId(context.teamId ?? event.team, event.channel);
      await store.saveConversation({ id: conversationId, platform: "slack", isDirect: false, reference: { channel: event.channel } });
      if (await store.markWelcomed(conversationId)) await this.post(client, event.channel, undefined, core.welcome());
    });

    this.app.error(async (error) => {
      log.error({ platform: "slack", err: { message: error.message, code: (error as { code?: string }).code } }, "slack handler failed");
    });
  }

  private async handleClick(body: ClickBody, click: Click, origin: Click | undefined, client: WebClient, respond: (message: object) => Promise<unknown>): Promise<void> {
    const { core } = this.deps;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const teamId = body.team?.id ?? body.user.team_id;
    const label = clickText(click);
    if (!channel) {
      // A button on the App Home acts for the user's DM with the bot. A DM not seen before is reached
      // by posting to the user's ID, which Slack delivers in the app's Messages tab.
      const conversationId = slackConversationId(teamId, body.user.id);
      if (!(await this.deps.store.getConversation(conversationId))) {
        await this.deps.store.saveConversation({ id: conversationId, platform: "slack", isDirect: true, userId: body.user.id, reference: { channel: body.user.id } });
      }
      const reply = await core.handle({ platform: "slack", conversationId, userId: body.user.id, text: label, isDirect: true, click });
      const home = await core.home({ platform: "slack", userId: body.user.id, conversationId, notice: reply.text });
      await client.views.publish({ user_id: body.user.id, view: renderSlackHome(home) });
      return;
    }
    const isDirect = channel.startsWith("D");
    const thread = body.message?.thread_ts ?? body.message?.ts ?? body.container?.thread_ts ?? body.container?.message_ts;
    const incoming: Incoming = { platform: "slack", conversationId: slackConversationId(teamId, isDirect ? body.user.id : channel), userId: body.user.id, text: label, isDirect, threadId: thread, click, origin };
    const { post, update } = await core.click(incoming);
    // The clicked message itself shows the new state (thanks for feedback, a confirmation's outcome, the lesson card's buttons).
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (update) {
      if (body.container?.is_ephemeral) await respond({ response_type: "ephemeral", replace_original: true, ...renderSlack(update) });
      else if (ts) await client.chat.update({ channel, ts, ...renderSlack(update) });
    }
    if (!post) return;
    if (body.container?.is_ephemeral) {
      await respond({ response_type: "ephemeral", replace_original: false, ...renderSlack(post) });
    } else {
      await this.post(client, channel, thread, post);
    }
    await this.announce(client, channel, incoming, post);
  }

  /** A subscription change in a shared channel is announced in the channel itself, for everyone. */
  private async announce(client: WebClient, channel: string, incoming: Incoming, reply: Reply): Promise<void> {
    if (!reply.announce || incoming.isDirect) return;
    // Who made the change is named with a mention; everything else is escaped.
    const text = escapeSlack(reply.announce).split(texts.lessons.announcer).join(`<@${incoming.userId}>`);
    await client.chat.postMessage({ channel, text });
  }

  private async remember(incoming: Incoming, channel: string): Promise<void> {
    await this.deps.store.saveConversation({ id: incoming.conversationId, platform: "slack", isDirect: incoming.isDirect, userId: incoming.userId, reference: { channel } });
  }

  /** Posts a reply; Slack's WebClient waits out a 429 (Retry-After) and retries by itself. */
  private async post(client: WebClient, channel: string, thread: string | undefined, reply: Reply): Promise<void> {
    await client.chat.postMessage({ channel, ...(thread ? { thread_ts: thread } : {}), ...renderSlack(reply), unfurl_links: false });
  }
}

/** The parts of a block_actions payload the adapter reads. */
interface ClickBody {
  user: { id: string; team_id?: string };
  team?: { id: string } | null;
  channel?: { id: string };
  message?: { ts?: string; thread_ts?: string };
  container?: { channel_id?: string; message_ts?: string; thread_ts?: string; is_ephemeral?: boolean };
}
