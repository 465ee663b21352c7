import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import express, { type Application, type Request, type Response } from "express";
import type { App } from "../app/create-app.ts";
import { isLoopback } from "../config.ts";
import { texts } from "../conversation/texts.ts";
import { NO_UNIT } from "../store/review.ts";
import { gatherAdminData } from "./admin-data.ts";
import { renderAdmin, renderLogin, renderMessage } from "./admin-view.ts";

const A = texts.admin;
export const SESSION_COOKIE = "wegwijzer_admin";
const SESSION_MS = 12 * 3600_000;

/** Constant-time comparison of two secrets of any length (both hashed to 32 bytes first). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

function sign(token: string, purpose: string): string {
  return createHmac("sha256", token).update(purpose).digest("base64url");
}

/** A session cookie value: its expiry and a MAC over it, keyed by the admin token (no server state). */
export function newSession(token: string, now: number): string {
  const expires = String(now + SESSION_MS);
  return `${expires}.${sign(token, `session:${expires}`)}`;
}

export function validSession(token: string, value: string | undefined, now: number): boolean {
  if (!value) return false;
  const [expires, mac] = value.split(".");
  if (!expires || !mac || !/^\d{1,16}$/.test(expires) || Number(expires) < now) return false;
  return sameSecret(mac, sign(token, `session:${expires}`));
}

/** The CSRF token of a session: a MAC over the session value, so a forged form cannot know it. */
export function csrfFor(token: string, session: string): string {
  return sign(token, `csrf:${session}`);
}

function cookies(req: Request): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) result.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return result;
}

type Auth = { kind: "bearer" } | { kind: "cookie"; session: string } | undefined;

function authOf(req: Request, token: string, now: number): Auth {
  const header = req.headers.authorization;
  if (header?.startsWith("Bearer ")) return sameSecret(header.slice(7).trim(), token) ? { kind: "bearer" } : undefined;
  const session = cookies(req).get(SESSION_COOKIE);
  return session && validSession(token, session, now) ? { kind: "cookie", session } : undefined;
}

function secureHeaders(res: Response): void {
  res.set({
    "Content-Security-Policy":
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
  });
}

/**
 * The operators' routes on the shared HTTP app: `/metrics` (Prometheus; open on a loopback HOST,
 * otherwise behind the admin token) and `/admin` (server-rendered, Dutch), both refused while
 * ADMIN_TOKEN is unset. Authentication: `Authorization: Bearer <token>`, or the login form that
 * sets an HttpOnly, SameSite=Strict session cookie. Forms carry a CSRF token tied to the session.
 */
export function mountAdmin(http: Application, app: App): void {
  const token = app.config.adminToken;
  const now = () => app.now().getTime();
  const form = express.urlencoded({ extended: false, limit: "8kb", parameterLimit: 10 });

  http.get("/metrics", async (req, res) => {
    if (!isLoopback(app.config.host)) {
      if (!token)
        return void res
          .status(403)
          .type("text/plain")
          .send("metrics need ADMIN_TOKEN when HOST is not a loopback address\n");
      if (!authOf(req, token, now()))
        return void res
          .status(401)
          .set("WWW-Authenticate", 'Bearer realm="wegwijzer"')
          .type("text/plain")
          .send("unauthorized\n");
    }
    if (!app.metrics) return void res.status(404).type("text/plain").send("metrics are off\n");
    const { contentType, body } = await app.metrics.render();
    res.set("Cache-Control", "no-store").type(contentType).send(body);
  });

  http.use("/admin", (_req, res, next) => {
    secureHeaders(res);
    if (!token) return void res.status(403).type("html").send(renderMessage(A.disabled));
    next();
  });

  http.get("/admin/login", (_req, res) => {
    res.type("html").send(renderLogin());
  });

  http.post("/admin/login", form, (req, res) => {
    const given = typeof req.body?.token === "string" ? (req.body.token as string) : "";
    if (!sameSecret(given, token!)) {
      app.log.warn({ path: req.path }, "admin login refused");
      return void res.status(401).type("html").send(renderLogin(A.loginWrong));
    }
    const session = newSession(token!, now());
    res.cookie(SESSION_COOKIE, session, {
      httpOnly: true,
      sameSite: "strict",
      secure: req.secure,
      path: "/",
      maxAge: SESSION_MS,
    });
    res.redirect(303, "/admin");
  });

  const guard = (req: Request, res: Response): Auth => {
    const auth = authOf(req, token!, now());
    if (!auth) {
      if (req.method === "GET" && !req.headers.authorization) res.redirect(303, "/admin/login");
      else
        res.status(401).set("WWW-Authenticate", 'Bearer realm="wegwijzer"').type("html").send(renderMessage(A.refused));
    }
    return auth;
  };
  /** Cookie sessions must send the session's CSRF token with every form; bearer clients are not ambient. */
  const csrfOk = (req: Request, auth: NonNullable<Auth>) =>
    auth.kind === "bearer" ||
    (typeof req.body?.csrf === "string" && sameSecret(req.body.csrf as string, csrfFor(token!, auth.session)));

  http.get("/admin", async (req, res) => {
    const auth = guard(req, res);
    if (!auth) return;
    const csrf = auth.kind === "cookie" ? csrfFor(token!, auth.session) : "";
    const flash = req.query.ok === "1" ? A.labelled : req.query.gone === "1" ? A.notFound : undefined;
    res.type("html").send(renderAdmin(await gatherAdminData(app), csrf, flash));
  });

  http.post("/admin/review/:id", form, async (req, res) => {
    const auth = guard(req, res);
    if (!auth) return;
    if (!csrfOk(req, auth)) return void res.status(403).type("html").send(renderMessage(A.csrfRefused));
    const label = typeof req.body?.label === "string" ? (req.body.label as string) : "";
    if (label !== NO_UNIT && !app.brain.knowledge.byId.has(label))
      return void res.status(400).type("html").send(renderMessage(A.pick));
    const done = await app.store.review.label(String(req.params.id), label, app.now());
    res.redirect(303, done ? "/admin?ok=1#review" : "/admin?gone=1#review");
  });

  http.post("/admin/logout", form, (req, res) => {
    const auth = guard(req, res);
    if (!auth) return;
    if (!csrfOk(req, auth)) return void res.status(403).type("html").send(renderMessage(A.csrfRefused));
    res.clearCookie(SESSION_COOKIE, { path: "/" });
    res.redirect(303, "/admin/login");
  });
}
