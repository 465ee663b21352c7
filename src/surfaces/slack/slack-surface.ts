import { App, ExpressReceiver, LogLevel, SocketModeReceiver, webApi, type Logger as BoltLogger } from "@slack/bolt";
import type { Application } from "express";
import type { ConversationCore } from "../../conversation/core.ts";
import type { ThemeSearch } from "../../conversation/share.ts";
import { normaliseText, type Click, type Incoming } from "../../conversation/incoming.ts";
import type { Reply } from "../../conversation/reply.ts";
import type { SlackSettings } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { texts } from "../../conversation/texts.ts";
import { clickText, decodeClick, decodeOrigin } from "../../render/click-codec.ts";
import { escapeSlack, renderSlack, renderSlackHome, SLACK_ACTION_PREFIX } from "../../render/slack.ts";
import { retrying, withDeadline } from "../../server/resilience.ts";
import type { EventClaims } from "../../store/claims.ts";
import type { Store } from "../../store/store.ts";
import { InFlight } from "../in-flight.ts";
import { sdkLogger } from "../sdk-logger.ts";
import type { Surface } from "../surface.ts";
import type { RegionalCommands } from "../../regional/commands.ts";
import { registerRegionalThreads, SlackRegionPlatform } from "./regional.ts";
import { registerShortcuts } from "./shortcuts.ts";
import { safely } from "../safely.ts";
import { slackGate } from "./slack-gate.ts";
import { SlackIdentity } from "./slack-identity.ts";
import {
  classifySlack,
  type AppMention,
  type BlockActions,
  type DirectMessage,
  type HomeOpened,
  type MemberJoined,
  type SlashCommand,
} from "./slack-payloads.ts";
import { SLACK_CALL_TIMEOUT_MS, SlackSender, slackClientOptions, slackRetryAfter } from "./slack-sender.ts";

const { WebClient } = webApi;
type BoltApp = InstanceType<typeof App>;
type WebClient = BoltApp["client"];
type Respond = (message: object) => Promise<unknown>;

export interface SlackSurfaceDeps {
  settings: SlackSettings;
  core: ConversationCore;
  store: Store;
  claims: EventClaims;
  log: Logger;
  logQuestions: boolean;
  /** the shared HTTP app; Slack's routes are mounted on it (HTTP mode) */
  http: Application;
  /** the handbook search for the shortcuts ("Zoek in de Wegwijzer"); without it they are not served */
  share?: ThemeSearch | undefined;
  /** "vraag het de regio": the platform is added to it and thread replies are passed on */
  regional?: Pick<RegionalCommands, "usePlatform" | "onThreadReply"> | undefined;
}

/** Replies are posted up to four times (1 s, 2 s, 4 s apart, or as Slack's Retry-After says), then logged. */
export const SLACK_REPLY_ATTEMPTS = 4;

/**
 * Slack conversation IDs carry the workspace: "slack:T123:C456". A direct conversation is keyed
 * by the user ("slack:T123:U789"), so the App Home and the DM share one subscription.
 */
export function slackConversationId(teamId: string | undefined, channel: string): string {
  return `slack:${teamId ?? "T"}:${channel}`;
}

