/**
 * Parsed YAML of the knowledge files, cached by content hash. Parsing the YAML (the bank, the front
 * matter of every unit, lessons, calendar, synonyms) was the largest part of start-up, so the build
 * step (`npm run build:knowledge`, run by the set-up step whenever a knowledge file changes) writes
 * what every file parses to into dist/knowledge-yaml.json. A text whose hash is in the cache is not
 * parsed again; any other text is parsed as usual, so a stale or missing cache is only slower, never
 * wrong. The zod validation after parsing runs either way.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type * as Yaml from "yaml";
import { PROJECT_ROOT } from "./location.ts";

export const YAML_CACHE_FILE = join(PROJECT_ROOT, "dist", "knowledge-yaml.json");

let cache: Map<string, unknown> | undefined;
let recording: Map<string, unknown> | undefined;

/** The cache key of a YAML text: its SHA-256. */
export const yamlKey = (text: string) => createHash("sha256").update(text).digest("base64url");

let yaml: typeof Yaml | undefined;
/** The YAML parser, loaded on the first text the cache does not hold (with a current cache: never). */
function parser(): typeof Yaml {
  yaml ??= createRequire(import.meta.url)("yaml") as typeof Yaml;
  return yaml;
}

/** Replaces the cache (undefined: read dist/knowledge-yaml.json again on the next parse). */
export function setYamlCache(entries: Record<string, unknown> | undefined): void {
  cache = entries ? new Map(Object.entries(entries)) : undefined;
}

function cached(): Map<string, unknown> {
  if (!cache) {
    cache = new Map();
    try {
      if (existsSync(YAML_CACHE_FILE))
        cache = new Map(Object.entries(JSON.parse(readFileSync(YAML_CACHE_FILE, "utf8")) as Record<string, unknown>));
    } catch {
      // A damaged cache file is only slower: every text is parsed.
    }
  }
  return cache;
}

/**
 * Parses a YAML text, from the cache when its hash is there. Each cached entry is handed out once
 * (then forgotten), so no two loads share objects.
 */
export function parseYaml(text: string): unknown {
  const key = yamlKey(text);
  const entries = cached();
  let data: unknown;
  if (entries.has(key)) {
    data = entries.get(key);
    entries.delete(key);
  } else data = parser().parse(text);
  if (recording) recording.set(key, structuredClone(data));
  return data;
}

/** Records what `parseYaml` parses until the returned function is called; that returns the cache's content. */
export function recordYaml(): () => Record<string, unknown> {
  recording = new Map();
  cache = new Map(); // parse everything afresh while recording
  return () => {
    const out = Object.fromEntries(recording ?? []);
    recording = undefined;
    cache = undefined;
    return out;
  };
}
