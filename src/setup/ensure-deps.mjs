// Runs before `npm start` and `npm test` (and in CI): installs the locked dependencies when
// node_modules does not match package-lock.json, checks the Node.js that will run the bot against
// package.json's `engines`, and compiles src/ to dist/ when the sources changed since the last build.
// The project pins its runtime: the registry's `node` package is a dependency, so npm scripts run on
// that Node.js (node_modules/.bin comes first on their PATH) whatever the machine has.
// Plain JavaScript that any Node.js from 18 on can run: it must work before anything is installed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

/** The Node.js that npm scripts will run the bot on: the pinned one once installed, else this one. */
function runtimeVersion() {
  const pinned = join(root, "node_modules", ".bin", process.platform === "win32" ? "node.cmd" : "node");
  if (!existsSync(pinned)) return process.versions.node;
  const result = spawnSync(pinned, ["-p", "process.versions.node"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : process.versions.node;
}

/** `engines.node` is ">=MAJOR.MINOR": the one place the supported Node.js versions are written. */
function checkNode() {
  const wanted = readJson(join(root, "package.json")).engines.node;
  const [major, minor] = (/^>=(\d+)\.(\d+)/.exec(wanted) ?? []).slice(1).map(Number);
  const version = runtimeVersion();
  const [haveMajor, haveMinor] = version.split(".").map(Number);
  if (haveMajor < major || (haveMajor === major && haveMinor < minor)) {
    console.error(`Wegwijzer needs Node.js ${wanted}; this is ${version}. See .nvmrc for the recommended version.`);
    process.exit(1);
  }
}

/** True when every locked package is installed at its locked version (npm's own record of node_modules). */
function installMatchesLock() {
  const installedPath = join(root, "node_modules", ".package-lock.json");
  if (!existsSync(installedPath)) return false;
  const locked = readJson(join(root, "package-lock.json")).packages ?? {};
  const installed = readJson(installedPath).packages ?? {};
  for (const [path, entry] of Object.entries(locked)) {
    if (path === "" || entry.link) continue;
    const have = installed[path];
    if (!have) {
      if (entry.optional || entry.devOptional) continue; // optional packages for other platforms
      return false;
    }
    if (have.version !== entry.version) return false;
  }
  return true;
}

function run(args, what) {
  console.error(what);
  const result = spawnSync(npm, args, { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** A hash of the files under `dir` whose names end with one of `endings`, and of the `extra` files. */
function hashOf(dir, endings, extra = []) {
  const hash = createHash("sha256");
  const files = readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && endings.some((ending) => e.name.endsWith(ending)))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const file of [...files, ...extra]) {
    hash.update(file.slice(root.length)).update("\0").update(readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

if (!installMatchesLock())
  run(["ci", "--no-audit", "--no-fund", "--loglevel=error"], "Installing dependencies (npm ci), once…");
checkNode();
// The build compiles the sources (everything it reads: the sources and the compiler settings) and
// caches the parsed knowledge; a change to the knowledge alone only refreshes that cache.
const stamp = join(root, "dist", ".source-hash");
const knowledgeStamp = join(root, "dist", ".knowledge-hash");
const hash = hashOf("src", [".ts"], [join(root, "tsconfig.json"), join(root, "tsconfig.build.json")]);
const knowledgeHash = hashOf("knowledge", [".md", ".yaml", ".json"]);
// What `npm start` runs (dist/bundle/, see src/cli/bundle.ts): a build that lost it is built again.
const bundle = join(root, "dist", "bundle", "start.mjs");
if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== hash || !existsSync(bundle)) {
  run(["run", "--silent", "build"], "Compiling (tsc → dist/), once after each change…");
  writeFileSync(stamp, hash);
  writeFileSync(knowledgeStamp, knowledgeHash);
} else if (!existsSync(knowledgeStamp) || readFileSync(knowledgeStamp, "utf8") !== knowledgeHash) {
  run(["run", "--silent", "build:knowledge"], "Caching the knowledge (dist/knowledge-yaml.json)…");
  writeFileSync(knowledgeStamp, knowledgeHash);
}
