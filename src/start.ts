/**
 * The entry of `npm start`: turns on V8's on-disk compile cache (Node.js 22.1+) before any of the
 * bot's modules load, then starts the bot (main.ts). With the cache, a start after the first one
 * reads the compiled code of the bot and its SDKs instead of compiling it again (about 90 ms less
 * in server mode on this machine). The cache lives in dist/, is checked against each file's
 * content by Node.js itself, and can be deleted at any time.
 */
import module from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

// dist/src/start.js → dist/.compile-cache
module.enableCompileCache?.(join(fileURLToPath(new URL("..", import.meta.url)), ".compile-cache"));
await import("./main.ts");
