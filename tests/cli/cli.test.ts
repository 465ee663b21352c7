import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Store } from "../../src/store/store.ts";
import { subscribeSlackChannel } from "../helpers/bot.ts";

const tsx = (args: string[], options: { input?: string; env?: Record<string, string> } = {}) =>
  execFileSync("npx", ["tsx", ...args], {
    input: options.input,
    env: { ...process.env, LOG_LEVEL: "silent", ...options.env },
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
  });

describe("command-line tools", () => {
  it("ask --json: one JSON line per question on stdout, in order, and nothing else", () => {
    const out = tsx(["src/cli/ask.ts", "--json"], {
      input: "hoe werk ik samen met de griffier?\n\nhoe vraag ik een paspoort aan\nthema 45\n",
    });
    const lines = out.trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    const answers = lines.map(
      (l) => JSON.parse(l) as { question: string; answered: boolean; results: Array<{ id: string; score: number }> },
    );
    expect(answers.map((a) => a.question)).toEqual([
      "hoe werk ik samen met de griffier?",
      "hoe vraag ik een paspoort aan",
      "thema 45",
    ]);
    expect(answers[0]!.answered).toBe(true);
    expect(answers[0]!.results[0]!.id).toBe("wegwijzer-16");
    expect(answers[1]!.answered).toBe(false);
    expect(answers[2]!.results[0]!.id).toBe("wegwijzer-45");
  });

  it("deliver --dry-run lists what one pass would send without sending or recording", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "deliver-")), "db.sqlite");
    const store = await Store.open(file);
    await subscribeSlackChannel(store, "C1", { track: "starter" });
    await store.close();
    const out = tsx(["src/cli/deliver.ts", "--now", "2026-11-23T08:30:00+01:00", "--dry-run"], {
      env: {
        DATABASE_URL: file,
        SLACK_BOT_TOKEN: "xoxb-dry",
        SLACK_SIGNING_SECRET: "s",
        SLACK_API_URL: "http://127.0.0.1:9/api/",
      },
    });
    const report = JSON.parse(out) as { due: number; sent: number; wouldSend: string[] };
    expect(report).toMatchObject({ due: 1, sent: 0, wouldSend: ["slack:T1:C1 2026-W48 wegwijzer-98"] });
    const after = await Store.open(file);
    expect(await after.deliveries.countByStatus()).toEqual({});
    await after.close();
  });
});
