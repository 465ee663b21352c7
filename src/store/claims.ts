import type { Logger } from "../log.ts";
import { withDeadline } from "../server/resilience.ts";

/** What the claims need of the store: the shared, cross-instance claim of an event key. */
export interface ClaimStore {
  claimEvent(key: string, now?: Date): Promise<boolean>;
}

export interface EventClaimsOptions {
  /** how long a claim may take before the in-memory window decides */
  timeoutMs?: number;
  /** how long the in-memory window remembers a key */
  windowMs?: number;
  /** the most keys the in-memory window holds; the oldest go first */
  maxKeys?: number;
  clock?: () => number;
}

/**
 * De-duplication of platform deliveries (Slack event IDs, replayed slash commands and clicks).
 * The shared store decides, so instances agree; while the store is unavailable an in-memory
 * window of this instance decides, so a question is still answered once and never dropped.
 */
export class EventClaims {
  private readonly local = new Map<string, number>();
  private readonly timeoutMs: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly clock: () => number;
  private outage = false;

  constructor(
    private readonly store: ClaimStore,
    private readonly log: Logger,
    options: EventClaimsOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 1_500;
    this.windowMs = options.windowMs ?? 10 * 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.clock = options.clock ?? Date.now;
  }

  /** True for the first delivery of `key`, false for a repeat. Never throws. */
  async claim(key: string): Promise<boolean> {
    const firstHere = this.remember(key);
    try {
      const first = await withDeadline(this.store.claimEvent(key), this.timeoutMs, "event claim");
      if (this.outage) {
        this.outage = false;
        this.log.info("store answers again: de-duplication shared across instances");
      }
      return first;
    } catch (error) {
      if (!this.outage) {
        this.outage = true;
        this.log.warn({ err: error }, "store unavailable: de-duplicating in memory until it returns");
      }
      return firstHere;
    }
  }

  /** How many keys the in-memory window holds (bounded by maxKeys). */
  get size(): number {
    return this.local.size;
  }

  /** Records the key in the local window; true when this instance had not seen it in the window. */
  private remember(key: string): boolean {
    const now = this.clock();
    const seen = this.local.get(key);
    if (seen !== undefined && now - seen < this.windowMs) return false;
    this.local.delete(key);
    this.local.set(key, now);
    // Map keeps insertion order: the first entries are the oldest.
    for (const [old, at] of this.local) {
      if (this.local.size <= this.maxKeys && now - at < this.windowMs) break;
      this.local.delete(old);
    }
    return true;
  }
}
