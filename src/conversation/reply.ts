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
  | { kind: "command"; label: string; command: string; style?: "primary" | "danger" | undefined };

export interface Reply {
  /** the lead text: plain Dutch, never raw user input */
  text: string;
  units: ReplyUnit[];
  /** suggested questions, offered as buttons */
  followUps: string[];
  actions: Action[];
  /** the reflection question of a lesson, when the reply is a lesson */
  reflection?: string | undefined;
  /**
   * A notice for everyone in a shared channel (a subscription changed): adapters post it in the
   * channel itself, besides the reply, which may be in a thread or visible to the asker only.
   */
  announce?: string | undefined;
}

export function textReply(text: string, actions: Action[] = []): Reply {
  return { text, units: [], followUps: [], actions };
}
