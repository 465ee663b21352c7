import type { Reply } from "../conversation/reply.ts";
import type { ConversationRecord } from "../store/store.ts";

/** What "vraag het de regio" needs from a platform (implemented in surfaces/slack and surfaces/teams). */
export interface RegionPlatform {
  /**
   * Whether the user is a member of the region's channel, asked of the platform (Slack
   * conversations.members, Teams roster). Returns how to name her in a post, or undefined.
   */
  member(channel: ConversationRecord, userId: string): Promise<{ display: string } | undefined>;
  /** Posts the thread starter in the region's channel; returns the thread's reference and, where useful, a link. */
  postQuestion(
    channel: ConversationRecord,
    question: RegionPost,
  ): Promise<{ threadRef: string; link?: string | undefined }>;
  /** Sends a message to a stored direct conversation (a forwarded reply). */
  sendDirect(conversation: ConversationRecord, reply: Reply): Promise<boolean>;
}

export interface RegionPost {
  /** the exact text she confirmed */
  question: string;
  /** undefined: anonymous */
  asker?: string | undefined;
  /** the themes found, as "thema 84: Collegeonderhandelingen" */
  themes: string[];
}
