// Runs before `npm start` and `npm test`: on a fresh clone (or after the lockfile changed) it
// installs the locked dependencies first, so the README's two commands work on a new machine.
// Plain JavaScript on purpose: it must run before anything is installed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const lock = join(root, "package-lock.json");
const installed = join(root, "node_modules", ".package-lock.json");

const major = Number(process.versions.node.split(".")[0]);
if (major < 20) {
  console.error(`Wegwijzer needs Node.js 20 or newer; this is ${process.version}.`);
  process.exit(1);
}
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.error("Installing dependencies (npm ci), once…");
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  process.exit(result.status ?? 1);
}
