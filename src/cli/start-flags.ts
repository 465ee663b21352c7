import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "../knowledge/location.ts";

/**
 * The Node.js flags `npm start` runs the bot with (from package.json's start script), so the
 * benchmarks measure the bot as it runs in production.
 */
export function startNodeFlags(): string[] {
  const start = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"))).scripts.start;
  return start.split(/\s+/).filter((arg) => arg.startsWith("--"));
}