/** "<@U123> vraag" → "vraag": mentions of the bot are not part of the question. */
export function stripSlackMentions(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(\|[^>]*)?>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * The Slack adapter: translates Slack events into Incoming messages for the core and posts the
 * rendered replies. HTTP mode mounts `/slack/events` on the shared server behind a gate that
 * verifies, bounds and validates first (see slack-gate.ts); Socket Mode when an app token is set.
 * Every payload is validated with the zod schemas of slack-payloads.ts before a handler sees it.
 */
export class SlackSurface implements Surface {
  readonly platform = "slack";
  readonly app: BoltApp;
  readonly sender: SlackSender;
  readonly identity: SlackIdentity;
  /** replies being answered or posted; a shutdown waits for them */
  readonly inFlight = new InFlight();
  private readonly socketMode: boolean;

  constructor(private readonly deps: SlackSurfaceDeps) {
    const { settings, log, logQuestions } = deps;
    const logger = sdkLogger(log, "slack", logQuestions) as unknown as BoltLogger;
    const clientOptions = {
      ...slackClientOptions(settings.apiUrl),
      timeout: SLACK_CALL_TIMEOUT_MS,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    };
    this.sender = new SlackSender(settings);
    this.identity = new SlackIdentity(settings, log);
    this.socketMode = Boolean(settings.appToken);
    // Bolt's own start-up auth.test crashes the process when Slack answers ok:false; ours retries.
    const authorize = this.identity.authorize;
    if (this.socketMode) {
      // Built by hand so that SLACK_API_URL also reaches the socket client (apps.connections.open).
      const receiver = new SocketModeReceiver({
        appToken: settings.appToken!,
        logger,
        logLevel: LogLevel.WARN,
        installerOptions: { clientOptions },
      });
      this.app = new App({ authorize, receiver, logger, logLevel: LogLevel.WARN, clientOptions });
    } else {
      deps.http.post("/slack/events", slackGate({ signingSecret: settings.signingSecret!, claims: deps.claims, log }));
      const receiver = new ExpressReceiver({
        signingSecret: settings.signingSecret!, // HTTP mode: the configuration requires it
        endpoints: "/slack/events",
        app: deps.http,
        logger,
        logLevel: LogLevel.WARN,
        processBeforeResponse: false,
      });
      this.app = new App({ authorize, receiver, logger, logLevel: LogLevel.WARN, clientOptions });
    }
    this.register();
    if (deps.share) registerShortcuts(this.app, deps.share, log);
    if (deps.regional) {
      // The App authorizes per event (see SlackIdentity), so its own client has no token: the region lookups get one that has.
      deps.regional.usePlatform("slack", new SlackRegionPlatform(new WebClient(settings.botToken, clientOptions)));
      registerRegionalThreads(this.app, deps.regional, slackConversationId, log);
    }
  }

  /**
   * Asks Slack who the bot is (retried in the background); Socket Mode also connects, in the
   * background too: Bolt retries a socket it cannot reach for as long as that lasts, and the
   * server, `/readyz` and a SIGTERM must not wait for it (awaited, a Slack outage at start-up left
   * the process without its shutdown handler, so SIGTERM killed it).
   */
  async start(): Promise<void> {
    await this.identity.start();
    if (this.socketMode)
      this.app.start().then(
        () => this.deps.log.info("slack socket mode connected"),
        // The first attempt failed; Bolt's socket client keeps reconnecting (checked with a closed
        // port). Only the error's name: its message may quote the socket URL with its ticket.
        (error: unknown) =>
          this.deps.log.warn(
            { reason: error instanceof Error ? error.name : typeof error },
            "slack socket not reached yet; Socket Mode keeps retrying",
          ),
      );
  }

  /** Stops receiving and waits (up to `graceMs`) for replies in progress. */
  async stop(graceMs = 5_000): Promise<void> {
    this.identity.stop();
    if (this.socketMode) await withDeadline(this.app.stop(), graceMs, "slack socket close").catch(() => undefined);
    await this.inFlight.settle(graceMs);
  }

  private register(): void {
    const { core, store, log } = this.deps;
    const run = <T>(what: string, work: () => Promise<T>) =>
      this.inFlight.track(safely(log, `slack ${what} failed`, work));

    // Validation (also for Socket Mode, which has no HTTP gate) and de-duplication of retried events.
    this.app.use(async ({ body, next, context, ...args }) => {
      const payload = classifySlack(body);
      if (payload.kind === "ignored") {
        if ("ack" in args && typeof args.ack === "function") await (args.ack as () => Promise<void>)();
        log.debug({ platform: "slack", why: payload.reason }, "payload ignored");
        return;
      }
      if (payload.kind === "event" && !(await this.deps.claims.claim(`slack:${payload.body.event_id}`))) {
        log.info({ platform: "slack" }, "duplicate event skipped");
        return;
      }
      context.payload = payload;
      await next();
    });

    this.app.event("app_mention", async ({ client, context }) => {
      const event = eventOf<AppMention>(context, "app_mention");
      if (event) await run("mention", () => this.onMention(event, client, context.teamId ?? event.team));
    });

    this.app.message(async ({ client, context }) => {
      const message = eventOf<DirectMessage>(context, "message");
      // Only direct messages from people; channel talk is answered only when the bot is mentioned.
      if (message?.channel_type !== "im" || message.subtype !== undefined || message.bot_id !== undefined) return;
      await run("message", () => this.onDirectMessage(message, client, context.teamId));
    });

    this.app.command("/wegwijzer", async ({ ack, respond, client, context }) => {
      await ack();
      const command = (context.payload as { kind: string; body: SlashCommand }).body;
      await run("command", () => this.onCommand(command, client, respond as Respond));
    });

    this.app.action(new RegExp(`^${SLACK_ACTION_PREFIX}`), async ({ ack, action, client, respond, context }) => {
      await ack();
      const body = (context.payload as { kind: string; body: BlockActions }).body;
      const value = "value" in action ? action.value : undefined;
      const click = decodeClick(value);
      if (!click) {
        log.debug({ platform: "slack" }, "button with an unreadable value ignored");
        return;
      }
      await run("click", () => this.handleClick(body, click, decodeOrigin(value), client, respond as Respond));
    });

    this.app.event("app_home_opened", async ({ client, context }) => {
      const event = eventOf<HomeOpened>(context, "app_home_opened");
      if (!event) return;
      await run("home", async () => {
        const conversationId = slackConversationId(context.teamId, event.user);
        if (event.tab === "home") {
          const home = await core.home({ platform: "slack", userId: event.user, conversationId });
          await this.call(() => client.views.publish({ user_id: event.user, view: renderSlackHome(home) as never }));
          return;
        }
        // First visit to the bot's DM: welcome once.
        await store.saveConversation({
          id: conversationId,
          platform: "slack",
          isDirect: true,
          userId: event.user,
          reference: { channel: event.channel },
        });
        if (await store.markWelcomed(conversationId)) await this.post(client, event.channel, undefined, core.welcome());
      });
    });

    this.app.event("member_joined_channel", async ({ client, context }) => {
      const event = eventOf<MemberJoined>(context, "member_joined_channel");
      if (!event || event.user !== context.botUserId) return;
      await run("join", async () => {
        const conversationId = slackConversationId(context.teamId ?? event.team, event.channel);
        await store.saveConversation({
          id: conversationId,
          platform: "slack",
          isDirect: false,
          reference: { channel: event.channel },
        });
        if (await store.markWelcomed(conversationId)) await this.post(client, event.channel, undefined, core.welcome());
      });
    });

    this.app.error(async (error) => {
      log.error({ platform: "slack", err: error }, "slack handler failed");
    });
  }

  private async onMention(event: AppMention, client: WebClient, teamId: string | undefined): Promise<void> {
    const thread = event.thread_ts ?? event.ts;
    const incoming: Incoming = {
      platform: "slack",
      conversationId: slackConversationId(teamId, event.channel),
      userId: event.user ?? "unknown",
      text: normaliseText(stripSlackMentions(event.text)),
      isDirect: false,
      threadId: thread,
    };
    await this.remember(incoming, event.channel);
    const reply = await this.deps.core.handle(incoming);
    await this.post(client, event.channel, thread, reply);
    await this.announce(client, event.channel, incoming, reply);
  }

  private async onDirectMessage(message: DirectMessage, client: WebClient, teamId: string | undefined): Promise<void> {
    const userId = message.user ?? "unknown";
    const incoming: Incoming = {
      platform: "slack",
      conversationId: slackConversationId(teamId, userId),
      userId,
      text: normaliseText(message.text ?? ""),
      isDirect: true,
      threadId: message.thread_ts,
    };
    await this.remember(incoming, message.channel);
    await this.post(client, message.channel, incoming.threadId, await this.deps.core.handle(incoming));
  }

  private async onCommand(command: SlashCommand, client: WebClient, respond: Respond): Promise<void> {
    const isDirect = command.channel_id.startsWith("D") || command.channel_name === "directmessage";
    const incoming: Incoming = {
      platform: "slack",
      conversationId: slackConversationId(command.team_id, isDirect ? command.user_id : command.channel_id),
      userId: command.user_id,
      text: normaliseText(command.text.trim()) || "help",
      isDirect,
    };
    await this.remember(incoming, command.channel_id);
    const reply = await this.deps.core.handle(incoming);
    // The answer is shown to the asker only: a question in a channel can be sensitive.
    await this.call(() =>
      withDeadline(
        respond({ response_type: "ephemeral", ...renderSlack(reply) }),
        SLACK_CALL_TIMEOUT_MS,
        "slack respond",
      ),
    );
    await this.announce(client, command.channel_id, incoming, reply);
  }

  private async handleClick(
    body: BlockActions,
    click: Click,
    origin: Click | undefined,
    client: WebClient,
    respond: Respond,
  ): Promise<void> {
    const { core, store } = this.deps;
    const channel = body.channel?.id ?? body.container?.channel_id;
    const teamId = body.team?.id ?? body.user.team_id;
    const label = clickText(click);
    if (!channel) {
      // A button on the App Home acts for the user's DM with the bot. A DM not seen before is reached
      // by posting to the user's ID, which Slack delivers in the app's Messages tab.
      const conversationId = slackConversationId(teamId, body.user.id);
      await this.rememberQuietly(async () => {
        if (!(await store.getConversation(conversationId))) {
          await store.saveConversation({
            id: conversationId,
            platform: "slack",
            isDirect: true,
            userId: body.user.id,
            reference: { channel: body.user.id },
          });
        }
      });
      const reply = await core.handle({
        platform: "slack",
        conversationId,
        userId: body.user.id,
        text: label,
        isDirect: true,
        click,
      });
      const home = await core.home({ platform: "slack", userId: body.user.id, conversationId, notice: reply.text });
      await this.call(() => client.views.publish({ user_id: body.user.id, view: renderSlackHome(home) }));
      return;
    }
    const isDirect = channel.startsWith("D");
    const thread =
      body.message?.thread_ts ?? body.message?.ts ?? body.container?.thread_ts ?? body.container?.message_ts;
    const incoming: Incoming = {
      platform: "slack",
      conversationId: slackConversationId(teamId, isDirect ? body.user.id : channel),
      userId: body.user.id,
      text: label,
      isDirect,
      threadId: thread,
      click,
      origin,
    };
    const { post, update } = await core.click(incoming);
    // The clicked message itself shows the new state (thanks for feedback, a confirmation's outcome, the lesson card's buttons).
    const ts = body.container?.message_ts ?? body.message?.ts;
    if (update) {
      if (body.container?.is_ephemeral) {
        await this.call(() =>
          withDeadline(
            respond({ response_type: "ephemeral", replace_original: true, ...renderSlack(update) }),
            SLACK_CALL_TIMEOUT_MS,
            "slack respond",
          ),
        );
      } else if (ts) {
        await this.call(() => client.chat.update({ channel, ts, ...renderSlack(update) }));
      }
    }
    if (!post) return;
    if (body.container?.is_ephemeral) {
      await this.call(() =>
        withDeadline(
          respond({ response_type: "ephemeral", replace_original: false, ...renderSlack(post) }),
          SLACK_CALL_TIMEOUT_MS,
          "slack respond",
        ),
      );
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
    await this.call(() => client.chat.postMessage({ channel, text }));
  }

  /** Stores how to reach the conversation later. Answering does not depend on it: a store outage only logs. */
  private async remember(incoming: Incoming, channel: string): Promise<void> {
    await this.rememberQuietly(() =>
      this.deps.store.saveConversation({
        id: incoming.conversationId,
        platform: "slack",
        isDirect: incoming.isDirect,
        userId: incoming.userId,
        reference: { channel },
      }),
    );
  }

  private async rememberQuietly(work: () => Promise<void>): Promise<void> {
    try {
      await withDeadline(work(), 2_000, "saving the conversation");
    } catch (error) {
      this.deps.log.warn({ platform: "slack", err: error }, "conversation not saved; answering anyway");
    }
  }

  /** Posts a reply, retried on 429 (after Retry-After), 5xx and timeouts. */
  private async post(client: WebClient, channel: string, thread: string | undefined, reply: Reply): Promise<void> {
    await this.call(() =>
      client.chat.postMessage({
        channel,
        ...(thread ? { thread_ts: thread } : {}),
        ...renderSlack(reply),
        unfurl_links: false,
      }),
    );
  }

  /** One Slack call with bounded retries; a final failure is thrown to the handler's guard, which logs it. */
  private call<T>(work: () => Promise<T>): Promise<T> {
    return retrying(work, {
      attempts: SLACK_REPLY_ATTEMPTS,
      baseMs: 1_000,
      maxMs: 30_000,
      retryAfter: slackRetryAfter,
    });
  }
}

/** The validated event of the given type from the middleware above, or undefined. */
function eventOf<T>(context: Record<string, unknown>, type: string): T | undefined {
  const payload = context.payload as { kind: string; body: { event: { type: string } } } | undefined;
  return payload?.kind === "event" && payload.body.event.type === type ? (payload.body.event as T) : undefined;
}
