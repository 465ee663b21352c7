import { describe, expect, it } from "vitest";
import type { Deliverer, PassReport } from "../../src/lessons/deliver.ts";
import { Scheduler } from "../../src/lessons/scheduler.ts";
import { createLogger } from "../../src/log.ts";
import { LogSink } from "../helpers/bot.ts";

const REPORT: PassReport = {
  due: 1,
  sent: 1,
  skipped: 0,
  retryLater: 0,
  deactivated: 0,
  failed: 0,
  notClaimed: 0,
  wouldSend: [],
};

/** A deliverer whose passes end when the test says so. */
function controlledDeliverer() {
  const passes: { at: Date; finish: (r: PassReport) => void; fail: (e: Error) => void }[] = [];
  const deliverer = {
    runPass: (at: Date) =>
      new Promise<PassReport>((resolve, reject) => passes.push({ at, finish: resolve, fail: reject })),
  } as unknown as Deliverer;
  return { deliverer, passes };
}

describe("Scheduler", () => {
  it("never runs two passes at once: a tick during a pass joins it", async () => {
    const { deliverer, passes } = controlledDeliverer();
    const scheduler = new Scheduler(deliverer, createLogger({ logLevel: "silent", logQuestions: false }));
    const first = scheduler.tick(new Date("2026-11-23T07:30:00Z"));
    const second = scheduler.tick(new Date("2026-11-23T07:31:00Z"));
    expect(passes).toHaveLength(1);
    passes[0]!.finish(REPORT);
    expect(await first).toEqual(REPORT);
    expect(await second).toEqual(REPORT);
    const third = scheduler.tick(new Date("2026-11-23T07:32:00Z"));
    expect(passes).toHaveLength(2);
    passes[1]!.finish(REPORT);
    await third;
  });

  it("logs a failed pass and still runs the next one", async () => {
    const { deliverer, passes } = controlledDeliverer();
    const sink = new LogSink();
    const scheduler = new Scheduler(deliverer, createLogger({ logLevel: "info", logQuestions: false }, sink));
    const failed = scheduler.tick();
    passes[0]!.fail(new Error("database went away"));
    expect(await failed).toBeUndefined();
    expect(sink.lines.some((l) => l.includes("delivery pass failed"))).toBe(true);
    const next = scheduler.tick();
    expect(passes).toHaveLength(2);
    passes[1]!.finish(REPORT);
    expect(await next).toEqual(REPORT);
  });

  it("stop waits for the pass in progress, so a shutdown does not cut a delivery short", async () => {
    const { deliverer, passes } = controlledDeliverer();
    const scheduler = new Scheduler(deliverer, createLogger({ logLevel: "silent", logQuestions: false }), 3_600_000);
    scheduler.start(); // runs a first pass at once
    expect(passes).toHaveLength(1);
    let stopped = false;
    const stopping = scheduler.stop().then(() => (stopped = true));
    await Promise.resolve();
    expect(stopped).toBe(false);
    passes[0]!.finish(REPORT);
    await stopping;
    expect(stopped).toBe(true);
  });
});
