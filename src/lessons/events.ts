/**
 * What the delivery side reports, for metrics: a port owned by the lessons layer, implemented in
 * the app layer. Subscription and conversation IDs never pass through it.
 */
export type DeliveryOutcome = "sent" | "retried" | "deactivated" | "skipped" | "failed";

export interface DeliveryEvents {
  delivery(platform: string, outcome: DeliveryOutcome): void;
  /** a platform answered 429 */
  rateLimited(platform: string): void;
  /** one scheduler pass over every subscription, start to end */
  pass(durationMs: number): void;
}
