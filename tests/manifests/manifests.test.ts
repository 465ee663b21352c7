import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readTeamsManifest, TEAMS_MANIFEST_DIR, validateTeamsManifest } from "../../src/cli/teams-manifest.ts";
import { SLACK_SHORTCUTS } from "../../src/surfaces/slack/shortcuts.ts";
import { TEAMS_SEARCH_COMMAND, TEAMS_SEARCH_PARAMETER } from "../../src/surfaces/teams/message-extension.ts";

/** Width, height and RGBA pixels of an 8-bit RGBA PNG (the icons are written that way). */
function readPng(file: string): { width: number; height: number; alpha: number[] } {
  const data = readFileSync(file);
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  expect(data[25]).toBe(6); // colour type RGBA
  const idat: Buffer[] = [];
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset);
    if (data.toString("ascii", offset + 4, offset + 8) === "IDAT")
      idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const alpha: number[] = [];
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0); // filter: none
    for (let x = 0; x < width; x++) alpha.push(raw[y * (width * 4 + 1) + 1 + x * 4 + 3]!);
  }
  return { width, height, alpha };
}

describe("Teams manifest", () => {
  it("is valid against Microsoft's official schema of its version", async () => {
    expect(await validateTeamsManifest(readTeamsManifest())).toEqual([]);
  });

  it("would report an invalid manifest", async () => {
    const broken = { ...readTeamsManifest(), name: undefined, accentColor: "blue" };
    expect((await validateTeamsManifest(broken)).length).toBeGreaterThan(0);
  });

  it("lists the bot's commands for every scope it serves", () => {
    const bot = readTeamsManifest().bots[0] as unknown as {
      scopes: string[];
      commandLists: Array<{ commands: Array<{ title: string }> }>;
    };
    expect(bot.scopes).toEqual(["personal", "team", "groupChat"]);
    expect(bot.commandLists[0]!.commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(["help", "les", "abonneer"]),
    );
  });

  it("asks for resource-specific consent to read channel messages, for replies in a regio thread", async () => {
    const manifest = readTeamsManifest();
    expect(manifest.authorization?.permissions?.resourceSpecific).toEqual([
      { name: "ChannelMessage.Read.Group", type: "Application" },
    ]);
    // RSC is granted to the app registration the manifest names: the bot's own
    expect(manifest.webApplicationInfo?.id).toBe(manifest.bots[0]!.botId);
    // the schema of the manifest's version knows the permission block (a misspelt key is refused)
    const misspelt = { ...manifest, authorization: { permissions: { resourceSpecifc: [] } } };
    expect(await validateTeamsManifest(misspelt)).not.toEqual([]);
  });

  it("offers the handbook in the compose box: a search-based message extension served by the bot", () => {
    const manifest = readTeamsManifest() as unknown as {
      bots: Array<{ botId: string }>;
      composeExtensions: Array<{
        botId: string;
        commands: Array<{ id: string; type: string; context: string[]; parameters: Array<{ name: string }> }>;
      }>;
    };
    const [extension] = manifest.composeExtensions;
    expect(extension!.botId).toBe(manifest.bots[0]!.botId);
    expect(extension!.commands).toHaveLength(1);
    expect(extension!.commands[0]).toMatchObject({
      id: TEAMS_SEARCH_COMMAND,
      type: "query",
      context: expect.arrayContaining(["compose"]),
    });
    expect(extension!.commands[0]!.parameters.map((p) => p.name)).toEqual([TEAMS_SEARCH_PARAMETER]);
  });

  it("has a 192×192 colour icon and a 32×32 outline icon on a transparent background", () => {
    const color = readPng(join(TEAMS_MANIFEST_DIR, "color.png"));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(join(TEAMS_MANIFEST_DIR, "outline.png"));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.alpha.filter((a) => a === 0).length).toBeGreaterThan(outline.alpha.length / 2);
  });

  it("packages into a zip with the bot's client ID", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "teams-")), "app.zip");
    execFileSync("npx", ["tsx", "src/cli/package-teams.ts", out], {
      env: { ...process.env, TEAMS_CLIENT_ID: "11111111-2222-3333-4444-555555555555" },
      stdio: "pipe",
    });
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
    const manifest = JSON.parse(strFromU8(files["manifest.json"]!)) as {
      bots: Array<{ botId: string }>;
      composeExtensions: Array<{ botId: string }>;
      webApplicationInfo: { id: string };
    };
    expect(manifest.bots[0]!.botId).toBe("11111111-2222-3333-4444-555555555555");
    expect(manifest.composeExtensions[0]!.botId).toBe("11111111-2222-3333-4444-555555555555");
    expect(manifest.webApplicationInfo.id).toBe("11111111-2222-3333-4444-555555555555");
    expect(await validateTeamsManifest(manifest as never)).toEqual([]);
  });
});

describe("Slack manifest", () => {
  const manifest = parse(readFileSync("manifests/slack/manifest.yml", "utf8")) as {
    features: {
      slash_commands: Array<{ command: string; url: string }>;
      app_home: { home_tab_enabled: boolean };
      shortcuts: Array<{ name: string; type: string; callback_id: string; description: string }>;
    };
    oauth_config: { scopes: { bot: string[] } };
    settings: {
      event_subscriptions: { request_url: string; bot_events: string[] };
      interactivity: { is_enabled: boolean; request_url: string };
    };
  };

  it("asks only for the scopes the bot uses, and subscribes to the events it handles", () => {
    expect(manifest.oauth_config.scopes.bot.sort()).toEqual([
      "app_mentions:read",
      "channels:history",
      "channels:read",
      "chat:write",
      "commands",
      "groups:history",
      "groups:read",
      "im:history",
    ]);
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "member_joined_channel",
      "message.channels",
      "message.groups",
      "message.im",
    ]);
    expect(manifest.features.slash_commands[0]!.command).toBe("/wegwijzer");
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    // "Zoek in de Wegwijzer": a global and a message shortcut, with the callback IDs the bot handles
    expect(manifest.features.shortcuts.map((s) => [s.type, s.callback_id])).toEqual([
      ["global", SLACK_SHORTCUTS.global],
      ["message", SLACK_SHORTCUTS.message],
    ]);
    for (const shortcut of manifest.features.shortcuts) {
      expect(shortcut.name).toBe("Zoek in de Wegwijzer");
      expect(shortcut.description.length).toBeLessThanOrEqual(80);
    }
    for (const url of [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      manifest.features.slash_commands[0]!.url,
    ]) {
      expect(url).toMatch(/\/slack\/events$/);
    }
  });
});

describe("Teams manifest for a Dutch app", () => {
  it("declares Dutch and offers each command only where it works", () => {
    const manifest = JSON.parse(readFileSync(join(TEAMS_MANIFEST_DIR, "manifest.json"), "utf8")) as {
      localizationInfo?: { defaultLanguageTag?: string };
      bots: { commandLists: { scopes: string[]; commands: { title: string }[] }[] }[];
    };
    expect(manifest.localizationInfo?.defaultLanguageTag).toBe("nl-nl");
    for (const list of manifest.bots[0]!.commandLists) {
      const titles = list.commands.map((c) => c.title);
      // The leeragenda lives in a private chat ("in een privégesprek"): not offered in teams or group chats.
      if (list.scopes.some((s) => s !== "personal")) expect(titles).not.toContain("leeragenda");
    }
  });
});
