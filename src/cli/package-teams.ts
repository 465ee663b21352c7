/**
 * `npm run package:teams`: builds the Teams app package (manifest.json with the bot's client ID,
 * color.png, outline.png) as dist/wegwijzer-teams.zip, after validating it against the official schema.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { readTeamsManifest, TEAMS_MANIFEST_DIR, validateTeamsManifest } from "./teams-manifest.ts";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

async function main(): Promise<number> {
  const clientId = process.env.TEAMS_CLIENT_ID?.trim();
  if (!clientId || !GUID.test(clientId)) {
    console.error(
      "package:teams needs TEAMS_CLIENT_ID: the Application (client) ID of the bot's Entra app registration, a GUID.",
    );
    return 2;
  }
  const manifest = readTeamsManifest();
  manifest.bots[0]!.botId = clientId;
  // the message extension (the handbook in the compose box) is served by the same bot
  for (const extension of manifest.composeExtensions ?? []) extension.botId = clientId;
  // resource-specific consent (ChannelMessage.Read.Group) is granted to the bot's own Entra app
  if (manifest.webApplicationInfo) manifest.webApplicationInfo.id = clientId;
  if (process.env.TEAMS_APP_VERSION) manifest.version = process.env.TEAMS_APP_VERSION;
  const problems = await validateTeamsManifest(manifest);
  if (problems.length) {
    console.error(`manifest is not valid:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    return 1;
  }
  const zip = zipSync({
    "manifest.json": strToU8(`${JSON.stringify(manifest, null, 2)}\n`),
    "color.png": readFileSync(join(TEAMS_MANIFEST_DIR, "color.png")),
    "outline.png": readFileSync(join(TEAMS_MANIFEST_DIR, "outline.png")),
  });
  const out = process.argv[2] ?? "dist/wegwijzer-teams.zip";
  mkdirSync(join(out, ".."), { recursive: true });
  writeFileSync(out, zip);
  console.log(`wrote ${out} (${zip.length} bytes): upload it in Teams under Apps > Manage your apps > Upload an app.`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`package:teams failed: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
