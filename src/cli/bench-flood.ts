/**
 * `npm run bench:flood`: does a flood of unauthenticated requests slow the authenticated ones?
 * Starts the bot in a child process (SQLite in memory, fake platforms, loopback only), measures the
 * acknowledgement latency of signed Slack events alone, then again while several clients flood the
 * Slack endpoint with forged, unsigned, oversized and deeply nested bodies, and prints p50/p99 of
 * both and their ratio (goal: p99 at most 2× the quiet p99, issue #15).
 *
 *   npm run bench:flood -- --signed 600 --flooders 16
 */
import { parseArgs } from "node:util";
import { isMainThread, workerData } from "node:worker_threads";
import { type FuzzRequest, forkFuzzTarget, fuzzRequests, signSlack } from "./fuzz.ts";

/** Sends signed valid Slack requests (two at a time) and returns their acknowledgement latencies in ms. */
async function measure(events: string, valid: readonly FuzzRequest[], from: number, count: number): Promise<number[]> {
  const latencies: number[] = [];
  let next = from;
  const worker = async () => {
    while (latencies.length < count && next < valid.length) {
      const request = valid[next++]!;
      const started = performance.now();
      const res = await fetch(events, {
        method: "POST",
        headers: { "content-type": request.contentType, ...signSlack(request.body) },
        body: request.body,
      });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all([worker(), worker()]);
  return latencies;
}

const nested = (depth: number): string => "[".repeat(depth) + "]".repeat(depth);
/** The junk, built once: a flood client spends its time sending, not building bodies. */
function junk(): { body: string; headers: Record<string, string> }[] {
  const now = String(Math.floor(Date.now() / 1000));
  return [
    // a forged signature on a plausible event
    {
      body: JSON.stringify({ type: "event_callback", event_id: "Ev0", event: { type: "message" } }),
      headers: { "x-slack-request-timestamp": now, "x-slack-signature": `v0=${"0".repeat(64)}` },
    },
    // no signature at all, 256 KB of deeply nested JSON
    { body: `{"a":${nested(128 * 1024)}}`, headers: {} },
    // a megabyte of JSON text with a forged signature (refused on its size)
    {
      body: JSON.stringify({ text: "x".repeat(1024 * 1024) }),
      headers: { "x-slack-request-timestamp": now, "x-slack-signature": `v0=${"0".repeat(64)}` },
    },
    // a stale timestamp with a well-formed signature header
    { body: "{}", headers: { "x-slack-request-timestamp": "1", "x-slack-signature": `v0=${"a".repeat(64)}` } },
  ];
}

/** Flood clients in a worker thread of their own, so they do not slow the measuring client. */
async function floodInWorker(url: string, clients: number, kind: string | undefined) {
  const { Worker } = await import("node:worker_threads");
  const worker = new Worker(new URL(import.meta.url), { workerData: { url, clients, kind } });
  const started = new Promise<void>((resolve) => worker.once("message", () => resolve()));
  await started;
  return async () => {
    const sent = new Promise<number>((resolve) => worker.once("message", (n: number) => resolve(n)));
    worker.postMessage("stop");
    const n = await sent;
    await worker.terminate();
    return n;
  };
}

async function floodWorker(url: string, clients: number, kind: string | undefined): Promise<void> {
  const { parentPort } = await import("node:worker_threads");
  const all = junk().map((j) => ({ ...j, body: Buffer.from(j.body) }));
  const kinds = kind ? [all[Number(kind)]!] : all;
  let flooding = true;
  let sent = 0;
  parentPort!.on("message", () => {
    flooding = false;
  });
  const client = async (seed: number) => {
    let i = seed;
    while (flooding) {
      const { body, headers } = kinds[i++ % kinds.length]!;
      try {
        const res = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          body,
        });
        await res.arrayBuffer();
      } catch {
        // a refused or reset connection is an answer too
      }
      sent++;
    }
  };
  parentPort!.postMessage("started");
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  parentPort!.postMessage(sent);
}

const log = (line: string) => console.error(`… ${line}`);

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      signed: { type: "string", default: "600" },
      flooders: { type: "string", default: "16" },
      // only one kind of junk (0 forged, 1 nested, 2 oversized, 3 stale), to find what costs
      only: { type: "string" },
    },
  });
  const signedCount = Number(values.signed);
  const flooders = Number(values.flooders);

  const target = await forkFuzzTarget(":memory:");
  const events = `${target.url}/slack/events`;
  const valid = fuzzRequests({
    seed: 7,
    malformed: 0,
    valid: signedCount * 10,
    connectorUrl: target.connectorUrl,
  }).filter((r) => r.target === "slack" && r.valid);

  if (valid.length < signedCount * 3)
    throw new Error(`only ${valid.length} signed Slack requests for 3 × ${signedCount}`);

  const percentile = (xs: number[], p: number) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
  };

  log("warming up");
  await measure(events, valid, 0, signedCount);
  await target.settle();
  log(`quiet: ${signedCount} signed events`);
  const quiet = await measure(events, valid, signedCount, signedCount);
  await target.settle();
  log(`flood: ${signedCount} signed events while ${flooders} clients send junk`);
  const stopFlood = await floodInWorker(events, flooders, values.only);
  const loud = await measure(events, valid, signedCount * 2, signedCount);
  const flooded = await stopFlood();
  await target.settle();
  const crashes = await target.crashes();
  await target.close();

  const f = (x: number) => x.toFixed(1).padStart(8);
  console.log(`signed Slack events acknowledged (ms)   p50      p99`);
  console.log(`quiet                              ${f(percentile(quiet, 0.5))} ${f(percentile(quiet, 0.99))}`);
  console.log(`during the flood                   ${f(percentile(loud, 0.5))} ${f(percentile(loud, 0.99))}`);
  const ratio = percentile(loud, 0.99) / percentile(quiet, 0.99);
  console.log(
    `p99 ratio ${ratio.toFixed(2)}× (goal ≤ 2×: ${ratio <= 2 ? "met" : "not met"}); ${flooded} flood requests; ${crashes} crashes`,
  );
}

if (isMainThread) await main();
else await floodWorker(workerData.url, workerData.clients, workerData.kind);
