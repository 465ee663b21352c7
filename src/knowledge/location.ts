import { fileURLToPath } from "node:url";

/** The project's knowledge folder, found from this file so that any working directory works. */
export const KNOWLEDGE_DIR = fileURLToPath(new URL("../../knowledge/", import.meta.url));
