import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The platform-neutral parts: they may not know Slack, Teams, HTTP or a database exists, nor the
 * layers built on them (lessons, store, surfaces, server, the composition root in app/).
 */
const CORE_DIRS = ["src/conversation", "src/search", "src/knowledge", "src/eval", "src/review"];
const FORBIDDEN = [
  /@slack\//,
  /@microsoft\//,
  /\bexpress\b/,
  /better-sqlite3/,
  /\bkysely\b/,
  /["']pg["']/,
  /\/surfaces\//,
  /\/render\/(slack|teams)/,
  /\/store\//,
  /\/server\//,
  /\/lessons\//,
  /\/regional\//,
  /\/app\//,
];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("boundary", () => {
  it("keeps the conversation core and the matcher free of platform SDKs and storage", () => {
    const offenders: string[] = [];
    for (const file of CORE_DIRS.flatMap(files)) {
      const imports = readFileSync(file, "utf8").match(/^\s*(import|export)[^;]*?from\s+["'][^"']+["']/gm) ?? [];
      for (const line of imports) if (FORBIDDEN.some((re) => re.test(line))) offenders.push(`${file}: ${line.trim()}`);
    }
    expect(offenders).toEqual([]);
  });

  it("would notice a forbidden import", () => {
    for (const line of [
      'import { App } from "@slack/bolt";',
      'import type { Store } from "../store/store.ts";',
      'import { nextLesson } from "../lessons/choose.ts";',
    ]) {
      expect(FORBIDDEN.some((re) => re.test(line))).toBe(true);
    }
    expect(FORBIDDEN.some((re) => re.test('import { texts } from "./texts.ts";'))).toBe(false);
  });
});
