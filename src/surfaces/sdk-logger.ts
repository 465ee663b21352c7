import { scrubIds, type Logger } from "../log.ts";

/**
 * Bridges a platform SDK's logger to pino. SDK debug and info lines can carry whole payloads
 * (and so question text), so they pass only when the operator allowed question logging.
 * Warnings and errors always pass, but at the default setting only their words: objects (a
 * request body, an activity) are left out and platform IDs are replaced by their hash.
 */
export function sdkLogger(log: Logger, name: string, logQuestions: boolean) {
  const child = log.child({ sdk: name });
  const line = (parts: unknown[]) => {
    if (logQuestions) {
      return parts
        .map((p) => (p instanceof Error ? p.message : typeof p === "string" ? p : JSON.stringify(p)))
        .join(" ")
        .slice(0, 4000);
    }
    const words = parts
      .map((p) =>
        p instanceof Error
          ? `${p.name}: ${p.message}`
          : typeof p === "string"
            ? p
            : typeof p === "number"
              ? String(p)
              : "[…]",
      )
      .join(" ");
    // Bolt quotes part of a body that fails to parse; such fragments are cut.
    return scrubIds(words.replace(/(Unexpected token|in JSON at position|is not valid JSON).*/s, "$1 […]")).slice(
      0,
      300,
    );
  };
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
