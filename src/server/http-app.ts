import express, { type Application, type NextFunction, type Request, type Response } from "express";
import type { Logger } from "../log.ts";

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
    // Every check has its own deadline (under a second): a stalled dependency means 503, not a hang.
    const result = await health.ready().catch(() => ({ ready: false, checks: {} }));
    res.status(result.ready ? 200 : 503).json({ status: result.ready ? "ready" : "not ready", checks: result.checks });
  });
  return app;
}

/** Last in the chain: malformed or oversized requests get a short 4xx, failures a 500, never a stack trace. */
export function finishHttpApp(app: Application, log: Logger): void {
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status =
      typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 500;
    if (status >= 500) log.error({ path: req.path, err: error }, "request failed");
    else log.debug({ path: req.path, status }, "request refused");
    if (res.headersSent) return;
    res
      .status(status)
      .json({ error: status === 413 ? "request too large" : status < 500 ? "bad request" : "internal error" });
  });
}
