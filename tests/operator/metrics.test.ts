import parsePrometheusTextFormat from "parse-prometheus-text-format";
import { afterEach, describe, expect, it } from "vitest";
import { testApp } from "../helpers/bot.ts";
import { createHttpApp, finishHttpApp } from "../../src/server/http-app.ts";
import { mountAdmin } from "../../src/server/admin.ts";
import {
  ADMIN_TOKEN,
  ANSWERED,
  OFF_TOPIC,
  OFF_TOPIC_PERSONAL,
  SECRET_IDS,
  scriptedConversation,
  startOperatorBot,
  type OperatorBot,
} from "../helpers/operator.ts";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

interface Family {
  name: string;
  type: string;
  metrics: Array<{
    value?: string;
    labels?: Record<string, string>;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  }>;
}

let bot: OperatorBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const value = (families: Family[], name: string, labels: Record<string, string>) => {
  const family = families.find((f) => f.name === name);
  const metric = family?.metrics.find((m) => Object.entries(labels).every(([k, v]) => m.labels?.[k] === v));
  return metric ? Number(metric.value ?? metric.count) : undefined;
};

describe("GET /metrics", () => {
  it("scrapes cleanly after a scripted conversation: replies, answered, votes, latency, deliveries, 429s, passes", async () => {
    bot = await startOperatorBot({ REVIEW_QUEUE: "1" });
    await scriptedConversation(bot.app);
    const res = await fetch(`${bot.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const families = parsePrometheusTextFormat(text) as Family[];
    expect(families.length).toBeGreaterThan(10);

    expect(value(families, "wegwijzer_replies_total", { platform: "slack", intent: "question", answered: "yes" })).toBe(
      1,
    );
    expect(value(families, "wegwijzer_replies_total", { platform: "slack", intent: "question", answered: "no" })).toBe(
      1,
    );
    expect(value(families, "wegwijzer_replies_total", { platform: "teams", intent: "question", answered: "no" })).toBe(
      1,
    );
    expect(value(families, "wegwijzer_replies_total", { platform: "slack", intent: "unit", answered: "n/a" })).toBe(1);
    expect(
      value(families, "wegwijzer_replies_total", { platform: "slack", intent: "click:feedback", answered: "n/a" }),
    ).toBe(2);
    expect(value(families, "wegwijzer_feedback_total", { platform: "slack", value: "up" })).toBe(1);
    expect(value(families, "wegwijzer_feedback_total", { platform: "slack", value: "down" })).toBe(1);
    expect(families.find((f) => f.name === "wegwijzer_reply_duration_seconds")?.type).toBe("HISTOGRAM");
    // the parser folds labelled histograms; their counts are read from the exposition lines
    expect(text).toMatch(/^wegwijzer_reply_duration_seconds_count\{platform="slack",kind="question"\} 2$/m);
    expect(text).toMatch(/^wegwijzer_reply_duration_seconds_count\{platform="teams",kind="question"\} 1$/m);
    expect(value(families, "wegwijzer_lesson_deliveries_total", { platform: "slack", outcome: "sent" })).toBe(2);
    expect(value(families, "wegwijzer_lesson_deliveries_total", { platform: "slack", outcome: "deactivated" })).toBe(1);
    expect(value(families, "wegwijzer_lesson_deliveries_total", { platform: "slack", outcome: "retried" })).toBe(0);
    expect(value(families, "wegwijzer_rate_limited_total", { platform: "slack" })).toBe(1);
    expect(
      Number(families.find((f) => f.name === "wegwijzer_scheduler_pass_duration_seconds")?.metrics[0]?.count),
    ).toBe(1);
    // the default process metrics
    for (const name of [
      "process_cpu_user_seconds_total",
      "process_resident_memory_bytes",
      "nodejs_eventloop_lag_seconds",
      "nodejs_heap_size_used_bytes",
    ]) {
      expect(families.map((f) => f.name)).toContain(name);
    }
    // nothing personal in a label or anywhere in the exposition
    for (const secret of [
      ...SECRET_IDS,
      ANSWERED,
      OFF_TOPIC,
      OFF_TOPIC_PERSONAL,
      "Jansen",
      "pizza",
      "griffier",
      "wegwijzer-16",
    ])
      expect(text).not.toContain(secret);
    const labelNames = new Set(families.flatMap((f) => f.metrics.flatMap((m) => Object.keys(m.labels ?? {}))));
    for (const name of labelNames)
      expect([
        "platform",
        "intent",
        "answered",
        "value",
        "kind",
        "outcome",
        "le",
        "version",
        "major",
        "minor",
        "patch",
        "type",
        "space",
      ]).toContain(name);
  });

  it("is open on a loopback HOST and needs the admin token on any other", async () => {
    const app = await testApp({ env: { HOST: "0.0.0.0", ADMIN_TOKEN } });
    // Served on loopback for the test; the HOST setting alone decides whether /metrics is protected.
    const http = createHttpApp({ ready: async () => ({ ready: true, checks: {} }) });
    mountAdmin(http, app);
    finishHttpApp(http, app.log);
    const server = createServer(http);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
    try {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer wrong-token-wrong-token" } })).status).toBe(401);
      const ok = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("wegwijzer_replies_total");
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    }
    const open = await testApp({ env: { HOST: "0.0.0.0" } });
    const http2 = createHttpApp({ ready: async () => ({ ready: true, checks: {} }) });
    mountAdmin(http2, open);
    const server2 = createServer(http2);
    await new Promise<void>((resolve) => server2.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server2.address() as AddressInfo).port}/metrics`);
      expect(res.status).toBe(403);
    } finally {
      server2.closeAllConnections();
      await new Promise<void>((resolve) => server2.close(() => resolve()));
      await open.close();
    }
  });

  it("an app without metrics (the terminal chat) answers as usual, loads no metrics and serves none", async () => {
    const app = await testApp({ metrics: false });
    expect(app.metrics).toBeUndefined();
    const { post } = await app.core.click({
      platform: "local",
      conversationId: "local:t",
      userId: "u",
      isDirect: true,
      text: "thema 16",
    });
    const reply = post;
    expect(JSON.stringify(reply)).toContain("16");
    const http = createHttpApp({ ready: async () => ({ ready: true, checks: {} }) });
    mountAdmin(http, app);
    const server = createServer(http);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`);
      expect(res.status).toBe(404);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    }
  });
});
