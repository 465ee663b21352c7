import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The project's root: the nearest folder above this file with a package.json (from src/ or compiled dist/src/). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error("cannot find the project root (package.json) above " + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = projectRoot();
/** The project's knowledge folder, found from this file so that any working directory works. */
export const KNOWLEDGE_DIR = join(PROJECT_ROOT, "knowledge");
