import { describe, expect, it } from "vitest";
import { Pacer, type PacerOptions } from "../../src/lessons/pacer.ts";

/** A pacer on a fake clock: sleeping advances the clock, so nothing here waits for real. */
function fakePacer(options: Omit<PacerOptions, "sleep" | "clock">) {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = new Pacer({
    ...options,
    clock: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { pacer, slept, elapsed: () => now - 1_000_000, advance: (ms: number) => (now += ms) };
}

describe("Pacer", () => {
  it("lets a burst through at once, then spaces sends by the rate", async () => {
    const { pacer, elapsed } = fakePacer({ perSecond: 2, burst: 2, perConversationMs: 0 });
    const times: number[] = [];
    for (const c of ["a", "b", "c", "d"]) {
      await pacer.take(c);
      times.push(elapsed());
    }
    expect(times.slice(0, 2)).toEqual([0, 0]);
    expect(times[2]).toBe(500);
    expect(times[3]).toBe(1000);
  });

  it("keeps a minimum spacing per conversation while others go ahead", async () => {
    const { pacer, elapsed } = fakePacer({ perSecond: 100, burst: 100, perConversationMs: 1000 });
    await pacer.take("a");
    await pacer.take("b");
    expect(elapsed()).toBe(0);
    await pacer.take("a");
    expect(elapsed()).toBe(1000);
  });

  it("holds every send after a 429 until Retry-After has passed", async () => {
    const { pacer, elapsed } = fakePacer({ perSecond: 100, burst: 100, perConversationMs: 0 });
    await pacer.take("a");
    pacer.pause(3000);
    await pacer.take("b");
    expect(elapsed()).toBe(3000);
    pacer.pause(1000);
    pacer.pause(500); // a shorter pause never shortens a longer one
    await pacer.take("c");
    expect(elapsed()).toBe(4000);
  });

  it("serves callers in the order they asked", async () => {
    const { pacer } = fakePacer({ perSecond: 1, burst: 1, perConversationMs: 0 });
    const order: string[] = [];
    await Promise.all(["a", "b", "c"].map((c) => pacer.take(c).then(() => order.push(c))));
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("refills the bucket with time but never beyond the burst", async () => {
    const { pacer, elapsed, advance } = fakePacer({ perSecond: 1, burst: 2, perConversationMs: 0 });
    await pacer.take("a");
    await pacer.take("b");
    advance(10_000); // a long quiet spell
    const start = elapsed();
    await pacer.take("c");
    await pacer.take("d");
    expect(elapsed() - start).toBe(0);
    await pacer.take("e");
    expect(elapsed() - start).toBe(1000);
  });
});
