import type { Reply } from "../conversation/reply.ts";
import type { ConversationRecord } from "../store/store.ts";

/** What a platform said to a proactive post, in the terms the scheduler acts on. */
export type SendOutcome =
  | { ok: true }
  /** 429: wait this long, then try again */
  | { ok: false; kind: "rate-limited"; retryAfterMs: number; error: string }
  /** 5xx or a network error: retry later with backoff, within the week */
  | { ok: false; kind: "transient"; error: string }
  /** 403/404, channel gone, bot removed, account inactive: stop this subscription, keep the reason */
  | { ok: false; kind: "permanent"; error: string };

/** Posts a reply into a stored conversation without an incoming message (lessons). */
export interface ProactiveSender {
  send(conversation: ConversationRecord, reply: Reply): Promise<SendOutcome>;
}
