import type { ConversationEvents, FeedbackEvent, ReplyEvent } from "../conversation/events.ts";
import { questionHash } from "../conversation/feedback.ts";
import { scrub } from "../review/scrub.ts";
import type { Store } from "../store/store.ts";

interface Recent {
  question: string;
  platform: string;
  answered: boolean;
  units: string[];
  entryId: string | undefined;
  at: number;
}

/** How long a question is remembered (in memory) so that a later 👎 or "bedoel je" click can be linked to it. */
const LINK_MS = 60 * 60_000;
const MAX_RECENT = 5_000;

/**
 * The review queue's intake (REVIEW_QUEUE=1): a question without a confident answer, a 👎 on an
 * answer, or a "bedoel je" choice becomes an entry, its text scrubbed before it is stored, with
 * what the bot answered and the platform; never the user or the conversation. To link a click
 * to its question, recent questions are held in memory only (scrubbed, at most an hour).
 */
export class ReviewRecorder implements ConversationEvents {
  /** question hash → the scrubbed question and what was answered */
  private readonly recent = new Map<string, Recent>();
  /** conversation → the question whose "bedoel je" suggestions are on screen */
  private readonly offered = new Map<string, { hash: string; suggestions: string[]; at: number }>();
  private lastPurge = 0;

  constructor(
    private readonly store: Store,
    private readonly retentionDays: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async replied(event: ReplyEvent): Promise<void> {
    const now = this.now();
    this.forgetOld(now.getTime());
    if (event.question !== undefined) {
      const hash = questionHash(event.question);
      const question = scrub(event.question);
      let entryId: string | undefined;
      if (!event.answered && question) {
        entryId = await this.add(
          { platform: event.platform, reason: "unanswered", question, answered: false, answerUnits: event.units },
          now,
        );
      }
      this.recent.delete(hash);
      this.recent.set(hash, {
        question,
        platform: event.platform,
        answered: event.answered === true,
        units: event.units,
        entryId,
        at: now.getTime(),
      });
      if (event.suggestions.length)
        this.offered.set(event.conversationId, { hash, suggestions: event.suggestions, at: now.getTime() });
      else this.offered.delete(event.conversationId);
      return;
    }
    if (event.choice === undefined) return;
    const offered = this.offered.get(event.conversationId);
    if (!offered?.suggestions.includes(event.choice)) return;
    this.offered.delete(event.conversationId);
    const recent = this.recent.get(offered.hash);
    if (!recent || now.getTime() - offered.at > LINK_MS) return;
    if (recent.entryId) await this.store.review.update(recent.entryId, { chosenUnit: event.choice });
    else {
      recent.entryId = await this.add(
        {
          platform: recent.platform,
          reason: "choice",
          question: recent.question,
          answered: recent.answered,
          answerUnits: recent.units,
          chosenUnit: event.choice,
        },
        now,
      );
    }
  }

  async feedback(event: FeedbackEvent): Promise<void> {
    const recent = this.recent.get(event.questionHash);
    if (!recent || this.now().getTime() - recent.at > LINK_MS) return;
    if (recent.entryId)
      await this.store.review.update(recent.entryId, {
        vote: event.value,
        ...(event.value === "down" ? { reason: "down" as const } : {}),
      });
    else if (event.value === "down") {
      recent.entryId = await this.add(
        {
          platform: recent.platform,
          reason: "down",
          question: recent.question,
          answered: recent.answered,
          answerUnits: recent.units,
          vote: "down",
        },
        this.now(),
      );
    }
  }

  private async add(entry: Parameters<Store["review"]["add"]>[0], now: Date): Promise<string> {
    if (now.getTime() - this.lastPurge > LINK_MS) {
      this.lastPurge = now.getTime();
      await this.store.review.purge(now);
    }
    return this.store.review.add(entry, this.retentionDays, now);
  }

  private forgetOld(now: number): void {
    for (const [key, value] of this.recent) {
      if (now - value.at <= LINK_MS && this.recent.size <= MAX_RECENT) break;
      this.recent.delete(key);
    }
    for (const [key, value] of this.offered) {
      if (now - value.at <= LINK_MS && this.offered.size <= MAX_RECENT) break;
      this.offered.delete(key);
    }
  }
}
