import { pino, type Logger } from "pino";
import type { Config } from "./config.ts";

export type { Logger };

/** Paths that may carry personal data or secrets; pino replaces them unless LOG_QUESTIONS=1. */
const PRIVATE_PATHS = ["question", "text", "*.question", "*.text", "user", "*.user", "userName", "*.userName"];
const SECRET_PATHS = ["token", "*.token", "authorization", "*.authorization", "headers.authorization", "secret", "*.secret"];

/**
 * The one logger factory. Secrets are always redacted; question text and user names only
 * appear when the operator sets LOG_QUESTIONS=1.
 */
export function createLogger(config: Pick<Config, "logLevel" | "logQuestions">, destination?: pino.DestinationStream): Logger {
  const paths = config.logQuestions ? SECRET_PATHS : [...SECRET_PATHS, ...PRIVATE_PATHS];
  return pino({ level: config.logLevel, redact: { paths, censor: "[verborgen]" } }, destination ?? pino.destination(2));
}
