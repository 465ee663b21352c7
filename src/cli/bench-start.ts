/**
 * `npm run bench:start [-- --runs 5 --questions 1000 --node-flags=… --entry=…]`: how fast and how small the
 * compiled bot is. Median of cold starts of what `npm start` runs (dist/bundle/start.mjs; `--entry`
 * replaces it, e.g. with the unbundled dist/src/start.js, to compare), with the Node.js flags of
 * `npm start` (package.json; `--node-flags` replaces them, to compare), to the terminal prompt and,
 * in server mode, to `/readyz` answering 200 (and the resident memory then); then the resident
 * memory of the terminal chat after answering many questions. A benchmark, never a test: it
 * depends on how busy the machine is.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadKnowledge } from "../knowledge/load.ts";
import { KNOWLEDGE_DIR, PROJECT_ROOT } from "../knowledge/location.ts";
import { startEntry, startNodeFlags } from "./start-flags.ts";
import { freePort } from "./free-port.ts";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    questions: { type: "string", default: "1000" },
    "node-flags": { type: "string" },
    entry: { type: "string" },
  },
});
const NODE_FLAGS = values["node-flags"]?.split(/\s+/).filter((arg) => arg.startsWith("--")) ?? startNodeFlags();
const runs = Number(values.runs);
const questionCount = Number(values.questions);
const MAIN = values.entry ? join(PROJECT_ROOT, values.entry) : startEntry();
const PROMPT = "jij> ";

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function startBot(env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [...NODE_FLAGS, MAIN], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATABASE_URL: ":memory:", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
}

/** Resolves once the child has printed `text` (counting from its start), with the output so far. */
function waitForOutput(child: ChildProcess, text: string, count = 1): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = "";
    const onData = (chunk: Buffer) => {
      seen += chunk.toString("utf8");
      if (seen.split(text).length - 1 >= count) {
        child.stdout!.off("data", onData);
        resolve();
      }
    };
    child.stdout!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`bot exited (${code}) before printing ${JSON.stringify(text)}`)));
  });
}

async function terminalStart(): Promise<number> {
  const started = performance.now();
  const child = startBot({});
  await waitForOutput(child, PROMPT);
  const ms = performance.now() - started;
  child.kill();
  return ms;
}

/** Time to `/readyz` 200 in server mode (Teams on loopback), and the resident memory then. */
async function serverStart(): Promise<{ ms: number; rss: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = startBot({
    PORT: String(port),
    HOST: "127.0.0.1",
    TEAMS_ALLOW_UNAUTHENTICATED: "1",
    LOG_LEVEL: "warn",
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 30_000) throw new Error("server not ready within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const ms = performance.now() - started;
  const rss = rssMb(child.pid!);
  child.kill();
  return { ms, rss };
}

async function rssAfterQuestions(): Promise<{ atPrompt: number; after: number }> {
  const questions = loadKnowledge(KNOWLEDGE_DIR).units.flatMap((u) => u.questions);
  const child = startBot({});
  await waitForOutput(child, PROMPT);
  const atPrompt = rssMb(child.pid!);
  const answered = waitForOutput(child, PROMPT, questionCount);
  for (let i = 0; i < questionCount; i++) child.stdin!.write(`${questions[i % questions.length]}\n`);
  await answered;
  const after = rssMb(child.pid!);
  child.kill();
  return { atPrompt, after };
}

async function main(): Promise<void> {
  const terminal: number[] = [];
  const server: number[] = [];
  const serverRss: number[] = [];
  for (let i = 0; i < runs; i++) {
    terminal.push(await terminalStart());
    const ready = await serverStart();
    server.push(ready.ms);
    serverRss.push(ready.rss);
    process.stderr.write(
      `run ${i + 1}/${runs}: terminal ${terminal.at(-1)!.toFixed(0)} ms, server ${server.at(-1)!.toFixed(0)} ms\n`,
    );
  }
  const memory = await rssAfterQuestions();
  console.log(`node flags                 ${NODE_FLAGS.join(" ") || "(none)"}`);
  console.log(
    `start to terminal prompt   median ${median(terminal).toFixed(0)} ms  (runs: ${terminal.map((t) => t.toFixed(0)).join(", ")})`,
  );
  console.log(
    `start to /readyz 200       median ${median(server).toFixed(0)} ms  (runs: ${server.map((t) => t.toFixed(0)).join(", ")})`,
  );
  console.log(`RSS at the prompt          ${memory.atPrompt.toFixed(0)} MB`);
  console.log(`RSS at /readyz 200         median ${median(serverRss).toFixed(0)} MB (server mode, Teams)`);
  console.log(`RSS after ${questionCount} questions  ${memory.after.toFixed(0)} MB`);
  console.log(`targets                    ≤ 1000 ms to ready, ≤ 120 MB RSS`);
}

main().catch((error: unknown) => {
  console.error(`bench:start failed: ${(error as Error).message}`);
  process.exitCode = 1;
});
