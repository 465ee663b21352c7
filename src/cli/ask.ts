/**
 * `npm run ask -- "vraag"`: prints the answer as the terminal chat would.
 * `npm run --silent ask -- --json`: the stable batch contract: questions on stdin, one per line;
 * one JSON object per line on stdout, in order, and nothing else.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createBrain } from "../app/brain.ts";
import { ConversationCore } from "../conversation/core.ts";
import { MemoryFeedbackStore } from "../conversation/feedback.ts";
import { answerLine } from "../conversation/read-line.ts";
import { createLogger } from "../log.ts";
import { renderText } from "../render/text.ts";

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { json: { type: "boolean" } },
    allowPositionals: true,
  });
  const brain = createBrain();
  if (values.json) {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) {
      const question = line.trim();
      if (!question) continue;
      const answer = answerLine(brain.answerer, question);
      const results = answer.results.slice(0, 5).map((r) => ({ id: r.id, title: r.title, score: r.score }));
      process.stdout.write(`${JSON.stringify({ question, answered: answer.answered, results })}\n`);
    }
    return 0;
  }
  const question = positionals.join(" ");
  if (!question) {
    console.error('usage: npm run ask -- "je vraag"   |   npm run --silent ask -- --json < vragen.txt');
    return 2;
  }
  // The answer as the terminal chat shows it, without a store: nothing of the question is kept.
  const core = new ConversationCore({
    knowledge: brain.knowledge,
    answerer: brain.answerer,
    feedback: new MemoryFeedbackStore(),
    log: createLogger({ logLevel: "silent", logQuestions: false }),
    logQuestions: false,
  });
  const reply = await core.handle({
    platform: "local",
    conversationId: "local:ask",
    userId: "local",
    text: question,
    isDirect: true,
  });
  console.log(renderText(reply));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(`ask failed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
