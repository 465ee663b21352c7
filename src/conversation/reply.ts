import type { Click } from "./incoming.ts";

/** The platform-neutral reply: what to say, which handbook units, and what the user can click. */

export interface Citation {
  /** "Wegwijzer voor de Gemeentesecretaris", … */
  book: string;
  /** "thema 12", "les 3", "agendathema 2", or the section title */
  label: string;
  chapter?: string | undefined;
}

export interface ReplyUnit {
  id: string;
  title: string;
  citation: Citation;
  /** the passages that matter, the source's own words */
  passages: string[];
}

export type Action =
  | { kind: "ask"; label: string; question: string }
  | { kind: "read-more"; label: string; unitId: string }
  | { kind: "feedback"; label: string; value: "up" | "down"; ref: string }
  | {
      kind: "command";
      label: string;
      command: string;
      style?: "primary" | "danger" | undefined;
      /** the subscription state this button was shown for */
      expect?: SubscriptionState | undefined;
    };

/** A conversation's subscription as a card shows it. */
export type SubscriptionState = "none" | "active" | "paused" | "stopped";

/** A table of contents: one source, its chapters and numbered units, rendered as a list in every client. */
export interface Contents {
  heading: string;
  groups: { chapter?: string | undefined; items: { number: number; title: string }[] }[];
}

/** Feedback already given on the card: the renderers show thanks instead of the 👍/👎 buttons. */
export interface FeedbackGiven {
  value: "up" | "down";
  /** the one change is used: no button any more */
  final: boolean;
  ref: string;
}

export interface Reply {
  /** the lead text: plain Dutch, never raw user input */
  text: string;
  units: ReplyUnit[];
  /** suggested questions, offered as buttons */
  followUps: string[];
  actions: Action[];
  /** the reflection question of a lesson, when the reply is a lesson */
  reflection?: string | undefined;
  /** tables of contents, shown after the lead text */
  contents?: Contents[] | undefined;
  /**
   * How to build this card again (a read-only lookup: a question, a unit, a lesson): buttons carry it,
   * so a click can answer with the updated card instead of a new message.
   */
  origin?: Click | undefined;
  feedbackGiven?: FeedbackGiven | undefined;
  /** the commands a typed "ja" or "nee" stands for, while this reply is the last one */
  confirm?: { yes: string; no: string } | undefined;
  /**
   * A notice for everyone in a shared channel (a subscription changed): adapters post it in the
   * channel itself, besides the reply, which may be in a thread or visible to the asker only.
   */
  announce?: string | undefined;
}

export function textReply(text: string, actions: Action[] = []): Reply {
  return { text, units: [], followUps: [], actions };
}
