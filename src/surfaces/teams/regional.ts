import { Client } from "@microsoft/teams.api";
import type { App } from "@microsoft/teams.apps";
import type { Reply } from "../../conversation/reply.ts";
import { texts } from "../../conversation/texts.ts";
import type { RegionPlatform, RegionPost } from "../../regional/platform.ts";
import type { ConversationRecord } from "../../store/store.ts";
import type { TeamsSender } from "./teams-sender.ts";
import { teamsActivity } from "./teams-surface.ts";

const R = texts.regional;

interface StoredReference {
  serviceUrl?: string;
  conversation?: { id: string; tenantId?: string };
}

/**
 * "Vraag het de regio" on Teams: the channel's roster for membership, a new post in the channel as
 * the thread starter, and a link to the thread. With the resource-specific consent the manifest asks
 * for (ChannelMessage.Read.Group), Teams delivers every reply in the thread, mention or not; the
 * surface forwards them like Slack's (where a team has not granted it, only replies that mention the bot arrive).
 */
export class TeamsRegionPlatform implements RegionPlatform {
  constructor(
    private readonly app: App,
    private readonly sender: TeamsSender,
  ) {}

  private api(ref: StoredReference): Client {
    return new Client(ref.serviceUrl!, this.app.api.http);
  }

  async member(channel: ConversationRecord, userId: string): Promise<{ display: string } | undefined> {
    const ref = channel.reference as StoredReference;
    if (!ref.serviceUrl || !ref.conversation?.id) return undefined;
    try {
      const account = await this.api(ref).conversations.getMemberById(ref.conversation.id, userId);
      return { display: account.name ?? R.someone };
    } catch (error) {
      const status = (error as { response?: { status?: number } }).response?.status;
      if (status === 404 || status === 403) return undefined;
      throw error;
    }
  }

  async postQuestion(channel: ConversationRecord, post: RegionPost): Promise<{ threadRef: string; link: string }> {
    const ref = channel.reference as StoredReference;
    const lead = post.asker ? R.starterNamed(post.asker) : R.starterAnonymous;
    const reply: Reply = {
      text: [
        `*${lead}* ${post.question}`,
        ...(post.themes.length ? [`${R.starterThemes} ${post.themes.join(" · ")}`] : []),
        R.starterReply,
      ].join("\n\n"),
      units: [],
      followUps: [],
      actions: [],
    };
    const res = await this.api(ref).conversations.createActivity(ref.conversation!.id, teamsActivity(reply) as never);
    const channelId = ref.conversation!.id;
    const tenant = ref.conversation?.tenantId ? `&tenantId=${encodeURIComponent(ref.conversation.tenantId)}` : "";
    return {
      threadRef: res.id,
      link: `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${encodeURIComponent(res.id)}?parentMessageId=${encodeURIComponent(res.id)}${tenant}`,
    };
  }

  async sendDirect(conversation: ConversationRecord, reply: Reply): Promise<boolean> {
    return (await this.sender.send(conversation, reply)).ok;
  }
}
