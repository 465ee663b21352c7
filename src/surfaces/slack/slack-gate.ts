import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { parse as parseQuery } from "node:querystring";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { hashId, type Logger } from "../../log.ts";
import { jsonDepthWithin } from "../../server/resilience.ts";
import type { EventClaims } from "../../store/claims.ts";
import { classifySlack } from "./slack-payloads.ts";

/** Slack's event and interaction payloads are a few kilobytes; 64 KB leaves room for big messages. */
export const SLACK_BODY_LIMIT = 64 * 1024;
/** Nesting deeper than this is no Slack payload. */
export const SLACK_JSON_DEPTH = 24;
/** Slack's own rule: a request older than five minutes is refused. */
export const SLACK_MAX_AGE_S = 5 * 60;
/** Clocks drift; a request from further in the future than this is refused too. */
export const SLACK_MAX_FUTURE_S = 60;

export interface SlackGateOptions {
  signingSecret: string;
  claims: EventClaims;
  log: Logger;
  clock?: () => number;
}

/**
 * In front of Bolt on `/slack/events`: the cheap checks first (headers, timestamp, size), then
 * the signature over at most SLACK_BODY_LIMIT bytes, and only then parsing, with bounded depth.
 * A verified payload the bot does not handle is answered 200 and ignored (a 4xx or 5xx makes
 * Slack retry it); a replayed slash command or click (same signed body and timestamp) too.
 * What passes is handed to Bolt as `req.rawBody`, so Bolt reads no stream twice.
 */
export function slackGate({ signingSecret, claims, log, clock = Date.now }: SlackGateOptions): RequestHandler {
  const refuse = (res: Response, status: number, why: string) => {
    log.debug({ platform: "slack", status, why }, "request refused");
    res
      .status(status)
      .set("connection", "close")
      .json({ error: status === 413 ? "request too large" : "unauthorized" });
  };
  const ignore = (res: Response, why: string) => {
    log.debug({ platform: "slack", why }, "payload ignored");
    res.status(200).send("");
  };

  return (req: Request, res: Response, next: NextFunction) => {
    const signature = req.get("x-slack-signature");
    const stamp = req.get("x-slack-request-timestamp");
    if (!signature || !stamp || !/^\d{1,12}$/.test(stamp) || !/^v0=[0-9a-f]{64}$/.test(signature))
      return refuse(res, 401, "headers");
    const age = Math.floor(clock() / 1000) - Number(stamp);
    if (age > SLACK_MAX_AGE_S || age < -SLACK_MAX_FUTURE_S) return refuse(res, 401, "timestamp");
    if (Number(req.get("content-length") ?? 0) > SLACK_BODY_LIMIT) return refuse(res, 413, "size");

    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > SLACK_BODY_LIMIT) {
        done = true;
        req.pause();
        refuse(res, 413, "size");
        return;
      }
      chunks.push(chunk);
    });
    req.on("error", () => {
      done = true;
    });
    req.on("end", () => {
      if (done) return;
      done = true;
      const raw = Buffer.concat(chunks);
      const expected = Buffer.from(
        `v0=${createHmac("sha256", signingSecret).update(`v0:${stamp}:`).update(raw).digest("hex")}`,
      );
      if (!timingSafeEqual(expected, Buffer.from(signature))) return refuse(res, 401, "signature");
      void admit(req, res, next, raw, stamp);
    });
  };

  async function admit(req: Request, res: Response, next: NextFunction, raw: Buffer, stamp: string): Promise<void> {
    const text = raw.toString("utf8");
    let body: unknown;
    try {
      // The same rule as Bolt: exactly this content type is a form, anything else JSON.
      if (req.get("content-type") === "application/x-www-form-urlencoded") {
        const form = parseQuery(text);
        if (typeof form.payload === "string") {
          if (!jsonDepthWithin(form.payload, SLACK_JSON_DEPTH)) return ignore(res, "too deep");
          body = JSON.parse(form.payload);
        } else body = form;
      } else {
        if (!jsonDepthWithin(text, SLACK_JSON_DEPTH)) return ignore(res, "too deep");
        body = JSON.parse(text);
      }
    } catch {
      return ignore(res, "unparseable body");
    }
    const payload = classifySlack(body);
    if (payload.kind === "ignored") return ignore(res, payload.reason);
    if (payload.kind === "action" || payload.kind === "command" || payload.kind === "shortcut") {
      // Slash commands and clicks carry no event ID: the signed body and its timestamp identify a replay.
      const key = `slack-replay:${createHash("sha256").update(`${stamp}:`).update(raw).digest("hex")}`;
      if (!(await claims.claim(key))) {
        log.info({ platform: "slack", kind: payload.kind, key: hashId(key) }, "replayed request skipped");
        return ignore(res, "replay");
      }
    }
    (req as Request & { rawBody?: Buffer }).rawBody = raw;
    next();
  }
}
