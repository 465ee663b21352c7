/**
 * `npm run fuzz`: sends malformed-but-verified requests (correctly signed Slack payloads; Teams
 * activities in the loopback development mode) and valid ones to a real server on 127.0.0.1,
 * on SQLite and on PostgreSQL, and prints the answers by status, the crashes and the RSS growth.
 * Seeded and bounded; only loopback. A smaller sample runs as a test (tests/hardening/fuzz.test.ts).
 *
 *   npm run fuzz -- --malformed 5000 --valid 5000 --seed 1 --store both [--rounds 3]
 */
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { createApp } from "../app/create-app.ts";
import type { Brain } from "../app/brain.ts";
import { loadConfig } from "../config.ts";
import { startServer } from "../server/server.ts";
import { startNodeFlags } from "./start-flags.ts";
import { fakeBotConnector, fakeSlackApi } from "../../tests/helpers/fake-platform.ts";

export const FUZZ_SECRET = "fuzz-signing-secret";

/** A small, fast, seeded random source (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FuzzRequest {
  target: "slack" | "teams";
  /** what kind of damage, for the report */
  category: string;
  body: string;
  contentType: string;
  /** a valid request: it must be answered */
  valid: boolean;
}

const GARBAGE: unknown[] = [
  null,
  0,
  -1,
  1e308,
  true,
  false,
  "",
  " ",
  "x".repeat(5000),
  "\u0000",
  "a\u0000b",
  "\ud800",
  "\udfff x",
  "<@UBOT>",
  [],
  {},
  [1, [2, [3]]],
  { a: { b: { c: 1 } } },
  "not a url",
  "http://127.0.0.1:1/",
  "ftp://x",
  "javascript:alert(1)",
  "🙂".repeat(300),
  "__proto__",
  { __proto__: { polluted: 1 } },
  "constructor",
  "1.2.3",
  "-1",
  "9".repeat(40),
  "U1",
  "D1",
  "C1",
];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Every path to a value in a JSON object. */
function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (typeof value === "object" && value !== null) {
    for (const [key, child] of Object.entries(value)) {
      out.push([...prefix, key]);
      paths(child, [...prefix, key], out);
    }
  }
  return out;
}

/** A copy of `template` with one to three fields deleted or replaced by garbage. */
function mutate(rand: () => number, template: Record<string, unknown>): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(template)) as Record<string, unknown>;
  const changes = 1 + Math.floor(rand() * 3);
  for (let i = 0; i < changes; i++) {
    const all = paths(copy);
    if (all.length === 0) break;
    const path = pick(rand, all);
    let parent: Record<string, unknown> = copy;
    for (const key of path.slice(0, -1)) {
      const next = parent[key];
      if (typeof next !== "object" || next === null) break;
      parent = next as Record<string, unknown>;
    }
    const key = path.at(-1)!;
    if (rand() < 0.3) delete parent[key];
    // a copy: a later change in this request may write into it, never into GARBAGE itself (a cycle)
    else parent[key] = structuredClone(pick(rand, GARBAGE));
  }
  return copy;
}

function deep(depth: number): string {
  return `${"[".repeat(depth)}1${"]".repeat(depth)}`;
}

let unique = 0;
const nextId = () => `${Date.now().toString(36)}${(unique++).toString(36)}`;

function slackTemplates(text: string): Record<string, Record<string, unknown>> {
  const id = nextId();
  const ts = `1700${String(unique).padStart(6, "0")}.000100`;
  const event = (inner: Record<string, unknown>) => ({
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: `Ev${id}`,
    event_time: 1,
    event: inner,
  });
  return {
    mention: event({ type: "app_mention", user: "U1", text: `<@UBOT> ${text}`, ts, channel: "C1", event_ts: ts }),
    dm: event({ type: "message", channel_type: "im", user: "U2", text, ts, channel: "D2" }),
    home: event({ type: "app_home_opened", user: "U3", channel: "D3", tab: "messages", event_ts: ts }),
    joined: event({ type: "member_joined_channel", user: "UBOT", channel: "C4", team: "T1", event_ts: ts }),
    otherEvent: event({
      type: "reaction_added",
      user: "U1",
      reaction: "tada",
      item: { type: "message", channel: "C1", ts },
    }),
    click: {
      type: "block_actions",
      user: { id: "U5", team_id: "T1" },
      team: { id: "T1" },
      channel: { id: "C5" },
      message: { ts },
      container: { type: "message", channel_id: "C5", message_ts: ts },
      actions: [{ action_id: "wegwijzer:ask", value: JSON.stringify({ kind: "ask", question: text }) }],
      response_url: "http://127.0.0.1:1/respond",
    },
    viewSubmission: { type: "view_submission", user: { id: "U1" }, view: { id: "V1", state: { values: {} } } },
    shortcut: { type: "shortcut", callback_id: "x", user: { id: "U1" }, team: { id: "T1" } },
  };
}

