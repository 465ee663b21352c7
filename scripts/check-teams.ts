/**
 * `npm run check:teams`: the Teams cards as Microsoft's own client renders them. Starts the bot
 * (unauthenticated, loopback only) and Microsoft 365 Agents Playground, drives the playground with
 * Debian's headless Chromium through playwright-core (no browser download; every request to a
 * non-loopback host blocked) and asserts on the rendered page: expected text, no visible escape
 * characters, one line per list item, no clipped button, no empty notice after a click.
 * Screenshots go to check-output/teams/ (git-ignored); on failure always.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type Locator, type Page } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../tests/helpers/chromium.ts";
import { freePort } from "../src/cli/free-port.ts";

const ROOT = resolve(import.meta.dirname, "..");
const OUT = join(ROOT, "check-output", "teams");
const STEP_MS = 60_000;
/** The bot's name in the playground (its default; the mention picker lists it under this name). */
const BOT_NAME = "Test Bot";
/** The playground's signed-in user, who sends every message. */
const USER_NAME = "Alex Wilber";
/** Her Microsoft Entra object ID in the playground's mock tenant (its default). */
const USER_AAD_ID = "00000000-0000-0000-0000-0000000000020";
/** The message extension's search command, as the manifest declares it (the playground does not read the manifest). */
const SEARCH_COMMAND = (
  JSON.parse(readFileSync(join(ROOT, "manifests", "teams", "manifest.json"), "utf8")) as {
    composeExtensions: Array<{ commands: Array<{ id: string; parameters: Array<{ name: string }> }> }>;
  }
).composeExtensions[0]!.commands[0]!;
/** The question asked of the region; the same text must come back in the preview and in the channel. */
const REGION_QUESTION = "hoe houd ik de relatie met de griffier goed als de raad en het college botsen?";
const REGION_REPLY = "Bij ons helpt een vast tweewekelijks overleg met de griffier en de burgemeester.";

/**
 * The playground's mock tenant: its default (users, group chat, team "My Team" with General and
 * Announcements), except that the signed-in user's Teams user ID is her Entra object ID. The bot
 * asks the roster for a member by the Entra object ID (`from.aadObjectId`), which Teams accepts
 * ("Teams user ID, UPN, or Microsoft Entra Object ID"); the playground's roster
 * (`GET /v3/conversations/{id}/members/{userId}`) finds a member by the Teams user ID only and
 * answers 404 MemberNotFoundInConversation to the object ID ("user-id-0" in its default).
 */
function playgroundConfig(): string {
  const user = (n: number, id: string, name: string, upn: string) => {
    const [given, surname] = name.split(" ");
    const aad = n === 0 ? USER_AAD_ID : `00000000-0000-0000-0000-00000000000${20 + n}`;
    return [
      `  id: ${id === "aad" ? aad : id}`,
      `  name: ${name}`,
      `  userPrincipleName: ${upn}`,
      `  aadObjectId: ${aad}`,
      `  givenName: ${given}`,
      `  surname: ${surname}`,
      `  email: ${upn}`,
    ];
  };
  const others = [
    ["Megan Bowen", "meganb@example.com"],
    ["Adele Vance", "adelev@example.com"],
    ["Isaiah Langer", "isaiahl@example.com"],
    ["Patti Fernandez", "pattif@example.com"],
    ["Lynne Robbins", "lynner@example.com"],
  ] as const;
  return [
    'version: "0.1.1"',
    "tenantId: 00000000-0000-0000-0000-0000000000001",
    "bot:",
    "  id: 00000000-0000-0000-0000-00000000000011",
    `  name: ${BOT_NAME}`,
    "currentUser:",
    ...user(0, "aad", USER_NAME, "alexw@example.com"),
    "users:",
    ...others.flatMap(([name, upn], i) => {
      const [first, ...rest] = user(i + 1, `user-id-${i + 1}`, name, upn);
      return [`  - ${first!.trim()}`, ...rest.map((l) => `  ${l}`)];
    }),
    "personalChat:",
    `  id: ${randomUUID()}`,
    "groupChat:",
    `  id: ${randomUUID()}`,
    "  name: Group Chat",
    "team:",
    "  id: team-id",
    "  name: My Team",
    "  aadGroupId: 00000000-0000-0000-0000-000000000031",
    "  channels:",
    "    - id: channel-announcements-id",
    "      name: Announcements",
    "",
  ].join("\n");
}

