import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "../knowledge/location.ts";

/** package.json's start script, split into its words. */
function startScript(): string[] {
  const start = z
    .object({ scripts: z.object({ start: z.string() }) })
    .parse(JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"))).scripts.start;
  return start.split(/\s+/);
}

/**
 * The Node.js flags `npm start` runs the bot with (from package.json's start script), so the
 * benchmarks measure the bot as it runs in production.
 */
export function startNodeFlags(): string[] {
  return startScript().filter((arg) => arg.startsWith("--"));
}

/** The file `npm start` runs (dist/bundle/start.mjs), as an absolute path. */
export function startEntry(): string {
  const entry = startScript().at(-1);
  if (!entry || entry.startsWith("-")) throw new Error("package.json's start script does not end with a file");
  return join(PROJECT_ROOT, entry);
}
