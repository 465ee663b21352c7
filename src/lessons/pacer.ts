/** Waits, replaceable in tests and benchmarks. */
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PacerOptions {
  /** sends a second across all conversations of one platform */
  perSecond: number;
  /** the most sends at once after a quiet spell */
  burst: number;
  /** minimum time between two sends to the same conversation (Slack: about one a second) */
  perConversationMs: number;
  sleep?: Sleep;
  clock?: () => number;
}

/**
 * Keeps proactive posts within a platform's limits: a global token bucket, a minimum spacing
 * per conversation, and a shared pause when the platform answers 429 with Retry-After.
 */
export class Pacer {
  private tokens: number;
  private last: number;
  private pausedUntil = 0;
  private readonly lastPerConversation = new Map<string, number>();
  private readonly sleep: Sleep;
  private readonly clock: () => number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PacerOptions) {
    this.sleep = options.sleep ?? realSleep;
    this.clock = options.clock ?? Date.now;
    this.tokens = options.burst;
    this.last = this.clock();
  }

  /** Resolves when one more send to `conversation` is allowed. Callers are served in order. */
  take(conversation: string): Promise<void> {
    const turn = this.queue.then(() => this.wait(conversation));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** A 429: nobody sends on this platform until the platform's Retry-After has passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
  }

  private forgetBefore(time: number): void {
    for (const [key, at] of this.lastPerConversation) if (at < time) this.lastPerConversation.delete(key);
  }

  private async wait(conversation: string): Promise<void> {
    for (;;) {
      const now = this.clock();
      this.tokens = Math.min(this.options.burst, this.tokens + ((now - this.last) / 1000) * this.options.perSecond);
      this.last = now;
      const conversationReady = (this.lastPerConversation.get(conversation) ?? 0) + this.options.perConversationMs;
      const waitMs = Math.max(
        this.pausedUntil - now,
        conversationReady - now,
        this.tokens >= 1 ? 0 : ((1 - this.tokens) / this.options.perSecond) * 1000,
      );
      if (waitMs <= 0) {
        this.tokens -= 1;
        this.lastPerConversation.set(conversation, now);
        if (this.lastPerConversation.size > 10_000) this.forgetBefore(now - this.options.perConversationMs);
        return;
      }
      await this.sleep(Math.ceil(waitMs));
    }
  }
}
