import { existsSync, mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportReview } from "../../src/cli/review-export.ts";
import { CHROMIUM, CHROMIUM_ARGS } from "../helpers/chromium.ts";
import {
  ADMIN_TOKEN,
  SECRET_IDS,
  scriptedConversation,
  startOperatorBot,
  type OperatorBot,
} from "../helpers/operator.ts";

/**
 * The admin page in a real browser: Debian's Chromium driven by playwright-core (which never
 * downloads a browser). Every request that does not go to the loopback interface is blocked.
 * SCREENSHOTS_DIR=docs writes the README's two screenshots (the whole page on a laptop, the review
 * queue on a phone); otherwise they go to a temporary folder.
 */
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && process.env.REQUIRE_CHROMIUM === "1")
  throw new Error(`REQUIRE_CHROMIUM=1 but there is no Chromium at ${CHROMIUM}`);
if (!hasChromium)
  console.warn(`browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);

const clock = () => new Date("2026-11-23T09:00:00Z");
const shots = resolve(process.env.SCREENSHOTS_DIR ?? mkdtempSync(join(tmpdir(), "admin-shots-")));

let bot: OperatorBot;
let dir: string;
const blocked: string[] = [];

beforeAll(async () => {
  if (!hasChromium) return;
  dir = mkdtempSync(join(tmpdir(), "admin-browser-"));
  bot = await startOperatorBot({ REVIEW_QUEUE: "1", DATABASE_URL: join(dir, "db.sqlite") }, clock);
  await scriptedConversation(bot.app);
  // a few weeks of earlier questions, so that the chart has something to show
  for (let day = 1; day < 14; day++) {
    const at = new Date(clock().getTime() - day * 86_400_000);
    const questions = 4 + ((day * 7) % 9);
    for (let i = 0; i < questions; i++) {
      const unit = ["wegwijzer-16", "wegwijzer-13", "wegwijzer-37", "wegwijzer-5", "leren-decentraliseren-les-3"][
        (day + i) % 5
      ]!;
      await bot.app.store.stats.countQuestion(i % 2 ? "teams" : "slack", i % 4 !== 3, i % 4 !== 3 ? unit : "", at);
    }
  }
});

afterAll(async () => {
  await bot?.stop();
});

/** A fresh Chromium with a fresh profile (--user-data-dir) for each test, at the given screen size. */
async function newContext(width: number, height: number, isMobile = false): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "chromium-profile-")), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width, height },
    isMobile,
    hasTouch: isMobile,
    deviceScaleFactor: isMobile ? 2 : 1,
    locale: "nl-NL",
  });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) return route.continue();
    blocked.push(url.href);
    return route.abort();
  });
  return context;
}

async function logIn(page: Page, token: string): Promise<void> {
  await page.goto(`${bot.url}/admin`);
  await page.waitForURL(/\/admin\/login$/);
  await page.fill("#token", token);
  await Promise.all([page.waitForLoadState("domcontentloaded"), page.click("button[type=submit]")]);
}

describe.skipIf(!hasChromium)("admin page in Chromium", () => {
  it("refuses a wrong token, logs in, shows the figures, labels a review entry, and the export picks it up", async () => {
    const context = await newContext(1280, 900);
    const page = context.pages()[0] ?? (await context.newPage());
    await logIn(page, "not-the-right-token-at-all");
    await expect.poll(() => page.textContent("[role=alert]")).toBe("Dit token klopt niet.");
    expect(page.url()).toMatch(/\/admin\/login$/);

    await logIn(page, ADMIN_TOKEN);
    await page.waitForURL(/\/admin$/);
    expect(await page.textContent("h1")).toBe("Wegwijzer beheer");
    // the session cookie is out of reach of scripts
    expect(await page.evaluate(() => document.cookie)).toBe("");
    const cookies = await context.cookies();
    expect(cookies).toEqual([expect.objectContaining({ name: "wegwijzer_admin", httpOnly: true, sameSite: "Strict" })]);

    const usage = await page.textContent("#gebruik");
    expect(usage).toContain("Afgelopen 7 dagen");
    expect(await page.locator("#gebruik svg rect").count()).toBeGreaterThan(10);
    expect(await page.textContent("#themas")).toContain("thema 16: ");
    const subscriptions = await page.textContent("#abonnementen");
    expect(subscriptions).toContain("channel_not_found");
    expect(subscriptions).toContain("gestopt");
    const body = await page.content();
    for (const secret of [...SECRET_IDS, "Jansen", "06-12345678", "jansen@ergens.nl"])
      expect(body).not.toContain(secret);

    const entries = page.locator("#review article.entry");
    expect(await entries.count()).toBe(3);
    const entry = entries.filter({ hasText: "Welke pizza bestelt wethouder [naam] het liefst" });
    await page.screenshot({ path: join(shots, "admin-desktop.png"), fullPage: true });
    await entry.locator("select").selectOption({ value: "none" });
    await Promise.all([page.waitForURL(/ok=1/), entry.locator("button").click()]);
    expect(await page.textContent("[role=status]")).toBe("Vastgelegd.");
    expect(await page.locator("#review article.entry").count()).toBe(2);
    expect(await page.textContent("[data-counts]")).toContain("2 open · 1 afgehandeld · 1 nog te exporteren");

    const out = join(dir, "export");
    const result = await exportReview({
      out,
      all: false,
      env: { DATABASE_URL: join(dir, "db.sqlite"), LOG_LEVEL: "silent", REVIEW_QUEUE: "1" },
    });
    expect(result.questions).toBe(1);
    const jsonl = readFileSync(join(out, "review-questions.jsonl"), "utf8");
    expect(JSON.parse(jsonl)).toMatchObject({
      q: "Welke pizza bestelt wethouder [naam] het liefst? Bel hem op [telefoonnummer] of mail [e-mail]",
      gold: [],
      kind: "review-off-topic",
    });

    // logging out ends the session
    await Promise.all([page.waitForURL(/\/admin\/login$/), page.click("header button")]);
    expect(await context.cookies()).toEqual([]);
    await context.close();
    expect(blocked).toEqual([]);
  });

  it("fits a phone screen: no sideways scrolling, forms usable", async () => {
    const context = await newContext(390, 844, true);
    const page = context.pages()[0] ?? (await context.newPage());
    await logIn(page, ADMIN_TOKEN);
    await page.waitForURL(/\/admin$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const select = page.locator("#review article.entry select").first();
    const box = await select.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    expect(box!.height).toBeGreaterThanOrEqual(30);
    mkdirSync(shots, { recursive: true });
    // the nav's anchor, as a curator would tap it (the sticky nav keeps the heading clear)
    await page.click("nav a[href='#review']");
    await page.screenshot({ path: join(shots, "admin-phone.png"), fullPage: false });
    await context.close();
    expect(blocked).toEqual([]);
  });
});
