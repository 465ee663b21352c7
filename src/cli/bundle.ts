/**
 * The last step of `npm run build`: bundles the compiled bot (dist/src/start.js and everything it
 * imports) with esbuild into dist/bundle/, which `npm start` runs. A process that loads a few
 * files instead of some six hundred modules (Kysely alone is 288 files, zod 99) starts sooner and
 * holds less memory: each module keeps its source text, its module record and its scope.
 *
 * The terminal chat, the server and each platform's surface are chunks of their own, loaded when
 * used (the server imports only the configured platform's). The platform SDKs are bundled into
 * their surface's chunk: Node.js's CommonJS loader resolving, reading and wrapping some 840 files of
 * @microsoft/teams.* and @slack/* (express, axios, jsonwebtoken…) cost more than the code itself
 * (`npm run bench:start`: /readyz 200 in server mode after 757 against 1,005 ms, 115 against 125 MB
 * resident). Left out of the bundle and loaded from node_modules as before: native and optional
 * modules (better-sqlite3, pg) and pino (its transports load files by path).
 *
 * The index snapshot (dist/brain-index.json) names the code that built it: in the bundle the
 * search and knowledge modules are not files of their own, so the bundle carries their hash.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { indexCodeHash } from "../app/brain-snapshot.ts";
import { PROJECT_ROOT } from "../knowledge/location.ts";

const BUNDLE_DIR = join(PROJECT_ROOT, "dist", "bundle");

const EXTERNAL = ["better-sqlite3", "pg", "pino"];

rmSync(BUNDLE_DIR, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(PROJECT_ROOT, "dist", "src", "start.js")],
  outdir: BUNDLE_DIR,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node22",
  outExtension: { ".js": ".mjs" },
  chunkNames: "[name]-[hash]",
  external: EXTERNAL,
  // CommonJS packages in the bundle (luxon, express's dependencies) call require().
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
  },
  define: { WEGWIJZER_INDEX_CODE_HASH: JSON.stringify(indexCodeHash()) },
  // Maps for an operator who turns them on (NODE_OPTIONS=--enable-source-maps, see the README); off
  // by default, since Node.js then parses every map at load (25 MB more memory). Without them a stack
  // trace still names the function (identifiers are kept), with a place in the bundle.
  sourcemap: true,
  sourcesContent: false,
  legalComments: "linked",
  logLevel: "warning",
  metafile: true,
  // Without comments and indentation, and with non-ASCII characters escaped (esbuild's default
  // charset), every chunk's source is a one-byte string: Node.js keeps each module's source in the
  // heap, and one "é" in a comment made a whole chunk two bytes a character (3.4 MB for the three
  // chunks the terminal chat loads, 1.2 MB now). Regular expression literals stay as written: write a
  // non-ASCII character in one as an escape (tests/app/bundle.test.ts checks).
  minifyWhitespace: true,
});
const files = Object.keys(result.metafile.outputs).filter((file) => file.endsWith(".mjs"));
const inputs = Object.keys(result.metafile.inputs).length;
console.error(`bundle: ${inputs} modules in ${files.length} files in dist/bundle/`);
