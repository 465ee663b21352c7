/**
 * `npm run bench:deliver [-- --subscriptions 1000 --api-limit 50 --rate 50]`: one scheduler pass over
 * many subscriptions against a local fake Slack Web API that allows `--api-limit` requests a second
 * (429 with Retry-After above it). Prints the total time against the floor (subscriptions / limit),
 * the 429s met, and memory. A benchmark, not a test.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createApp } from "../app/create-app.ts";
import { loadConfig } from "../config.ts";
import { SlackSender } from "../surfaces/slack/slack-sender.ts";

const { values } = parseArgs({
  options: {
    subscriptions: { type: "string", default: "1000" },
    "api-limit": { type: "string", default: "50" },
    rate: { type: "string" },
  },
});
const subscriptions = Number(values.subscriptions);
const apiLimit = Number(values["api-limit"]);
const rate = Number(values.rate ?? apiLimit);

async function main(): Promise<void> {
  // The fake Slack Web API: a fixed window of `apiLimit` requests a second.
  let windowStart = Date.now();
  let inWindow = 0;
  let accepted = 0;
  let limited = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const now = Date.now();
      if (now - windowStart >= 1000) {
        windowStart = now;
        inWindow = 0;
      }
      if (inWindow >= apiLimit) {
        limited += 1;
        res
          .writeHead(429, { "content-type": "application/json", "retry-after": "1" })
          .end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      inWindow += 1;
      accepted += 1;
      res.writeHead(200, { "content-type": "application/json" }).end(`{"ok":true,"ts":"${accepted}.0001"}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;

  const app = await createApp(loadConfig({ LOG_LEVEL: "silent", DELIVERY_PER_SECOND: String(rate) }));
  const { store } = app;
  const created = new Date("2026-11-20T00:00:00Z");
  for (let i = 0; i < subscriptions; i++) {
    const id = `slack:T1:C${i}`;
    await store.saveConversation({ id, platform: "slack", isDirect: false, reference: { channel: `C${i}` } }, created);
    await store.subscriptions.upsert(
      {
        id,
        platform: "slack",
        isDirect: false,
        weekday: 1,
        time: "08:30",
        timeZone: "Europe/Amsterdam",
        track: "standaard",
        createdBy: "U1",
      },
      created,
    );
  }
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const deliverer = app.createDeliverer({ slack: new SlackSender({ botToken: "xoxb-bench", apiUrl }) });

  const started = performance.now();
  const report = await deliverer.runPass(new Date("2026-11-23T07:30:00Z"));
  const seconds = (performance.now() - started) / 1000;
  const peakRss = process.resourceUsage().maxRSS / 1024;
  globalThis.gc?.();
  const floor = subscriptions / apiLimit;
  console.log(`subscriptions        ${subscriptions}, fake API limit ${apiLimit}/s, pacer ${rate}/s`);
  console.log(`delivered            ${report.sent} (retry later ${report.retryLater}, failed ${report.failed})`);
  console.log(
    `total time           ${seconds.toFixed(1)} s (floor ${floor.toFixed(1)} s, ${((seconds / floor) * 100).toFixed(0)}% of it)`,
  );
  console.log(`429s from the API    ${limited}`);
  console.log(
    `heap during pass     +${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1)} MB, peak RSS ${peakRss.toFixed(0)} MB`,
  );
  console.log(`store                ${JSON.stringify(await store.deliveries.countByStatus())}`);
  await app.close();
  server.close();
}

main().catch((error: unknown) => {
  console.error(`bench:deliver failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
