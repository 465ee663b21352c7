import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import AjvModule from "ajv-draft-04";
import addFormatsModule from "ajv-formats";

// Both packages are CommonJS with a default export; under NodeNext it sits on `.default`.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule.default }).default ?? addFormatsModule;

export const TEAMS_MANIFEST_DIR = new URL("../../manifests/teams/", import.meta.url).pathname;

export function readTeamsManifest(): Record<string, unknown> & { manifestVersion: string; bots: Array<{ botId: string }> } {
  return JSON.parse(readFileSync(join(TEAMS_MANIFEST_DIR, "manifest.json"), "utf8"));
}

/** Validates a manifest against Microsoft's official schema of its version (from @microsoft/app-manifest). */
export function validateTeamsManifest(manifest: { manifestVersion: string }): string[] {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
  const schema = JSON.parse(readFileSync(schemaPath, "utf8")) as object;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv as never);
  const validate = ajv.compile(schema);
  return validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`);
}
