import type { Incoming } from "../conversation/incoming.ts";
import type { ProactiveSender } from "../lessons/sender.ts";

/**
 * A place where secretaries talk to the bot (Slack, Teams, the terminal). A surface turns its
 * platform's events into `Incoming` messages for the conversation core and posts the replies;
 * it holds no answering logic of its own.
 */
export interface Surface {
  readonly platform: Incoming["platform"];
  /** Begins receiving: mounts routes, opens a socket, or reads the terminal until it ends. */
  start(): Promise<void>;
  /** Stops receiving and waits up to `graceMs` for replies in progress. */
  stop(graceMs?: number): Promise<void>;
  /** Posts lessons into stored conversations without an incoming message; the terminal has none. */
  readonly sender?: ProactiveSender | undefined;
}
