import type { ConversationEvents, ReplyEvent } from "../conversation/events.ts";
import type { Store } from "../store/store.ts";

/** Counts questions per day, platform, answered or not and first unit: the admin page's usage figures. No text, no user. */
export class UsageRecorder implements ConversationEvents {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async replied(event: ReplyEvent): Promise<void> {
    if (event.question === undefined) return;
    await this.store.stats.countQuestion(
      event.platform,
      event.answered === true,
      event.answered ? (event.units[0] ?? "") : "",
      this.now(),
    );
  }

  feedback(): void {}
}