const children: ChildProcess[] = [];
function start(
  name: string,
  command: string,
  args: string[],
  env: Record<string, string>,
): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  child.on("exit", (code) => {
    if (code && !stopping) console.error(`check:teams: ${name} exited with ${code}\n${output.slice(-3000)}`);
  });
  children.push(child);
  return { child, output: () => output };
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = STEP_MS): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

let stopping = false;
const failures: string[] = [];
let shot = 0;

async function screenshot(page: Page, name: string): Promise<string> {
  const path = join(OUT, `${String(++shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path });
  return path;
}

function check(condition: boolean, message: string): void {
  if (!condition) failures.push(message);
}

/** Everything a card must be, whatever it says. */
async function checkCard(card: Locator, label: string): Promise<void> {
  const text = await card.innerText();
  for (const [mark, name] of [
    ["\\", "backslash"],
    ["`", "backtick"],
    ["**", "double asterisk"],
    ["&amp;", "HTML entity"],
    ["&lt;", "HTML entity"],
    ["\u0002", "announcer mark"],
  ] as const) {
    check(
      !text.includes(mark),
      `${label}: visible ${name} in ${JSON.stringify(text.slice(Math.max(0, text.indexOf(mark) - 40), text.indexOf(mark) + 40))}`,
    );
  }
  // Markdown emphasis the client did not render: "_Om mee te beginnen:_" shown with its underscores.
  const underscored = /(^|[\s("])_[^_\s][^_\n]*?[^_\s]_(?=$|[\s.,:;!?)"])/m.exec(text);
  check(!underscored, `${label}: visible underscore emphasis in ${JSON.stringify(underscored?.[0].trim())}`);
  const clipped = await card.locator("button, [role=button]").evaluateAll((buttons) =>
    buttons
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .flatMap((b) => [b, ...b.querySelectorAll("*")])
      .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
      .map((e) => (e as HTMLElement).innerText),
  );
  check(clipped.length === 0, `${label}: clipped button(s): ${clipped.join(" | ")}`);
  const width = await card.evaluate((c) => [c.scrollWidth, c.clientWidth]);
  check(width[0]! <= width[1]! + 1, `${label}: card content wider than the card (${width[0]} > ${width[1]})`);
}

const EDITOR = '[role="textbox"][data-lexical-editor]';

/** The text of a card's first follow-up row (without its "›"), or "" when it has none. */
async function firstFollowUp(card: Locator, rows: string): Promise<string> {
  const text = await card
    .locator(rows)
    .first()
    .innerText()
    .catch(() => "");
  return text.replace(/^›\s*/, "").trim();
}

class Chat {
  constructor(
    readonly page: Page,
    readonly name: string,
    /**
     * In a channel: text of the post to reply in. Not a new post per message: the playground's
     * client drops a bot reply that arrives before it has registered the new post ("Saga error:
     * Invalid conversation id team-id;messageid=…") and then shows no further bot message at all.
     */
    readonly thread?: string,
  ) {}

  /** The post this chat replies in, or the whole page. */
  scope(): Locator {
    if (!this.thread) return this.page.locator("body");
    return this.page
      .getByRole("group")
      .filter({ hasText: this.thread })
      .filter({ has: this.page.locator(EDITOR) });
  }

  cards(): Locator {
    return this.scope().locator(".ac-adaptiveCard");
  }

  async open(title: string): Promise<void> {
    await this.page.getByText(title, { exact: true }).first().click();
    await this.page.waitForTimeout(500);
  }

  /** Types a message (after an @mention of the bot, picked in the mention picker, if `mention`) and waits for the bot's card that contains `expect`. */
  async say(text: string, expect: string | RegExp, shotName?: string, mention = false): Promise<Locator> {
    const before = await this.cards().count();
    if (mention) await this.mention();
    else await this.scope().locator(EDITOR).click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Enter");
    return this.waitCard(before, expect, `"${text}"`, shotName);
  }

