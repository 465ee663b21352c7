/**
 * `npm run bench:deliver [-- --subscriptions 1000 --api-limit 50 --rate 50]`: one scheduler pass over
 * many subscriptions against a local fake Slack Web API that allows `--api-limit` requests a second
 * (429 with Retry-After above it). Prints the total time against the floor (subscriptions / limit),
 * the 429s met, and memory. A benchmark, not a test.
 */
import { parseArgs } from "node:util";
import { subscribeSlackChannel } from "../../tests/helpers/bot.ts";
import { fakeSlackApi } from "../../tests/helpers/fake-platform.ts";
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
  // The fake Slack Web API of the tests, with a fixed window of `apiLimit` requests a second.
  const api = await fakeSlackApi({ limitPerSecond: apiLimit, keep: false }).start();
  const apiUrl = `${api.url}/api/`;

  const app = await createApp(
    loadConfig({ LOG_LEVEL: "silent", DELIVERY_PER_SECOND: String(rate), DATABASE_URL: ":memory:" }),
  );
  const { store } = app;
  for (let i = 0; i < subscriptions; i++) await subscribeSlackChannel(store, `C${i}`);
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
  console.log(`429s from the API    ${api.counts.limited}`);
  console.log(
    `heap during pass     +${((process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024).toFixed(1)} MB, peak RSS ${peakRss.toFixed(0)} MB`,
  );
  console.log(`store                ${JSON.stringify(await store.deliveries.countByStatus())}`);
  await app.close();
  await api.stop();
}

main().catch((error: unknown) => {
  console.error(`bench:deliver failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
