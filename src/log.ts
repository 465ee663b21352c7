import { createHash } from "node:crypto";
import { pino, type Logger } from "pino";
import type { Config } from "./config.ts";

export type { Logger };

/** Paths that may carry personal data or secrets; pino replaces them unless LOG_QUESTIONS=1. */
const PRIVATE_PATHS = ["question", "text", "*.question", "*.text", "user", "*.user", "userName", "*.userName"];
const SECRET_PATHS = [
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "secret",
  "*.secret",
];

/**
 * The one logger factory. Secrets are always redacted; question text and user names only
 * appear when the operator sets LOG_QUESTIONS=1. Errors are logged in one shape:
 * `log.error({ err }, "what failed")`.
 */
export function createLogger(
  config: Pick<Config, "logLevel" | "logQuestions">,
  destination?: pino.DestinationStream,
): Logger {
  const paths = config.logQuestions ? SECRET_PATHS : [...SECRET_PATHS, ...PRIVATE_PATHS];
  return pino(
    {
      level: config.logLevel,
      redact: { paths, censor: "[verborgen]" },
      // An error's message can quote what a platform sent (IDs, part of a body): scrubbed like SDK lines.
      serializers: { err: (err: unknown) => serializeError(err, config.logQuestions) },
    },
    destination ?? pino.destination(2),
  );
}

/**
 * A short, stable stand-in for a platform user or conversation ID, so log lines can be
 * correlated without naming anyone: "id:3f9a1c07b2".
 */
export function hashId(id: string): string {
  return `id:${createHash("sha256").update(id).digest("hex").slice(0, 10)}`;
}

// Slack IDs (T…, U…, C…, D…, with a digit), Teams IDs ("a:…", "29:…", "19:…@thread…", "8:orgid:…") and GUIDs.
const ID_PATTERNS: RegExp[] = [
  /\b(?:slack|teams):[^\s"',]+/g,
  /\b(?:a|8|19|28|29):[^\s"',;)]+/g,
  /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,
  /\b[UWTCGDBEA](?=[A-Z0-9]*\d)[A-Z0-9]{7,}\b/g,
];

/** Replaces anything that looks like a platform ID in free text with its hash. */
export function scrubIds(text: string): string {
  let out = text;
  for (const pattern of ID_PATTERNS) out = out.replace(pattern, (id) => hashId(id));
  return out;
}

function serializeError(err: unknown, logQuestions: boolean): unknown {
  if (!(err instanceof Error))
    return typeof err === "string" ? (logQuestions ? err : scrubIds(err).slice(0, 300)) : { message: String(err) };
  const e = err as Error & { code?: unknown; cause?: unknown };
  const message = logQuestions ? e.message : scrubIds(e.message).slice(0, 300);
  return {
    type: e.name,
    message,
    ...(typeof e.code === "string" || typeof e.code === "number" ? { code: e.code } : {}),
    ...(logQuestions && e.stack ? { stack: e.stack } : {}),
    ...(e.cause !== undefined ? { cause: serializeError(e.cause, logQuestions) } : {}),
  };
}