  /** Starts a message in this chat's compose box with an @mention of the bot, picked in the mention picker. */
  async mention(): Promise<void> {
    const input = this.scope().locator(EDITOR);
    await input.click();
    // In group chats and channels the bot reads only messages that mention it. As a user would:
    // type "@", wait for the picker (it searches the members half a second after each keystroke)
    // and click the bot in it; the editor then holds a mention node, which the playground sends
    // as `<at>Test Bot</at>` with a mention entity. Hovering and pressing Enter does not select
    // (Enter goes to the editor and sends the bare "@"); a click, or ArrowDown and then Enter, does.
    await this.page.keyboard.type("@");
    const option = this.page
      .getByRole("menuitem")
      .filter({ has: this.page.getByText(BOT_NAME, { exact: true }) })
      .first();
    await option.waitFor({ timeout: 10_000 });
    await option.click();
    await input
      .locator(".mention", { hasText: BOT_NAME })
      .waitFor({ timeout: 10_000 })
      .catch(async (e) => {
        await screenshot(this.page, `mention-${this.name}`);
        throw new Error(`${this.name}: the mention picker did not insert a mention of ${BOT_NAME}: ${e}`);
      });
    await this.page.keyboard.type(" ");
  }

  async waitCard(before: number, expect: string | RegExp, label: string, shotName?: string): Promise<Locator> {
    await until(
      `${this.name}: a card after ${label}`,
      async () => (await this.cards().count()) > before || undefined,
      30_000,
    ).catch(async (e) => {
      await screenshot(this.page, `timeout-${this.name}`);
      throw e;
    });
    const card = this.cards().last();
    await card.scrollIntoViewIfNeeded();
    const text = await card.innerText();
    const found = typeof expect === "string" ? text.includes(expect) : expect.test(text);
    check(found, `${this.name} ${label}: expected ${expect} in ${JSON.stringify(text.slice(0, 300))}`);
    await checkCard(card, `${this.name} ${label}`);
    if (shotName) await card.screenshot({ path: join(OUT, `${shotName}.png`) });
    return card;
  }

  /** Clicks a button or row in a card; checks that the client shows no empty notice and returns the updated card's text. */
  async click(card: Locator, label: string | RegExp): Promise<string> {
    const target = card.getByText(label, { exact: typeof label === "string" }).first();
    await target.scrollIntoViewIfNeeded();
    await target.click();
    await this.page.waitForTimeout(1500);
    await this.checkNoEmptyNotice(`click ${label}`);
    return card.innerText().catch(() => "");
  }

  async checkNoEmptyNotice(label: string): Promise<void> {
    const notices = await this.page
      .locator("[role=alert], [role=status], .fui-MessageBar")
      .evaluateAll((els) =>
        els.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => (e as HTMLElement).innerText.trim()),
      );
    check(!notices.includes(""), `${this.name} ${label}: an empty notice is shown`);
  }
}

/**
 * The search-based message extension in the group chat's compose box, as a user opens it: the
 * compose box's "+" (Trigger Message Extension App), "Search Command", then a search term. The
 * playground does not read the manifest, so its panel asks for the command ID and the parameter
 * name (taken from manifests/teams/manifest.json). It sends `composeExtension/query` per keystroke
 * and lists each result's preview (title and passage); choosing one puts the result's card into
 * the compose box (the playground sends no `composeExtension/selectItem`: it supports no tap
 * action, and the bot's previews have none), and Send posts it into the chat.
 */
