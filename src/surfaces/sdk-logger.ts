import type { Logger } from "../log.ts";

/**
 * Bridges a platform SDK's logger to pino. SDK debug and info lines can carry whole payloads
 * (and so question text), so they pass only when the operator allowed question logging.
 */
export function sdkLogger(log: Logger, name: string, logQuestions: boolean) {
  const child = log.child({ sdk: name });
  const line = (parts: unknown[]) =>
    parts
      .map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p)))
      .join(" ")
      .slice(0, logQuestions ? 4000 : 300);
  let level = "info";
  const self = {
    debug: (...parts: unknown[]) => logQuestions && child.debug(line(parts)),
    info: (...parts: unknown[]) => logQuestions && child.info(line(parts)),
    warn: (...parts: unknown[]) => child.warn(line(parts)),
    error: (...parts: unknown[]) => child.error(line(parts)),
    log: (...parts: unknown[]) => logQuestions && child.info(line(parts)),
    trace: (...parts: unknown[]) => logQuestions && child.trace(line(parts)),
    setLevel: (value: string) => void (level = value),
    getLevel: () => level,
    setName: () => undefined,
    child: () => self,
  };
  return self;
}
