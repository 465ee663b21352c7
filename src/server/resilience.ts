/**
 * Deadlines and bounded retries for every call that leaves the process (database, Slack, Teams):
 * no outbound call may hang the caller, and no retry loop runs without an end.
 */

/** A call that did not answer in time. The call itself may still finish later; its result is dropped. */
export class DeadlineError extends Error {
  readonly code = "deadline_exceeded";
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "DeadlineError";
  }
}

/** Resolves or rejects like `promise`, or rejects with a DeadlineError after `ms`. */
export function withDeadline<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(what, ms)), ms);
    timer.unref();
  });
  // A late rejection of the abandoned call must not become an unhandled rejection.
  promise.catch(() => undefined);
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export type Sleep = (ms: number) => Promise<void>;
const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export interface RetryOptions {
  /** tries in all, the first included */
  attempts: number;
  /** first backoff; doubled each time, with jitter */
  baseMs: number;
  /** no single wait is longer */
  maxMs: number;
  /** how long to wait before retrying this error, or undefined when it must not be retried */
  retryAfter(error: unknown, backoffMs: number): number | undefined;
  sleep?: Sleep;
}

/** Runs `call` until it succeeds, the error is not retryable, or the attempts are used up (then rethrows). */
export async function retrying<T>(call: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const backoff = Math.min(options.maxMs, options.baseMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      const wait = attempt < options.attempts ? options.retryAfter(error, backoff) : undefined;
      if (wait === undefined) throw error;
      await (options.sleep ?? sleep)(Math.min(options.maxMs, Math.max(0, wait)));
    }
  }
}

/** A scanner that tells whether JSON text nests deeper than `max` without parsing it. */
export function jsonDepthWithin(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return false;
    } else if (c === 125 || c === 93) depth--;
  }
  return true;
}
