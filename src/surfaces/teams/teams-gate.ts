import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import type { Logger } from "../../log.ts";
import { jsonDepthWithin } from "../../server/resilience.ts";
import { classifyTeams } from "./teams-payloads.ts";

/** The largest Teams activity the server reads; real activities are a few kilobytes. */
export const TEAMS_BODY_LIMIT = 128 * 1024;
/** Nesting deeper than this is no Bot Framework activity. */
export const TEAMS_JSON_DEPTH = 32;

class TooDeep extends Error {
  readonly status = 400;
  readonly type = "too.deep";
}

/**
 * In front of the Teams SDK on `/api/messages`. Without the loopback development mode, a request
 * without a bearer token is refused before its body is read (the SDK validates the token itself);
 * then the body is read up to TEAMS_BODY_LIMIT with bounded nesting, and the activity checked
 * against the schemas: a handled type with broken fields gets 400, another type or invoke 200.
 */
export function teamsGate({ requireToken, log }: { requireToken: boolean; log: Logger }): RequestHandler[] {
  const cheap = (req: Request, res: Response, next: NextFunction) => {
    if (requireToken && !/^Bearer [A-Za-z0-9._~+/=-]{20,8192}$/.test(req.get("authorization") ?? "")) {
      res.status(401).set("connection", "close").json({ error: "unauthorized" });
      return;
    }
    if (Number(req.get("content-length") ?? 0) > TEAMS_BODY_LIMIT) {
      res.status(413).set("connection", "close").json({ error: "request too large" });
      return;
    }
    next();
  };
  const parse = express.json({
    limit: TEAMS_BODY_LIMIT,
    type: () => true,
    strict: false,
    verify: (_req, _res, buf) => {
      if (!jsonDepthWithin(buf.toString("utf8"), TEAMS_JSON_DEPTH)) throw new TooDeep("too deeply nested");
    },
  });
  const check = (req: Request, res: Response, next: NextFunction) => {
    const verdict = classifyTeams(req.body as unknown);
    if (verdict.kind === "handle") return next();
    log.debug(
      { platform: "teams", why: verdict.reason },
      verdict.kind === "ignore" ? "activity ignored" : "activity refused",
    );
    if (verdict.kind === "ignore") res.status(200).json({});
    else res.status(400).json({ error: "expected a Bot Framework activity the bot handles" });
  };
  return [cheap, parse, check];
}
