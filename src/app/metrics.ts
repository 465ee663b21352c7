import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";
import type { ConversationEvents, FeedbackEvent, ReplyEvent } from "../conversation/events.ts";
import type { DeliveryEvents, DeliveryOutcome } from "../lessons/events.ts";

/**
 * The Prometheus metrics of one app: counters and histograms fed by the core's and the delivery's
 * event ports, plus the default process metrics. Labels are low-cardinality words only (platform,
 * intent, outcome): never question text, a user, a conversation or a unit.
 */
export class Metrics implements ConversationEvents, DeliveryEvents {
  readonly registry = new Registry();
  private readonly replies: Counter<"platform" | "intent" | "answered">;
  private readonly feedbackVotes: Counter<"platform" | "value">;
  private readonly latency: Histogram<"platform" | "kind">;
  private readonly deliveries: Counter<"platform" | "outcome">;
  private readonly rateLimits: Counter<"platform">;
  private readonly passes: Histogram;

  private defaultsOn = false;

  constructor() {
    const registers = [this.registry];
    this.replies = new Counter({
      name: "wegwijzer_replies_total",
      help: "Replies by platform and intent; answered is yes/no for questions and n/a otherwise",
      labelNames: ["platform", "intent", "answered"],
      registers,
    });
    this.feedbackVotes = new Counter({
      name: "wegwijzer_feedback_total",
      help: "Thumbs up and down on answers",
      labelNames: ["platform", "value"],
      registers,
    });
    this.latency = new Histogram({
      name: "wegwijzer_reply_duration_seconds",
      help: "Time from an incoming message to its reply inside the bot; kind is question or other",
      labelNames: ["platform", "kind"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.deliveries = new Counter({
      name: "wegwijzer_lesson_deliveries_total",
      help: "Les van de week deliveries by outcome: sent, retried, deactivated, skipped, failed",
      labelNames: ["platform", "outcome"],
      registers,
    });
    this.rateLimits = new Counter({
      name: "wegwijzer_rate_limited_total",
      help: "HTTP 429 answers met while posting lessons",
      labelNames: ["platform"],
      registers,
    });
    this.passes = new Histogram({
      name: "wegwijzer_scheduler_pass_duration_seconds",
      help: "Duration of one les van de week scheduler pass",
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
      registers,
    });
    // every label combination that matters shows up from the first scrape, at zero
    for (const platform of ["slack", "teams", "local"]) {
      for (const value of ["up", "down"]) this.feedbackVotes.inc({ platform, value }, 0);
    }
    for (const platform of ["slack", "teams"]) {
      this.rateLimits.inc({ platform }, 0);
      for (const outcome of ["sent", "retried", "deactivated", "skipped", "failed"] satisfies DeliveryOutcome[])
        this.deliveries.inc({ platform, outcome }, 0);
    }
  }

  replied(event: ReplyEvent): void {
    // the intent label comes from a fixed set of intent kinds, never from the text
    const intent = /^[a-z:-]{1,40}$/.test(event.intent) ? event.intent : "other";
    const answered = event.answered === undefined ? "n/a" : event.answered ? "yes" : "no";
    this.replies.inc({ platform: event.platform, intent, answered });
    this.latency.observe(
      { platform: event.platform, kind: event.question === undefined ? "other" : "question" },
      event.latencyMs / 1000,
    );
  }

  feedback(event: FeedbackEvent): void {
    this.feedbackVotes.inc({ platform: event.platform, value: event.value });
  }

  delivery(platform: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ platform, outcome });
  }

  rateLimited(platform: string): void {
    this.rateLimits.inc({ platform });
  }

  pass(durationMs: number): void {
    this.passes.observe(durationMs / 1000);
  }

  /** The text exposition format for GET /metrics. */
  async render(): Promise<{ contentType: string; body: string }> {
    // The process metrics (CPU, memory, event loop lag, GC) start with the first scrape, so apps
    // that are never scraped (command-line tools, tests) run no monitors.
    if (!this.defaultsOn) {
      collectDefaultMetrics({ register: this.registry });
      this.defaultsOn = true;
    }
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
