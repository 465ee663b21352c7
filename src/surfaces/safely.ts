import type { Logger } from "../log.ts";

/**
 * Runs a handler's work so that no failure reaches the platform SDK (which would answer 500 and
 * make the platform retry): the error is logged in the one shape, `{ err }`, and swallowed.
 */
export async function safely<T>(log: Logger, message: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    log.error({ err: error }, message);
    return undefined;
  }
}
