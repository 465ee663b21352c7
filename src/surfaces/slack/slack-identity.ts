import { WebClient } from "@slack/web-api";
import type { Logger } from "../../log.ts";
import { slackClientOptions, SLACK_CALL_TIMEOUT_MS } from "./slack-sender.ts";

export interface SlackIdentityResult {
  botToken: string;
  botUserId?: string;
  botId?: string;
}

/**
 * Who the bot is on Slack (`auth.test`), asked at start-up and retried with backoff (1 s, 2 s,
 * … up to a minute) until Slack answers, instead of crashing: a Slack incident at start-up is
 * not a crash loop. Until then events are still answered; only "the bot joined a channel" needs
 * the bot's user ID and waits.
 */
export class SlackIdentity {
  private known: { botUserId?: string; botId?: string } | undefined;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly client: WebClient;

  constructor(
    private readonly settings: { botToken: string; apiUrl: string | undefined },
    private readonly log: Logger,
    private readonly maxBackoffMs = 60_000,
  ) {
    this.client = new WebClient(settings.botToken, {
      timeout: SLACK_CALL_TIMEOUT_MS,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      ...slackClientOptions(settings.apiUrl),
    });
  }

  /** Starts asking; resolves after the first answer or the first failure, never rejects. */
  start(): Promise<void> {
    return this.attempt(1_000);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  get ready(): boolean {
    return this.known !== undefined;
  }

  /** For Bolt's `authorize`: the token always, the bot's IDs once Slack has told them. */
  authorize = async (): Promise<SlackIdentityResult> => ({ botToken: this.settings.botToken, ...this.known });

  private async attempt(backoffMs: number): Promise<void> {
    if (this.stopped || this.known) return;
    try {
      const result = await this.client.auth.test();
      if (!result.ok) throw new Error(`auth.test answered ${result.error ?? "not ok"}`);
      this.known = {
        ...(result.user_id ? { botUserId: result.user_id } : {}),
        ...(result.bot_id ? { botId: result.bot_id } : {}),
      };
      this.log.info("slack identity confirmed");
    } catch (error) {
      this.log.warn({ err: error, retryInMs: backoffMs }, "slack auth.test failed; retrying");
      if (this.stopped) return;
      this.timer = setTimeout(() => void this.attempt(Math.min(this.maxBackoffMs, backoffMs * 2)), backoffMs);
      this.timer.unref();
    }
  }
}