async function messageExtension(group: Chat): Promise<void> {
  const { page } = group;
  const label = "message extension";
  await page.getByRole("button", { name: "Trigger Message Extension App" }).click();
  await page.getByRole("menuitem", { name: "Search Command" }).click();
  const panel = page
    .getByText("Search-Based Message Extension", { exact: true })
    .locator("xpath=ancestor::div[.//input[@placeholder='Enter a search term']][1]");
  await panel.waitFor({ timeout: 15_000 });
  await panel.getByText("Specify Command ID or Parameter").click();
  await panel.getByPlaceholder("Command ID").fill(SEARCH_COMMAND.id);
  await panel.getByPlaceholder("Parameter name").fill(SEARCH_COMMAND.parameters[0]!.name);
  await panel.getByPlaceholder("Enter a search term").click();
  await page.keyboard.type("wethouder en griffier");
  const results = panel.locator("h1");
  // One query per keystroke; the list settles on the answer to the whole term.
  await until(
    `${label}: results for "wethouder en griffier"`,
    async () => ((await panel.innerText()).includes("griffier") && (await results.count()) > 0 ? true : undefined),
    30_000,
  ).catch(async (e) => {
    await screenshot(page, "timeout-message-extension");
    throw e;
  });
  await page.waitForTimeout(1500);
  const entries = await results.evaluateAll((titles) =>
    titles.map((t) => ({
      title: (t as HTMLElement).innerText.trim(),
      passage: (t.parentElement?.querySelector("span") as HTMLElement | null)?.innerText.trim() ?? "",
    })),
  );
  check(entries.length >= 2, `${label}: ${entries.length} result(s) listed, expected several themes`);
  const notThemes = entries.filter((e) => !/^thema \d+: \S/.test(e.title) || e.passage.length < 20);
  check(notThemes.length === 0, `${label}: results without a theme title and passage: ${JSON.stringify(notThemes)}`);
  check(
    entries.some((e) => /griffier/i.test(`${e.title} ${e.passage}`)),
    `${label}: no result about the griffier: ${JSON.stringify(entries.map((e) => e.title))}`,
  );
  await checkCard(panel, `${label} results`);
  // The command ID and parameter name folded away again, the panel shows the results.
  await panel.getByText("Specify Command ID or Parameter").click();
  await page.waitForTimeout(500);
  await panel.screenshot({ path: join(OUT, "message-extension.png") });

  const chosen = entries.find((e) => /griffier/i.test(e.title)) ?? entries[0]!;
  const themeTitle = chosen.title.replace(/^thema \d+: /, "");
  await results.filter({ hasText: chosen.title }).first().click();
  const inserted = page.locator(EDITOR).locator(".ac-adaptiveCard");
  await inserted.first().waitFor({ timeout: 15_000 });
  const insertedText = await inserted.first().innerText();
  check(
    insertedText.includes(themeTitle) && /Bron: Wegwijzer/.test(insertedText),
    `${label}: the card in the compose box is not "${chosen.title}" with its source: ${JSON.stringify(insertedText.slice(0, 300))}`,
  );
  await checkCard(inserted.first(), `${label} card in the compose box`);
  await screenshot(page, "message-extension-inserted");

  const sentBefore = await group.cards().count();
  await page.getByRole("button", { name: "Send Message" }).click();
  const sent = page.locator(`.ac-adaptiveCard:not(${EDITOR} .ac-adaptiveCard)`).filter({ hasText: themeTitle });
  await until(
    `${label}: the chosen card in the chat`,
    async () =>
      ((await page.locator(EDITOR).locator(".ac-adaptiveCard").count()) === 0 && (await sent.count()) > 0) || undefined,
    15_000,
  );
  const card = sent.last();
  await card.scrollIntoViewIfNeeded();
  const text = await card.innerText();
  check(
    text.includes(chosen.passage.replace(/…$/, "").slice(0, 40)) && text.includes("Bron: Wegwijzer"),
    `${label}: the posted card lacks the passage or the source: ${JSON.stringify(text.slice(0, 300))}`,
  );
  await checkCard(card, `${label} posted card`);
  // Not mentioned, the bot stays out of it: nothing but the shared card is added to the chat.
  await page.waitForTimeout(5000);
  const added = (await group.cards().count()) - sentBefore;
  check(added === 0, `${label}: ${added} card(s) besides the shared one appeared in the group chat`);
  await screenshot(page, "message-extension-sent");
}

/** The card in view that contains `text`, once it is there. */
async function cardWith(chat: Chat, text: string, label: string): Promise<Locator> {
  const card = chat.cards().filter({ hasText: text }).last();
  await card.waitFor({ timeout: 30_000 }).catch(async (e) => {
    await screenshot(chat.page, `timeout-${label.replace(/\W+/g, "-")}`);
    throw new Error(`${chat.name}: no card with ${JSON.stringify(text)} (${label}): ${(e as Error).message}`);
  });
  await card.scrollIntoViewIfNeeded();
  await checkCard(card, `${chat.name} ${label}`);
  return card;
}

