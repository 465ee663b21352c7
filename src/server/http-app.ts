import express, { type Application, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "../log.ts";

/** The largest Teams activity the server reads; real activities are a few kilobytes. */
export const TEAMS_BODY_LIMIT = "256kb";

export interface Health {
  /** knowledge loaded and the store answering */
  ready(): Promise<{ ready: boolean; checks: Record<string, boolean> }>;
}

/** The one HTTP app: health checks first, then the platforms mount their routes on it. */
export function createHttpApp(health: Health): Application {
  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const result = await health.ready();
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? "ready" : "not ready", checks: result.checks });
  });
  // Teams activities are validated before the SDK sees them: JSON objects with a type, of sane size.
  app.post("/api/messages", express.json({ limit: TEAMS_BODY_LIMIT, type: () => true }), (req, res, next) => {
    const body = req.body as unknown;
    if (typeof body !== "object" || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== "string") {
      res.status(400).json({ error: "expected a Bot Framework activity (a JSON object with a type)" });
      return;
    }
    next();
  });
  return app;
}

/** Last in the chain: malformed or oversized requests get a short 4xx, failures a 500, never a stack trace. */
export function finishHttpApp(app: Application, log: Logger): void {
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 500;
    if (status >= 500) log.error({ path: req.path, err: { message: (error as Error).message } }, "request failed");
    else log.warn({ path: req.path, status }, "request refused");
    if (res.headersSent) return;
    res.status(status).json({ error: status === 413 ? "request too large" : status < 500 ? "bad request" : "internal error" });
  });
}
