import type { App } from "@slack/bolt";
import type { Reply } from "../../conversation/reply.ts";
import { texts } from "../../conversation/texts.ts";
import type { Logger } from "../../log.ts";
import type { RegionalCommands } from "../../regional/commands.ts";
import type { RegionPlatform, RegionPost } from "../../regional/platform.ts";
import { escapeSlack, renderSlack } from "../../render/slack.ts";
import type { ConversationRecord } from "../../store/store.ts";

type WebClient = InstanceType<typeof App>["client"];
const R = texts.regional;

/** "Vraag het de regio" on Slack: conversations.members for membership, a thread starter, DMs for replies. */
export class SlackRegionPlatform implements RegionPlatform {
  constructor(private readonly client: WebClient) {}

  async member(channel: ConversationRecord, userId: string): Promise<{ display: string } | undefined> {
    const id = channel.reference.channel;
    if (typeof id !== "string") return undefined;
    let cursor: string | undefined;
    do {
      const page = await this.client.conversations.members({ channel: id, limit: 1000, ...(cursor ? { cursor } : {}) });
      if (page.members?.includes(userId)) return { display: `<@${userId}>` };
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return undefined;
  }

  async postQuestion(channel: ConversationRecord, post: RegionPost): Promise<{ threadRef: string }> {
    const lead = post.asker ? R.starterNamed(post.asker) : R.starterAnonymous;
    const blocks = [
      { type: "section", text: { type: "mrkdwn", text: `*${lead}*\n${escapeSlack(post.question)}` } },
      ...(post.themes.length
        ? [
            {
              type: "context",
              elements: [{ type: "mrkdwn", text: escapeSlack(`${R.starterThemes} ${post.themes.join(" · ")}`) }],
            },
          ]
        : []),
      { type: "context", elements: [{ type: "mrkdwn", text: escapeSlack(R.starterReply) }] },
    ];
    const res = await this.client.chat.postMessage({
      channel: String(channel.reference.channel),
      text: `${lead} ${escapeSlack(post.question)}`.slice(0, 3000),
      blocks,
      unfurl_links: false,
    } as never);
    if (!res.ts) throw new Error("no ts for the thread starter");
    return { threadRef: res.ts };
  }

  async sendDirect(conversation: ConversationRecord, reply: Reply): Promise<boolean> {
    const channel = conversation.reference.channel;
    if (typeof channel !== "string") return false;
    await this.client.chat.postMessage({ channel, ...renderSlack(reply), unfurl_links: false } as never);
    return true;
  }
}

/** Thread replies in a region's channel (message events with thread_ts) go to the asker's DM. */
export function registerRegionalThreads(
  app: App,
  regional: Pick<RegionalCommands, "onThreadReply">,
  conversationId: (teamId: string | undefined, channel: string) => string,
  log: Logger,
): void {
  app.event("message", async ({ event, context }) => {
    const message = event as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      thread_ts?: string;
      ts?: string;
      channel?: string;
      text?: string;
      user?: string;
    };
    if (message.channel_type !== "channel" && message.channel_type !== "group") return;
    if (
      message.subtype !== undefined ||
      message.bot_id ||
      !message.thread_ts ||
      message.thread_ts === message.ts ||
      !message.channel
    )
      return;
    try {
      await regional.onThreadReply({
        regionId: conversationId(context.teamId, message.channel),
        threadRef: message.thread_ts,
        platform: "slack",
        who: undefined,
        text: message.text ?? "",
      });
    } catch (error) {
      log.warn({ platform: "slack", err: error }, "forwarding a regional reply failed");
    }
  });
}