/**
 * "Vraag het de regio": `regio koppel Regio Twente` in the channel (confirmed in the thread and
 * announced in a new post); in the personal chat an answer offers "Vraag het je regio" (the bot
 * counts her a member since she linked the channel; it keeps that for ten minutes), the preview
 * shows the exact text, anonymous by default; "Plaats anoniem" asks the team's roster again
 * (`GET /v3/conversations/team-id/members/{Entra object ID}`) and posts a new thread in the
 * channel, and a reply in that thread comes back in the personal chat.
 */
async function askTheRegion(chat: Chat, channel: Chat): Promise<void> {
  const { page } = chat;
  const linked = "Dit kanaal is nu het kanaal van Regio Twente";
  await channel.say("regio koppel Regio Twente", linked, undefined, true);
  // Like a subscription, the link is announced in a new post of the bot's.
  const announcement = page
    .getByRole("group")
    .filter({ hasText: linked })
    .filter({ hasNotText: "Welkom bij Wegwijzer" });
  await until(
    "regio: the announcement of the link",
    async () => ((await announcement.count()) > 0 ? true : undefined),
    15_000,
  ).catch(() => undefined);
  check(
    (await announcement.count()) > 0,
    `channel: "regio koppel" is not announced in a new post (the bot's announcement did not arrive in the client)`,
  );

  await chat.open("Personal Chat");
  const answer = await chat.say(REGION_QUESTION, "Bron:");
  const offer = answer.getByText("Vraag het je regio", { exact: true });
  check((await offer.count()) > 0, `regio: the answer in the personal chat does not offer "Vraag het je regio"`);
  if ((await offer.count()) === 0) return;
  const before = await chat.cards().count();
  await chat.click(answer, "Vraag het je regio");
  const preview = await chat.waitCard(
    before,
    "Dit plaats ik als nieuwe draad in het kanaal van Regio Twente",
    "regio preview",
    "regio-preview",
  );
  const previewText = await preview.innerText();
  check(
    previewText.includes(`Een collega uit de regio vraagt: ${REGION_QUESTION}`),
    `regio preview: the exact question is not shown as it will be posted: ${JSON.stringify(previewText.slice(0, 400))}`,
  );
  check(
    previewText.includes("Standaard plaats ik je vraag anoniem") && !previewText.includes(USER_NAME),
    `regio preview: not anonymous by default: ${JSON.stringify(previewText.slice(0, 400))}`,
  );
  for (const button of ["Plaats anoniem", "Plaats met mijn naam", "Niet plaatsen"])
    check(previewText.includes(button), `regio preview: no "${button}" button`);
  const postedBefore = await chat.cards().count();
  await chat.click(preview, "Plaats anoniem");
  const posted = await chat.waitCard(postedBefore, "in het kanaal van Regio Twente", "Plaats anoniem");
  const postedText = await posted.innerText();
  check(
    postedText.includes("Je vraag staat anoniem in het kanaal van Regio Twente"),
    `regio: "Plaats anoniem" did not post: ${JSON.stringify(postedText.slice(0, 300))}`,
  );
  await screenshot(page, "regio-posted");
  if (!postedText.includes("Je vraag staat anoniem")) return;

  // The question is a new post of the bot's in the channel, not a reply in the thread she linked it from.
  const lead = "Een collega uit de regio vraagt:";
  await channel.open("General");
  const post = page
    .getByRole("group")
    .filter({ hasText: lead })
    .filter({ has: page.locator(EDITOR) });
  await until(
    "regio: the question in the channel",
    async () => ((await post.count()) > 0 ? true : undefined),
    30_000,
  ).catch(async (e) => {
    await screenshot(page, "timeout-regio-channel");
    throw e;
  });
  const postCard = post.first().locator(".ac-adaptiveCard").first();
  await postCard.scrollIntoViewIfNeeded();
  const postText = await postCard.innerText();
  check(
    postText.includes(`${lead} ${REGION_QUESTION}`),
    `regio channel post: the question is not the text she confirmed: ${JSON.stringify(postText.slice(0, 400))}`,
  );
  check(
    /Om mee te beginnen, uit het handboek van de gemeentesecretaris:\s*thema \d+: /.test(postText),
    `regio channel post: no handbook themes: ${JSON.stringify(postText.slice(0, 400))}`,
  );
  check(!postText.includes(USER_NAME), "regio channel post: the anonymous question names her");
  check(
    !(await post.first().innerText()).includes("Welkom bij Wegwijzer"),
    "regio: the question was posted in the thread of the welcome post, not as a new post",
  );
  await checkCard(postCard, "regio channel post");
  await post.first().screenshot({ path: join(OUT, "regio-channel-post.png") });

  // A reply in that thread goes to the asker's personal chat. In Teams, with the resource-specific
  // consent, the bot gets every reply in the thread; the playground passes a channel message to
  // the bot only when it mentions the bot (as Teams does without that consent), so the reply
  // mentions it. The one signed-in user of the playground is asker and colleague at once.
  const thread = new Chat(page, "regio thread", lead);
  const replyBefore = await thread.cards().count();
  await thread.mention();
  await page.keyboard.type(REGION_REPLY);
  await page.keyboard.press("Enter");
  await until(
    "regio: the reply in the thread",
    async () => ((await thread.scope().innerText()).includes(REGION_REPLY) ? true : undefined),
    15_000,
  );
  await page.waitForTimeout(3000);
  await screenshot(page, "regio-thread-reply");
  check(
    (await thread.cards().count()) === replyBefore,
    "regio thread: the bot answered the reply in the channel instead of only passing it on",
  );
  await chat.open("Personal Chat");
  const forwarded = await cardWith(chat, "Antwoord uit Regio Twente", "forwarded reply");
  const forwardedText = await forwarded.innerText();
  check(
    forwardedText.includes(`van ${USER_NAME} op je vraag`) && forwardedText.includes(REGION_REPLY),
    `regio: the forwarded reply does not name who replied or lacks the reply: ${JSON.stringify(forwardedText.slice(0, 300))}`,
  );
  check(!forwardedText.includes(BOT_NAME), `regio: the forwarded reply still holds the mention of ${BOT_NAME}`);
  await forwarded.screenshot({ path: join(OUT, "regio-reply-forwarded.png") });
  await screenshot(page, "regio-forwarded");
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), "wegwijzer-check-"));
  const [botPort, playgroundPort] = [await freePort(), await freePort()];

  const bot = start("bot", process.execPath, ["--import", "tsx", "src/main.ts"], {
    TEAMS_ALLOW_UNAUTHENTICATED: "1",
    HOST: "127.0.0.1",
    PORT: String(botPort),
    DATABASE_URL: join(work, "check.sqlite"),
    LOG_LEVEL: "warn",
    SLACK_BOT_TOKEN: "",
    SLACK_SIGNING_SECRET: "",
    SLACK_APP_TOKEN: "",
    TEAMS_CLIENT_ID: "",
    TEAMS_CLIENT_SECRET: "",
  });
  await until(
    "the bot's /readyz",
    async () => (await fetch(`http://127.0.0.1:${botPort}/readyz`).catch(() => undefined))?.ok || undefined,
  );

  const cli = join(ROOT, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
  const config = join(work, ".m365agentsplayground.yml");
  writeFileSync(config, playgroundConfig());
  const playground = start(
    "playground",
    process.execPath,
    [
      cli,
      "start",
      "-e",
      `http://127.0.0.1:${botPort}/api/messages`,
      "-c",
      "msteams",
      "-p",
      String(playgroundPort),
      "--disable-telemetry",
    ],
    {
      TEAMSAPPTESTER_BROWSER: "none",
      TEAMSFX_TELEMETRY_TESTING: "0",
      NO_UPDATE_NOTIFIER: "1",
      M365_AGENTS_PLAYGROUND_CONFIG_PATH: config,
    },
  );
  await until("the playground", () =>
    playground.output().includes(`Listening on ${playgroundPort}`) ? true : undefined,
  );
  // The roster call the bot makes for "vraag het de regio", for the signed-in user in the team.
  const roster = await fetch(
    `http://127.0.0.1:${playgroundPort}/_connector/v3/conversations/team-id/members/${USER_AAD_ID}`,
  ).catch(() => undefined);
  check(
    roster?.ok === true,
    `the playground's roster does not find ${USER_NAME} by her Entra object ID (${roster?.status ?? "no answer"}); "vraag het de regio" cannot post`,
  );

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const blocked = new Set<string>();
  const context = await browser.newContext({ viewport: { width: 1280, height: 1800 }, serviceWorkers: "block" });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (
      ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname) ||
      url.protocol === "data:" ||
      url.protocol === "blob:"
    )
      return route.continue();
    blocked.add(url.hostname);
    return route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load|net::ERR_FAILED/.test(m.text()))
      pageErrors.push(`console: ${m.text()}`);
  });
  try {
    await page.goto(`http://127.0.0.1:${playgroundPort}/`);
    const chat = new Chat(page, "personal chat");
    await chat.waitCard(0, "Welkom bij Wegwijzer", "welcome");
    const welcome = chat.cards().last();
    const paragraphs = await welcome.locator(".ac-textBlock").count();
    check(paragraphs >= 6, `welcome: ${paragraphs} text blocks, expected the welcome and each help line on its own`);
    await screenshot(page, "welcome");

    await chat.say("help", "Opdrachten");
    const answer = await chat.say(
      "mijn wethouder P&O wil meebeslissen over wie afdelingsmanager wordt",
      "Bron: Wegwijzer",
      "answer-card",
    );
    await screenshot(page, "answer");
    const afterUp = await chat.click(answer, "👍 Nuttig");
    check(
      afterUp.includes("Bedankt voor je feedback"),
      `feedback: the card does not say thanks: ${afterUp.slice(-200)}`,
    );
    check(!afterUp.includes("👍 Nuttig"), "feedback: the 👍 button is still there");
    const afterChange = await chat.click(answer, "Toch niet nuttig");
    check(afterChange.includes("niet nuttig"), "feedback: the change is not shown");
    check(!afterChange.includes("Toch nuttig"), "feedback: a second change is offered");
    await screenshot(page, "feedback");

    const before = await chat.cards().count();
    const followUp = await firstFollowUp(answer, ".ac-container[role=button], .ac-selectable");
    check(followUp.length > 0, "answer: no follow-up row to click");
    if (followUp) {
      await chat.click(answer, `› ${followUp}`);
      await chat.waitCard(before, /Bron:|handboek/, `follow-up "${followUp}"`);
    }

    const list = await chat.say("themas", "Adviseur van het college", "themas");
    // One line per theme: its number and its title side by side, each title a single line of text.
    const rows = await list.locator(".ac-fact-title").evaluateAll((titles) =>
      titles.map((t) => {
        const value = t.nextElementSibling as HTMLElement | null;
        const lineHeight = value
          ? Number.parseFloat(getComputedStyle(value.querySelector(".ac-textBlock") ?? value).lineHeight)
          : 0;
        return {
          number: (t as HTMLElement).innerText.trim(),
          title: value?.innerText.trim() ?? "",
          sameRow: value ? Math.abs(t.getBoundingClientRect().top - value.getBoundingClientRect().top) <= 2 : false,
          oneLine: value ? value.getBoundingClientRect().height <= lineHeight * 1.6 : false,
        };
      }),
    );
    check(rows.length === 100, `themas: ${rows.length} list rows, expected 100 themes`);
    const bad = rows.filter((r, i) => r.number !== String(i + 1) || !r.title || !r.sameRow || !r.oneLine);
    check(bad.length === 0, `themas: rows that are not one numbered line: ${JSON.stringify(bad.slice(0, 3))}`);
    await screenshot(page, "themas");

    await chat.say("thema 12", "thema 12");
    await chat.say("thema 101", "bestaat niet");
    const lesson = await chat.say("les", "Les van de week", "lesson-card");
    await screenshot(page, "lesson");
    const subscribeBefore = await chat.cards().count();
    await chat.click(lesson, "Abonneer op de les van de week");
    await chat.waitCard(subscribeBefore, "geabonneerd", "subscribe button");
    await chat.say("status", "Abonnement op de les van de week");
    await chat.say("pauzeer 3 weken", "gepauzeerd");
    await chat.say("hervat", "gaat weer door");
    await chat.say("noteer Ik wil vaker vooraf met de burgemeester afstemmen.", "Genoteerd");
    await chat.say("leeragenda", "Je leeragenda");
    await chat.say("stop", "afgemeld");
    const confirm = await chat.say("vergeet mij", "Weet je het zeker");
    const cancelled = await chat.click(confirm, "Nee, niets doen");
    check(
      cancelled.includes("niets verwijderd"),
      `vergeet mij: the card does not say nothing was deleted: ${cancelled}`,
    );
    check(!cancelled.includes("Ja, verwijder alles"), "vergeet mij: the old card still offers to delete");
    await screenshot(page, "forget");

    const group = new Chat(page, "group chat");
    await group.open("Group Chat");
    const groupAnswer = await group.say("hoe werk ik goed samen met de griffier?", "Bron:", "group-answer-card", true);
    const groupFollowUp = await firstFollowUp(groupAnswer, ".ac-selectable");
    check(groupFollowUp.length > 0, "group chat: the answer has no follow-up row to click");
    if (groupFollowUp) {
      const n = await group.cards().count();
      await group.click(groupAnswer, `› ${groupFollowUp}`);
      await group.waitCard(n, "Je vroeg:", "group follow-up echo");
    }
    await screenshot(page, "group");

    await messageExtension(group);

    // The bot greets the channel in a post of its own when the channel is first opened; the
    // channel steps are replies in that post's thread.
    const channel = new Chat(page, "channel", "Welkom bij Wegwijzer");
    await channel.open("General");
    await channel.waitCard(0, "Welkom bij Wegwijzer", "welcome");
    await channel.say("themas", "Adviseur van het college", undefined, true);
    await channel.say("abonneer", "geabonneerd", undefined, true);
    // The announcement is a new post of the bot's, sent after its reply.
    await until(
      "the announcement",
      async () => (await page.locator("body").innerText()).includes("heeft dit kanaal geabonneerd") || undefined,
      15_000,
    ).catch(() => undefined);
    const body = await page.locator("body").innerText();
    check(/heeft dit kanaal geabonneerd/.test(body), "channel: no announcement of the subscription");
    check(!/Iemand heeft/.test(body), "channel: the announcement does not name who subscribed");
    check(
      body.includes(`${USER_NAME} heeft dit kanaal geabonneerd`),
      `channel: the announcement does not name ${USER_NAME}, who subscribed`,
    );
    await screenshot(page, "channel");
    await page
      .getByRole("group")
      .filter({ hasText: "heeft dit kanaal geabonneerd" })
      .first()
      .screenshot({ path: join(OUT, "channel-announcement.png"), timeout: 10_000 })
      .catch(() => undefined);

    await askTheRegion(chat, channel);
  } catch (error) {
    failures.push(`stopped: ${(error as Error).message}`);
  } finally {
    if (failures.length) await screenshot(page, "failure").catch(() => undefined);
    await browser.close();
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    rmSync(work, { recursive: true, force: true });
  }
  if (blocked.size)
    console.log(
      `check:teams: blocked requests to ${[...blocked].join(", ")} (fonts and scripts from CDNs; not needed)`,
    );
  if (failures.length) {
    if (pageErrors.length)
      console.error(`check:teams: the playground's page reported:\n  ${pageErrors.slice(0, 20).join("\n  ")}`);
    console.error(`check:teams: ${failures.length} problem(s):\n- ${failures.join("\n- ")}\nScreenshots: ${OUT}`);
    process.exitCode = 1;
  } else {
    console.log(`check:teams: all checks passed. Screenshots: ${OUT}`);
  }
  void bot;
}

main().catch((error: unknown) => {
  console.error(`check:teams: ${(error as Error).message}`);
  stopping = true;
  for (const child of children) child.kill("SIGTERM");
  process.exitCode = 1;
});
