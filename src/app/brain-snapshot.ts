/**
 * The search index, built once at build time (`npm run build:knowledge`, which the set-up step runs
 * whenever the sources or the knowledge change) and restored at start-up: dist/brain-index.json.
 * Building it means analysing every unit and all five thousand bank questions (most of a start
 * that took over a second); restoring it reads a few packed arrays.
 *
 * A snapshot is used only when its fingerprint matches: the knowledge files it was built from and
 * the code of the search and knowledge modules that built it (as they run: src/ under tsx, dist/
 * compiled). A missing, damaged or stale snapshot is only slower, never wrong: the index is built
 * from the knowledge as before.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { PROJECT_ROOT } from "../knowledge/location.ts";
import { MatcherSnapshotSchema } from "../search/matcher.ts";
import { RankerSnapshotSchema } from "../search/ranking.ts";

export const BRAIN_SNAPSHOT_FILE = join(PROJECT_ROOT, "dist", "brain-index.json");

export const BrainSnapshotSchema = z.object({
  fingerprint: z.string(),
  matcher: MatcherSnapshotSchema,
  ranker: RankerSnapshotSchema,
});
export type BrainSnapshot = z.infer<typeof BrainSnapshotSchema>;

/** The trained confidence model does not shape the index: retraining it keeps the snapshot. */
const NOT_INDEXED = new Set(["confidence-model.json"]);
/** The code that turns the knowledge into the index. */
const CODE_DIRS = ["../search/", "../knowledge/"].map((dir) => fileURLToPath(new URL(dir, import.meta.url)));

function addFiles(hash: ReturnType<typeof createHash>, dir: string, keep: (name: string) => boolean): void {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of files) hash.update(file.slice(dir.length)).update("\0").update(readFileSync(file)).update("\0");
}

/**
 * Set by the bundler (src/cli/bundle.ts) in dist/bundle/: the hash of the compiled search and
 * knowledge modules the bundle was made of, whose files are not beside the bundle. Undefined (a
 * global that does not exist) when the modules run as files, under tsx or from dist/src/.
 */
declare const WEGWIJZER_INDEX_CODE_HASH: string | undefined;

/** A hash of the code that turns the knowledge into the index, as it runs. */
export function indexCodeHash(): string {
  if (typeof WEGWIJZER_INDEX_CODE_HASH === "string") return WEGWIJZER_INDEX_CODE_HASH;
  const hash = createHash("sha256");
  for (const code of CODE_DIRS) addFiles(hash, code, (name) => /\.(ts|js)$/.test(name));
  return hash.digest("base64url");
}

/** What a snapshot of the knowledge in `dir` must have been built from: its files and the indexing code. */
export function brainFingerprint(dir: string): string {
  const hash = createHash("sha256");
  addFiles(hash, dir, (name) => !NOT_INDEXED.has(name));
  hash.update(indexCodeHash());
  return hash.digest("base64url");
}

/** The snapshot in `file` when it was built from this knowledge by this code; otherwise undefined. */
export function readBrainSnapshot(file: string, fingerprint: string): BrainSnapshot | undefined {
  let raw: unknown;
  try {
    const text = readFileSync(file, "utf8");
    // The fingerprint comes first in the file: a stale snapshot is not even parsed.
    if (!text.startsWith(header(fingerprint))) return undefined;
    raw = JSON.parse(text);
  } catch {
    return undefined; // missing or damaged: build
  }
  const parsed = BrainSnapshotSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

const header = (fingerprint: string) => `{"fingerprint":${JSON.stringify(fingerprint)},`;

export function writeBrainSnapshot(file: string, snapshot: BrainSnapshot): void {
  const { fingerprint, ...index } = snapshot;
  writeFileSync(file, header(fingerprint) + JSON.stringify(index).slice(1));
}
