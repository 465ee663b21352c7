import type { Logger } from "../log.ts";
import type { Deliverer, PassReport } from "./deliver.ts";

/** Runs a delivery pass every minute in the server; a pass never overlaps the previous one. */
export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<PassReport | undefined> | undefined;

  constructor(
    private readonly deliverer: Pick<Deliverer, "runPass">,
    private readonly log: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops the timer and waits for a pass in progress, so a shutdown does not cut a delivery short. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  tick(now = new Date()): Promise<PassReport | undefined> {
    if (this.running) return this.running;
    this.running = this.deliverer
      .runPass(now)
      .catch((error: unknown) => {
        this.log.error({ err: error }, "delivery pass failed");
        return undefined;
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
