import { isIP } from "node:net";
import { z } from "zod";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();
const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");
const url = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .pipe(z.url({ protocol: /^https?$/ }).optional())
  .optional();

/** Every setting, read from the environment once at start-up. `.env.example` documents each. */
export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_QUESTIONS: flag,
    DATABASE_URL: optionalText,
    SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith("xoxb-", "must start with xoxb-").optional()),
    SLACK_SIGNING_SECRET: optionalText,
    SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith("xapp-", "must start with xapp-").optional()),
    SLACK_API_URL: url,
    TEAMS_CLIENT_ID: optionalText,
    TEAMS_CLIENT_SECRET: optionalText,
    TEAMS_TENANT_ID: optionalText,
    TEAMS_SERVICE_URL: url,
    TEAMS_ALLOW_UNAUTHENTICATED: flag,
    DELIVERY_PER_SECOND: z.coerce.number().min(0.1).max(100).default(25),
    ADMIN_TOKEN: optionalText.pipe(
      z.string().min(16, "must be at least 16 characters (e.g. openssl rand -hex 24)").optional(),
    ),
    REVIEW_QUEUE: flag,
    REVIEW_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  })
  .superRefine((env, ctx) => {
    // HTTP mode needs the bot token and the signing secret; Socket Mode the bot token and the app token.
    const slackGiven = Boolean(env.SLACK_BOT_TOKEN || env.SLACK_SIGNING_SECRET || env.SLACK_APP_TOKEN);
    if (slackGiven && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_BOT_TOKEN"],
        message:
          "is missing: Slack needs SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode)",
      });
    }
    if (slackGiven && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["SLACK_SIGNING_SECRET"],
        message: "is missing: Slack over HTTP needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode)",
      });
    }
    const teamsGiven = Boolean(env.TEAMS_CLIENT_ID || env.TEAMS_CLIENT_SECRET || env.TEAMS_TENANT_ID);
    if (teamsGiven) {
      for (const name of ["TEAMS_CLIENT_ID", "TEAMS_CLIENT_SECRET"] as const) {
        if (!env[name])
          ctx.addIssue({
            code: "custom",
            path: [name],
            message: "is missing: Teams needs TEAMS_CLIENT_ID and TEAMS_CLIENT_SECRET together",
          });
      }
    }
    if (env.TEAMS_ALLOW_UNAUTHENTICATED) {
      if (teamsGiven) {
        ctx.addIssue({
          code: "custom",
          path: ["TEAMS_ALLOW_UNAUTHENTICATED"],
          message: "cannot be combined with Teams credentials: token validation stays on when credentials are set",
        });
      }
      if (!isLoopback(env.HOST)) {
        ctx.addIssue({
          code: "custom",
          path: ["TEAMS_ALLOW_UNAUTHENTICATED"],
          message: `is only allowed when HOST is a loopback address (127.0.0.1, ::1 or localhost), not "${env.HOST}"`,
        });
      }
    }
  });

export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1";
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every setting.`);
    this.name = "ConfigError";
  }
}

/** The environment turned into the settings the app uses; the Slack and Teams parts only when configured. */
export const configSchema = envSchema.transform((e) => ({
  port: e.PORT,
  host: e.HOST,
  logLevel: e.LOG_LEVEL,
  logQuestions: e.LOG_QUESTIONS,
  databaseUrl: e.DATABASE_URL,
  /** proactive lesson posts a second, per platform */
  deliveryPerSecond: e.DELIVERY_PER_SECOND,
  /** the admin page and (off loopback) /metrics need it; both are refused while it is unset */
  adminToken: e.ADMIN_TOKEN,
  /** keep scrubbed unanswered/👎/"bedoel je" questions for curators, for `retentionDays` */
  review: { enabled: e.REVIEW_QUEUE, retentionDays: e.REVIEW_RETENTION_DAYS },
  /** signingSecret is set in HTTP mode, appToken in Socket Mode (at least one of them) */
  slack:
    e.SLACK_BOT_TOKEN && (e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN)
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          appToken: e.SLACK_APP_TOKEN,
          apiUrl: e.SLACK_API_URL,
        }
      : undefined,
  teams:
    (e.TEAMS_CLIENT_ID && e.TEAMS_CLIENT_SECRET) || e.TEAMS_ALLOW_UNAUTHENTICATED
      ? {
          clientId: e.TEAMS_CLIENT_ID,
          clientSecret: e.TEAMS_CLIENT_SECRET,
          tenantId: e.TEAMS_TENANT_ID,
          serviceUrl: e.TEAMS_SERVICE_URL,
          allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED,
        }
      : undefined,
}));

export type Config = z.output<typeof configSchema>;
export type SlackSettings = NonNullable<Config["slack"]>;
export type TeamsSettings = NonNullable<Config["teams"]>;

/** Parses the environment once; a wrong or half-given setting throws a ConfigError naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`));
  }
  return result.data;
}
