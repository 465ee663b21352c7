import { Client } from "@microsoft/teams.api";
import { App } from "@microsoft/teams.apps";
import type { TeamsSettings } from "../../config.ts";
import type { Logger } from "../../log.ts";
import { sdkLogger } from "../sdk-logger.ts";
import type { Reply } from "../../conversation/reply.ts";
import type { ProactiveSender, SendOutcome } from "../../lessons/sender.ts";
import type { ConversationRecord } from "../../store/store.ts";
import { teamsActivity, teamsAppCredentials } from "./teams-surface.ts";

/** No Bot Connector call waits longer for an answer. */
export const TEAMS_CALL_TIMEOUT_MS = 10_000;

interface StoredReference {
  serviceUrl?: string;
  bot?: { id: string; name?: string };
  conversation?: { id: string };
}

/**
 * Proactive Teams posts for the scheduler: to the stored conversation at the stored service URL,
 * with the app's authenticated HTTP client (bot token when credentials are set).
 */
export class TeamsSender implements ProactiveSender {
  constructor(private readonly app: App) {}

  /** A sender with an App of its own, for tools that post without serving (`npm run deliver`). */
  static standalone(settings: TeamsSettings, log: Logger, logQuestions: boolean): TeamsSender {
    return new TeamsSender(
      new App({
        ...teamsAppCredentials(settings),
        client: { timeout: TEAMS_CALL_TIMEOUT_MS },
        logger: sdkLogger(log, "teams", logQuestions) as never,
      }),
    );
  }

  async send(conversation: ConversationRecord, reply: Reply): Promise<SendOutcome> {
    const ref = conversation.reference as StoredReference;
    if (!ref.serviceUrl || !ref.conversation?.id)
      return { ok: false, kind: "permanent", error: "incomplete_reference" };
    try {
      const api = new Client(ref.serviceUrl, this.app.api.http);
      await api.conversations
        .activities(ref.conversation.id)
        .create({ ...teamsActivity(reply), ...(ref.bot ? { from: { ...ref.bot, role: "bot" } } : {}) } as never);
      return { ok: true };
    } catch (error) {
      return teamsOutcome(error);
    }
  }
}

export function teamsOutcome(error: unknown): SendOutcome {
  const e = error as {
    response?: { status?: number; headers?: Record<string, unknown>; data?: { error?: { code?: string } } };
    code?: string;
    message?: string;
  };
  const status = e.response?.status;
  if (status === undefined) return { ok: false, kind: "transient", error: e.code ?? "network_error" };
  if (status === 429) {
    const seconds = Number(e.response?.headers?.["retry-after"] ?? 1);
    return {
      ok: false,
      kind: "rate-limited",
      retryAfterMs: Math.max(1, Number.isFinite(seconds) ? seconds : 1) * 1000,
      error: "http_429",
    };
  }
  const code = e.response?.data?.error?.code;
  // 403 (bot removed from the team, blocked by the user) and 404 (conversation gone) do not heal by retrying.
  if (status === 403 || status === 404 || status === 410)
    return { ok: false, kind: "permanent", error: code ? `${status}_${code}` : `http_${status}` };
  return { ok: false, kind: "transient", error: `http_${status}` };
}

/** For replies: how long to wait before sending again after this error, or undefined to give up. */
export function teamsRetryAfter(error: unknown, backoffMs: number): number | undefined {
  const outcome = teamsOutcome(error);
  if (outcome.ok || outcome.kind === "permanent") return undefined;
  const status = (error as { response?: { status?: number } }).response?.status;
  // 400, 401 and the like do not change on a retry; 408, 429 and 5xx may.
  if (status !== undefined && status < 500 && status !== 408 && status !== 429) return undefined;
  return outcome.kind === "rate-limited" ? outcome.retryAfterMs : backoffMs;
}
