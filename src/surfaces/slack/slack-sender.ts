import { WebClient } from "@slack/web-api";
import type { Reply } from "../../conversation/reply.ts";
import type { ProactiveSender, SendOutcome } from "../../lessons/sender.ts";
import { renderSlack } from "../../render/slack.ts";
import type { ConversationRecord } from "../../store/store.ts";

/** Slack answers that mean the channel cannot be reached again without someone acting. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "channel_is_archived",
  "account_inactive",
  "invalid_auth",
  "token_revoked",
  "token_expired",
  "not_authed",
  "missing_scope",
  "restricted_action",
  "user_not_found",
  "user_disabled",
  "cannot_dm_bot",
  "ekm_access_denied",
  "team_access_not_granted",
  "no_permission",
  "org_login_required",
]);

/** No Slack Web API call waits longer for an answer. */
export const SLACK_CALL_TIMEOUT_MS = 10_000;

/** WebClient options for a configured Slack API base (tests, proxies); Slack's default otherwise. */
export function slackClientOptions(apiUrl: string | undefined): { slackApiUrl?: string } {
  return apiUrl ? { slackApiUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` } : {};
}

/**
 * Proactive Slack posts for the scheduler. Its own WebClient does not retry by itself: the
 * scheduler decides (waits out a 429, backs off on 5xx, deactivates on a permanent refusal).
 */
export class SlackSender implements ProactiveSender {
  private readonly client: WebClient;

  constructor(settings: { botToken: string; apiUrl: string | undefined }) {
    this.client = new WebClient(settings.botToken, {
      timeout: SLACK_CALL_TIMEOUT_MS,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      ...slackClientOptions(settings.apiUrl),
    });
  }

  async send(conversation: ConversationRecord, reply: Reply): Promise<SendOutcome> {
    const channel = conversation.reference.channel;
    if (typeof channel !== "string") return { ok: false, kind: "permanent", error: "no_channel_in_reference" };
    try {
      await this.client.chat.postMessage({ channel, ...renderSlack(reply), unfurl_links: false });
      return { ok: true };
    } catch (error) {
      return slackOutcome(error);
    }
  }
}

export function slackOutcome(error: unknown): SendOutcome {
  const e = error as {
    code?: string;
    retryAfter?: number;
    data?: { error?: string };
    statusCode?: number;
    message?: string;
  };
  switch (e.code) {
    case "slack_webapi_rate_limited_error":
      return {
        ok: false,
        kind: "rate-limited",
        retryAfterMs: Math.max(1, e.retryAfter ?? 1) * 1000,
        error: "ratelimited",
      };
    case "slack_webapi_platform_error": {
      const code = e.data?.error ?? "unknown_error";
      return PERMANENT.has(code)
        ? { ok: false, kind: "permanent", error: code }
        : { ok: false, kind: "transient", error: code };
    }
    case "slack_webapi_http_error": {
      const status = e.statusCode ?? 0;
      if (status === 403 || status === 404 || status === 410)
        return { ok: false, kind: "permanent", error: `http_${status}` };
      return { ok: false, kind: "transient", error: `http_${status}` };
    }
    default:
      return { ok: false, kind: "transient", error: e.code ?? "network_error" };
  }
}

/** For replies: how long to wait before posting again after this error, or undefined to give up. */
export function slackRetryAfter(error: unknown, backoffMs: number): number | undefined {
  const e = error as { code?: string; data?: { error?: string } };
  // A platform answer like invalid_blocks does not change on a retry; Slack's own failures may.
  if (
    e.code === "slack_webapi_platform_error" &&
    !["internal_error", "fatal_error", "service_unavailable", "request_timeout"].includes(e.data?.error ?? "")
  ) {
    return undefined;
  }
  const outcome = slackOutcome(error);
  if (outcome.ok || outcome.kind === "permanent") return undefined;
  return outcome.kind === "rate-limited" ? outcome.retryAfterMs : backoffMs;
}