function slashCommand(rand: () => number, text: string, valid: boolean): string {
  const fields: Record<string, string> = {
    command: "/wegwijzer",
    text,
    user_id: "U6",
    channel_id: "C6",
    team_id: "T1",
    channel_name: "general",
    response_url: "http://127.0.0.1:1/respond",
    trigger_id: nextId(),
  };
  if (!valid) {
    const key = pick(rand, Object.keys(fields));
    const garbage = pick(rand, GARBAGE);
    if (rand() < 0.3) delete fields[key];
    else fields[key] = typeof garbage === "string" ? garbage : JSON.stringify(garbage);
  }
  return new URLSearchParams(fields).toString();
}

function teamsTemplates(rand: () => number, serviceUrl: string, text: string): Record<string, Record<string, unknown>> {
  const base = {
    id: nextId(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: "msteams",
    from: { id: "29:user-1", name: "Secretaris", aadObjectId: "aad-user-1" },
    conversation: { id: `a:personal-${unique % 50}`, conversationType: "personal", tenantId: "tenant-1" },
    recipient: { id: "28:bot-1", name: "Wegwijzer" },
    locale: "nl-NL",
  };
  const click = { click: { kind: "ask", question: text } };
  return {
    message: { ...base, type: "message", text },
    channelMention: {
      ...base,
      type: "message",
      text: `<at>Wegwijzer</at> ${text}`,
      conversation: { id: "19:channel@thread.tacv2;messageid=1", conversationType: "channel", tenantId: "tenant-1" },
      entities: [{ type: "mention", text: "<at>Wegwijzer</at>", mentioned: { id: "28:bot-1", name: "Wegwijzer" } }],
    },
    cardAction: {
      ...base,
      type: "invoke",
      name: "adaptiveCard/action",
      value: { action: { type: "Action.Execute", verb: "wegwijzer", data: click } },
    },
    submit: { ...base, type: "message", value: click },
    added: { ...base, type: "conversationUpdate", membersAdded: [{ id: "28:bot-1" }] },
    install: { ...base, type: "installationUpdate", action: "add" },
    typing: { ...base, type: "typing" },
    reaction: { ...base, type: "messageReaction", reactionsAdded: [{ type: "like" }] },
    otherInvoke: {
      ...base,
      type: "invoke",
      name: pick(rand, ["signin/verifyState", "task/fetch", "composeExtension/query"]),
      value: {},
    },
  };
}

const QUESTIONS = [
  "Hoe werk ik goed samen met de griffier?",
  "regionale samenwerking loopt slecht",
  "thema 45",
  "help",
  "les 3",
  "status",
];

/** The seeded list of requests: `malformed` damaged ones and `valid` ones, for both endpoints, shuffled. */
export function fuzzRequests(options: {
  seed: number;
  malformed: number;
  valid: number;
  connectorUrl: string;
}): FuzzRequest[] {
  const rand = seeded(options.seed);
  const out: FuzzRequest[] = [];
  const json = (target: FuzzRequest["target"], category: string, body: unknown, valid = false): FuzzRequest => ({
    target,
    category,
    body: JSON.stringify(body),
    contentType: "application/json",
    valid,
  });
  const form = (category: string, body: string, valid = false): FuzzRequest => ({
    target: "slack",
    category,
    body,
    contentType: "application/x-www-form-urlencoded",
    valid,
  });
  for (let i = 0; i < options.malformed; i++) {
    const text =
      rand() < 0.2
        ? pick(rand, ["a\u0000b", "\ud800vraag", "\u0000".repeat(50), "x".repeat(9000)])
        : pick(rand, QUESTIONS);
    const slack = rand() < 0.55;
    const roll = rand();
    if (slack) {
      const templates = slackTemplates(text);
      const name = pick(rand, Object.keys(templates));
      const mutated = mutate(rand, templates[name]!);
      if (roll < 0.08)
        out.push({
          ...json("slack", "invalid-json", mutated),
          body: json("slack", "", mutated).body.slice(0, Math.floor(rand() * 60)),
        });
      else if (roll < 0.12)
        out.push({ ...json("slack", "deep-json", {}), body: deep(1000 + Math.floor(rand() * 5000)) });
      else if (roll < 0.16) out.push(json("slack", "not-an-object", pick(rand, [[1, 2], 42, "text", null, true])));
      else if (roll < 0.22) out.push(form("slash-command", slashCommand(rand, text, false)));
      else if (roll < 0.3)
        out.push(
          form(
            "interaction-form",
            new URLSearchParams({ payload: rand() < 0.3 ? "{broken" : JSON.stringify(mutated) }).toString(),
          ),
        );
      else if (roll < 0.34)
        out.push(json("slack", "event-null", { ...templates.mention, event: pick(rand, [null, 1, "x", [], {}]) }));
      else out.push(json("slack", `mutated-${name}`, mutated));
    } else {
      const templates = teamsTemplates(rand, options.connectorUrl, text);
      const name = pick(rand, Object.keys(templates));
      const mutated = mutate(rand, templates[name]!);
      if (roll < 0.08)
        out.push({
          ...json("teams", "invalid-json", mutated),
          body: JSON.stringify(mutated).slice(0, Math.floor(rand() * 60)),
        });
      else if (roll < 0.12)
        out.push({
          ...json("teams", "deep-json", {}),
          body: `{"type":"message","x":${deep(1000 + Math.floor(rand() * 5000))}}`,
        });
      else if (roll < 0.16) out.push(json("teams", "not-an-object", pick(rand, [[1, 2], 42, "text", null, true])));
      else if (roll < 0.24)
        out.push(
          json("teams", "service-url", {
            ...templates.message,
            serviceUrl: pick(rand, ["not a url", "http://127.0.0.1:1", "ftp://x", "", 5, null]),
          }),
        );
      else if (roll < 0.3)
        out.push(json("teams", "unhandled-type", templates[pick(rand, ["typing", "reaction", "otherInvoke"])]));
      else out.push(json("teams", `mutated-${name}`, mutated));
    }
  }
  for (let i = 0; i < options.valid; i++) {
    const text = pick(rand, QUESTIONS);
    if (rand() < 0.5) {
      const templates = slackTemplates(text);
      const name = pick(rand, ["mention", "dm", "click"] as const);
      if (name === "click" && rand() < 0.5) out.push(form("valid-slash-command", slashCommand(rand, text, true), true));
      else out.push(json("slack", `valid-${name}`, templates[name], true));
    } else {
      const templates = teamsTemplates(rand, options.connectorUrl, text);
      out.push(
        json(
          "teams",
          "valid-message",
          templates[pick(rand, ["message", "channelMention", "cardAction", "submit"] as const)],
          true,
        ),
      );
    }
  }
  // Fisher–Yates with the seeded source, so valid and malformed requests interleave.
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function signSlack(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", FUZZ_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

export interface FuzzReport {
  store: string;
  requests: number;
  /** "slack 200", "teams 400", "teams error" (no HTTP answer) … */
  byStatus: Record<string, number>;
  byCategory: Record<string, Record<string, number>>;
  serverErrors: number;
  /** the first requests that got a 5xx, for finding the cause */
  samples: string[];
  /** uncaught exceptions and unhandled rejections seen while the server ran */
  crashes: number;
  /** valid questions that got an answer posted to the fake platform */
  answered: { slack: number; teams: number };
  rssBeforeMb: number;
  /** after the first round (the growth is measured over it) */
  rssAfterMb: number;
  rssGrowthMb: number;
  /** after each round, when there were several: does the memory keep growing or settle? */
  rssAfterRoundsMb: number[];
  seconds: number;
  stillHealthy: boolean;
}

const gc = (globalThis as { gc?: () => void }).gc;

/** A bot under test: where to send, how much memory it holds, and how to wait for and stop it. */
export interface FuzzTarget {
  url: string;
  connectorUrl: string;
  /** RSS after a full garbage collection, in MB */
  rssMb(): Promise<number>;
  /** posts the fake platforms received so far */
  posts(): Promise<{ slack: number; teams: number }>;
  /** waits for replies still being posted */
  settle(): Promise<void>;
  /** uncaught exceptions and unhandled rejections so far */
  crashes(): Promise<number>;
  close(): Promise<void>;
}

/** Starts the fake platforms and the real server in this process. */
export async function startFuzzTarget(databaseUrl: string, brain?: Brain): Promise<FuzzTarget> {
  const slackApi = await fakeSlackApi().start();
  const connector = await fakeBotConnector().start();
  // The fakes keep every request for tests; here only the counts matter.
  const counted = { slack: 0, teams: 0 };
  const count = () => {
    counted.slack += slackApi.requests.length;
    counted.teams += connector.requests.length;
    slackApi.requests.length = 0;
    connector.requests.length = 0;
    return { ...counted };
  };
  // Count (and forget) what the fakes received as it comes, so their records do not grow the
  // bot's process, whose memory is what the fuzz measures.
  const forget = setInterval(count, 100);
  forget.unref();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: process.env.FUZZ_LOG_LEVEL ?? "silent",
    DATABASE_URL: databaseUrl,
    SLACK_BOT_TOKEN: "xoxb-fuzz",
    SLACK_SIGNING_SECRET: FUZZ_SECRET,
    SLACK_API_URL: `${slackApi.url}/api/`,
    TEAMS_ALLOW_UNAUTHENTICATED: "1",
    TEAMS_SERVICE_URL: connector.url,
  });
  let crashes = 0;
  const crashed = () => void crashes++;
  process.on("uncaughtException", crashed);
  process.on("unhandledRejection", crashed);
  const app = await createApp(config, brain ? { brain } : {});
  const server = await startServer(app, { scheduler: false });
  return {
    url: server.url,
    connectorUrl: connector.url,
    rssMb: async () => {
      count();
      gc?.();
      gc?.();
      const m = process.memoryUsage();
      if (process.env.FUZZ_HEAP)
        console.error(
          `  [bot] rss ${Math.round(m.rss / 1048576)} MB (${rssKinds()}), heap ${Math.round(m.heapUsed / 1048576)}/${Math.round(m.heapTotal / 1048576)} MB, external ${Math.round(m.external / 1048576)} MB, arrays ${Math.round(m.arrayBuffers / 1048576)} MB`,
        );
      return m.rss / 1024 / 1024;
    },
    posts: async () => count(),
    settle: async () => {
      await Promise.all([server.slack?.inFlight.settle(60_000), server.teams?.inFlight.settle(60_000)]);
    },
    crashes: async () => crashes,
    async close() {
      clearInterval(forget);
      await server.close(5_000);
      await app.close();
      await slackApi.stop();
      await connector.stop();
      process.off("uncaughtException", crashed);
      process.off("unhandledRejection", crashed);
    },
  };
}

/**
 * The bot in a child process of its own, so its RSS is measured without the fuzzing client's
 * memory. The child runs this file with `--serve` and answers the parent over IPC.
 */
export async function forkFuzzTarget(databaseUrl: string): Promise<FuzzTarget> {
  const { fork } = await import("node:child_process");
  const { fileURLToPath } = await import("node:url");
  const child = fork(fileURLToPath(import.meta.url), ["--serve", databaseUrl], {
    // as `npm start` runs the bot (its V8 flags), plus what the measurement needs
    execArgv: [...startNodeFlags(), "--expose-gc", "--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // However the fuzzing client ends (a thrown error included), the bot does not outlive it.
  const killChild = () => child.kill();
  process.once("exit", killChild);
  child.once("exit", () => process.off("exit", killChild));
  let seq = 0;
  const waiting = new Map<number, (value: unknown) => void>();
  const ready = new Promise<{ url: string; connectorUrl: string }>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`fuzz target exited with ${code}`)));
    child.on("message", (message: { id?: number; ready?: { url: string; connectorUrl: string }; value?: unknown }) => {
      if (message.ready) resolve(message.ready);
      else if (message.id !== undefined) waiting.get(message.id)?.(message.value);
    });
  });
  const ask = <T>(op: string) =>
    new Promise<T>((resolve) => {
      const id = seq++;
      waiting.set(id, (value) => resolve(value as T));
      child.send({ id, op });
    });
  const { url, connectorUrl } = await ready;
  return {
    url,
    connectorUrl,
    rssMb: () => ask<number>("rss"),
    posts: () => ask<{ slack: number; teams: number }>("posts"),
    settle: () => ask<void>("settle"),
    crashes: async () => (child.exitCode !== null ? 1 : ask<number>("crashes")),
    close: async () => {
      await ask<void>("close");
      child.disconnect();
    },
  };
}

