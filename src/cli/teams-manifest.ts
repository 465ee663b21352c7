import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type AppManifest, AppManifestUtils } from "@microsoft/app-manifest";
import { PROJECT_ROOT } from "../knowledge/location.ts";

export const TEAMS_MANIFEST_DIR = join(PROJECT_ROOT, "manifests", "teams");

export function readTeamsManifest(): Record<string, unknown> & {
  manifestVersion: string;
  bots: Array<{ botId: string }>;
  composeExtensions?: Array<{ botId: string }>;
  webApplicationInfo?: { id: string; resource?: string };
  authorization?: { permissions?: { resourceSpecific?: Array<{ name: string; type: string }> } };
} {
  return JSON.parse(readFileSync(join(TEAMS_MANIFEST_DIR, "manifest.json"), "utf8"));
}

/**
 * Validates a manifest with Microsoft's own validator (`@microsoft/app-manifest`) against the official
 * schema of its version, read from the package: no network.
 */
export async function validateTeamsManifest(manifest: { manifestVersion: string }): Promise<string[]> {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve(
    `@microsoft/app-manifest/build/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`,
  );
  const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}
