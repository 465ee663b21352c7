import { afterEach, describe, expect, it } from "vitest";
import {
  ADMIN_TOKEN,
  SECRET_IDS,
  scriptedConversation,
  startOperatorBot,
  type OperatorBot,
} from "../helpers/operator.ts";
import { sameSecret, validSession, newSession } from "../../src/server/admin.ts";

let bot: OperatorBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

const clock = () => new Date("2026-11-23T09:00:00Z");

async function login(url: string, token: string): Promise<Response> {
  return fetch(`${url}/admin/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }),
  });
}

describe("admin page over HTTP", () => {
  it("is refused while ADMIN_TOKEN is unset", async () => {
    bot = await startOperatorBot({ ADMIN_TOKEN: "" });
    for (const path of ["/admin", "/admin/login"]) expect((await fetch(`${bot.url}${path}`)).status).toBe(403);
    expect((await login(bot.url, "")).status).toBe(403);
  });

  it("asks to log in, refuses a wrong token, and accepts the right one by bearer or by form with a strict cookie", async () => {
    bot = await startOperatorBot({}, clock);
    const anonymous = await fetch(`${bot.url}/admin`, { redirect: "manual" });
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe("/admin/login");
    expect(
      (await fetch(`${bot.url}/admin`, { headers: { authorization: "Bearer not-the-token-at-all" } })).status,
    ).toBe(401);
    const bearer = await fetch(`${bot.url}/admin`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(bearer.headers.get("cache-control")).toBe("no-store");

    const wrong = await login(bot.url, "wrong-token-wrong-token");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect(await wrong.text()).toContain("Dit token klopt niet.");
    const right = await login(bot.url, ADMIN_TOKEN);
    expect(right.status).toBe(303);
    const cookie = right.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^wegwijzer_admin=[^;]+; Max-Age=43200; Path=\/; Expires=[^;]+; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(ADMIN_TOKEN);
    const session = cookie.split(";")[0]!;
    expect((await fetch(`${bot.url}/admin`, { headers: { cookie: session } })).status).toBe(200);
    // a forged or expired session is no session
    const forged = `${session.slice(0, -4)}AAAA`;
    expect((await fetch(`${bot.url}/admin`, { headers: { cookie: forged }, redirect: "manual" })).status).toBe(303);
    expect(validSession(ADMIN_TOKEN, newSession(ADMIN_TOKEN, 0), 13 * 3600_000)).toBe(false);
    expect(validSession("another-token-0123456789", newSession(ADMIN_TOKEN, 0), 1)).toBe(false);
    expect(sameSecret("a", "a")).toBe(true);
    expect(sameSecret("a", "ab")).toBe(false);
  });

  it("labels a review entry only with the session's CSRF token, and shows no user IDs or raw personal data", async () => {
    bot = await startOperatorBot({ REVIEW_QUEUE: "1" }, clock);
    await scriptedConversation(bot.app);
    const session = (await login(bot.url, ADMIN_TOKEN)).headers.get("set-cookie")!.split(";")[0]!;
    const page = await (await fetch(`${bot.url}/admin`, { headers: { cookie: session } })).text();
    for (const secret of [...SECRET_IDS, "Jansen", "06-12345678", "jansen@ergens.nl"])
      expect(page).not.toContain(secret);
    expect(page).toContain("Welke pizza bestelt wethouder [naam] het liefst");
    expect(page).toContain("<svg");
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1]!;
    const id = /data-entry="([^"]+)"/.exec(page)![1]!;
    const post = (body: Record<string, string>, cookie = session) =>
      fetch(`${bot!.url}/admin/review/${id}`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(body),
      });
    expect((await post({ label: "wegwijzer-16" })).status).toBe(403);
    expect((await post({ label: "wegwijzer-16", csrf: "forged" })).status).toBe(403);
    expect((await post({ label: "no-such-unit", csrf })).status).toBe(400);
    const ok = await post({ label: "wegwijzer-16", csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/admin?ok=1#review");
    expect((await bot.app.store.review.get(id))?.label).toBe("wegwijzer-16");
    // bearer clients need no CSRF token: a form on another site cannot send the header
    const other = (await bot.app.store.review.listOpen())[0]!;
    const viaBearer = await fetch(`${bot.url}/admin/review/${other.id}`, {
      method: "POST",
      redirect: "manual",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ label: "none" }),
    });
    expect(viaBearer.status).toBe(303);
    expect((await bot.app.store.review.get(other.id))?.label).toBe("none");
  });
});