async function serve(databaseUrl: string): Promise<void> {
  const target = await startFuzzTarget(databaseUrl);
  const ops: Record<string, () => Promise<unknown>> = {
    rss: target.rssMb,
    posts: target.posts,
    settle: target.settle,
    crashes: target.crashes,
    close: target.close,
  };
  process.on("message", (message: { id: number; op: string }) => {
    void ops[message.op]!().then((value) => process.send!({ id: message.id, value: value ?? null }));
  });
  process.send!({ ready: { url: target.url, connectorUrl: target.connectorUrl } });
}

/** The kinds of resident memory (Linux): anonymous (heaps, malloc), file-backed (code, mapped files), shared. */
function rssKinds(): string {
  try {
    const status = readFileSync("/proc/self/status", "utf8");
    return ["RssAnon", "RssFile", "RssShmem"]
      .map(
        (k) =>
          `${k.slice(3).toLowerCase()} ${Math.round(Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024)}`,
      )
      .join(", ");
  } catch {
    return "kinds unknown";
  }
}

/** Runs the seeded requests against a target (a SQLite path, ":memory:" or a PostgreSQL URL; in this process or forked). */
export async function runFuzz(options: {
  databaseUrl: string;
  seed: number;
  malformed: number;
  valid: number;
  concurrency?: number;
  /** batches of malformed + valid requests, one after the other (default 1) */
  rounds?: number;
  brain?: Brain;
  /** run the bot in a child process (for RSS figures of the bot alone) */
  fork?: boolean;
  onProgress?: (done: number, total: number) => void;
}): Promise<FuzzReport> {
  const target = options.fork
    ? await forkFuzzTarget(options.databaseUrl)
    : await startFuzzTarget(options.databaseUrl, options.brain);
  try {
    return await fuzzAgainst(target, options);
  } catch (error) {
    await target.close().catch(() => {});
    throw error;
  }
}

