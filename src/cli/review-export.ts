/**
 * `npm run review:export [-- --out <dir>] [--all]`: writes the review queue's handled entries as a
 * YAML patch per unit (suggested questions for curators to review and commit) and as a labelled
 * JSONL that `npm run eval <file>` reads. Entries are marked exported; `--all` writes them again.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createApp } from "../app/create-app.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { PROJECT_ROOT } from "../knowledge/location.ts";
import { buildReviewExport } from "../review/export.ts";

export async function exportReview(options: {
  out: string;
  all: boolean;
  env?: NodeJS.ProcessEnv;
  root?: string;
}): Promise<{ files: string[]; questions: number }> {
  const config = loadConfig(options.env ?? process.env);
  const app = await createApp({ ...config, logLevel: "warn" }, { metrics: false });
  try {
    const now = app.now();
    const entries = await app.store.review.listHandled({ all: options.all, now });
    const root = options.root ?? PROJECT_ROOT;
    const result = buildReviewExport(
      entries.map((e) => ({ id: e.id, question: e.question, label: e.label!, reason: e.reason })),
      app.brain.knowledge,
      { root, date: now.toISOString().slice(0, 10) },
    );
    const files: string[] = [];
    if (entries.length) {
      mkdirSync(options.out, { recursive: true });
      for (const [unitId, text] of result.patches) {
        const file = join(options.out, `${unitId}.yaml`);
        writeFileSync(file, text);
        files.push(file);
      }
      const jsonl = join(options.out, "review-questions.jsonl");
      writeFileSync(jsonl, result.jsonl);
      files.push(jsonl);
      await app.store.review.markExported(
        entries.map((e) => e.id),
        now,
      );
    }
    return { files, questions: entries.length };
  } finally {
    await app.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const outAt = args.indexOf("--out");
  const out = outAt >= 0 && args[outAt + 1] ? args[outAt + 1]! : "review-export";
  try {
    const { files, questions } = await exportReview({ out, all: args.includes("--all") });
    if (questions === 0)
      console.log(
        "review:export: no handled entries to export (label them on /admin first; --all writes exported ones again)",
      );
    else
      console.log(
        `review:export: ${questions} question(s) → ${files.length} file(s):\n${files.map((f) => `  ${f}`).join("\n")}\nEvaluate with: npm run eval -- ${join(out, "review-questions.jsonl")}`,
      );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
    } else throw error;
  }
}