async function fuzzAgainst(target: FuzzTarget, options: Parameters<typeof runFuzz>[0]): Promise<FuzzReport> {
  const only = process.env.FUZZ_ONLY;
  // Each round is a fresh seeded batch (new event IDs, so nothing is skipped as a retry).
  const rounds = Array.from({ length: Math.max(1, options.rounds ?? 1) }, (_, round) =>
    fuzzRequests({
      seed: options.seed + round * 7919,
      malformed: options.malformed,
      valid: options.valid,
      connectorUrl: target.connectorUrl,
    }).filter(
      (r) => (!only || r.target === only) && (!process.env.FUZZ_CATEGORY || r.category === process.env.FUZZ_CATEGORY),
    ),
  );
  const requests = rounds.flat();
  const report: FuzzReport = {
    store: options.databaseUrl.startsWith("postgres") ? "postgres" : "sqlite",
    requests: requests.length,
    byStatus: {},
    byCategory: {},
    serverErrors: 0,
    samples: [],
    crashes: 0,
    answered: { slack: 0, teams: 0 },
    rssBeforeMb: 0,
    rssAfterMb: 0,
    rssGrowthMb: 0,
    rssAfterRoundsMb: [],
    seconds: 0,
    stillHealthy: false,
  };
  const started = performance.now();
  const warmUp = Math.min(1000, Math.floor(requests.length / 10));
  let next = 0;
  let done = 0;
  const send = async (request: FuzzRequest) => {
    const url = `${target.url}${request.target === "slack" ? "/slack/events" : "/api/messages"}`;
    const headers = {
      "content-type": request.contentType,
      ...(request.target === "slack" ? signSlack(request.body) : {}),
    };
    let status: string;
    try {
      const res = await fetch(url, {
        method: "POST",
        headers,
        body: request.body,
        signal: AbortSignal.timeout(60_000),
      });
      await res.arrayBuffer();
      status = String(res.status);
      if (res.status >= 500) {
        report.serverErrors += 1;
        if (report.samples.length < 10)
          report.samples.push(`${request.target} ${res.status} ${request.body.slice(0, 600)}`);
      }
    } catch {
      status = "error";
      report.serverErrors += 1;
    }
    const key = `${request.target} ${status}`;
    report.byStatus[key] = (report.byStatus[key] ?? 0) + 1;
    const category = (report.byCategory[`${request.target} ${request.category}`] ??= {});
    category[status] = (category[status] ?? 0) + 1;
  };
  const run = async (until: number) => {
    const worker = async () => {
      while (next < until) {
        const request = requests[next++]!;
        await send(request);
        done += 1;
        if (done % 1000 === 0) options.onProgress?.(done, requests.length);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  };
  // A warm-up first (caches, connection pools, JIT), then the baseline; growth is measured from there.
  await run(warmUp);
  await target.settle();
  report.rssBeforeMb = await target.rssMb();
  let end = 0;
  for (const round of rounds) {
    end += round.length;
    await run(end);
    // Replies still being posted finish (or give up) before the counts are read.
    await target.settle();
    const rss = await target.rssMb();
    report.rssAfterRoundsMb.push(Math.round(rss));
    if (report.rssAfterRoundsMb.length === 1) report.rssAfterMb = rss;
  }
  report.answered = await target.posts();
  report.rssGrowthMb = Math.round((report.rssAfterMb - report.rssBeforeMb) * 10) / 10;
  report.rssBeforeMb = Math.round(report.rssBeforeMb);
  report.rssAfterMb = Math.round(report.rssAfterMb);
  report.stillHealthy = (await fetch(`${target.url}/healthz`)).status === 200;
  report.seconds = Math.round((performance.now() - started) / 100) / 10;
  report.crashes = await target.crashes();
  await target.close();
  return report;
}

function print(report: FuzzReport): void {
  console.log(`\n== ${report.store}: ${report.requests} requests in ${report.seconds} s`);
  for (const [key, count] of Object.entries(report.byStatus).sort()) console.log(`  ${key.padEnd(16)} ${count}`);
  console.log(`  5xx or no answer  ${report.serverErrors}`);
  console.log(`  crashes           ${report.crashes}`);
  console.log(`  posts to fakes    slack ${report.answered.slack}, teams ${report.answered.teams}`);
  console.log(
    `  RSS               ${report.rssBeforeMb} MB after warm-up → ${report.rssAfterMb} MB (${report.rssGrowthMb >= 0 ? "+" : ""}${report.rssGrowthMb} MB)`,
  );
  if (report.rssAfterRoundsMb.length > 1)
    console.log(
      `  RSS after each of ${report.rssAfterRoundsMb.length} rounds  ${report.rssAfterRoundsMb.join(" → ")} MB`,
    );
  console.log(`  /healthz after    ${report.stillHealthy ? "200" : "FAILED"}`);
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: {
      malformed: { type: "string", default: "5000" },
      valid: { type: "string", default: "5000" },
      seed: { type: "string", default: "1" },
      store: { type: "string", default: "both" },
      concurrency: { type: "string", default: "8" },
      rounds: { type: "string", default: "1" },
      verbose: { type: "boolean", default: false },
      serve: { type: "boolean", default: false },
      "in-process": { type: "boolean", default: false },
    },
    allowPositionals: true,
  });
  if (values.serve) return serve(positionals[0]!);
  const common = {
    seed: Number(values.seed),
    malformed: Number(values.malformed),
    valid: Number(values.valid),
    concurrency: Number(values.concurrency),
    rounds: Number(values.rounds),
    fork: !values["in-process"],
  };
  const progress = (done: number, total: number) => process.stderr.write(`  ${done}/${total}\r`);
  const reports: FuzzReport[] = [];
  if (values.store !== "postgres") {
    // A SQLite file as in production: an in-memory database would count every stored row as growth.
    const dir = mkdtempSync(join(tmpdir(), "wegwijzer-fuzz-"));
    try {
      reports.push(await runFuzz({ ...common, databaseUrl: join(dir, "fuzz.sqlite"), onProgress: progress }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (values.store !== "sqlite") {
    const { createTestDatabase, postgresAvailable } = await import("../../tests/helpers/postgres.ts");
    if (await postgresAvailable()) {
      const db = await createTestDatabase();
      try {
        reports.push(await runFuzz({ ...common, databaseUrl: db.url, onProgress: progress }));
      } finally {
        await db.drop();
      }
    }
  }
  for (const report of reports) {
    print(report);
    if (values.verbose) for (const sample of report.samples) console.log(`    5xx: ${sample}`);
    if (values.verbose)
      for (const [category, counts] of Object.entries(report.byCategory).sort())
        console.log(`    ${category.padEnd(34)} ${JSON.stringify(counts)}`);
  }
  const failed = reports.some((r) => r.serverErrors > 0 || r.crashes > 0 || !r.stillHealthy);
  console.log(failed ? "\nFAILED: 5xx, crashes or an unhealthy server" : "\nOK: no 5xx, no crashes");
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
