import { createHash } from "node:crypto";

/** Feedback on an answer: the units it showed and a hash of the question; never the user. */
export interface Feedback {
  questionHash: string;
  unitIds: string[];
  value: "up" | "down";
  at: Date;
  /** a change of mind: this value replaces the given one (once per card) */
  replaces?: "up" | "down" | undefined;
}

export interface FeedbackStore {
  recordFeedback(feedback: Feedback): Promise<void>;
}

/** A one-way hash of the normalised question text, so identical questions can be grouped. */
export function questionHash(question: string): string {
  return createHash("sha256").update(question.trim().toLowerCase().replace(/\s+/g, " ")).digest("hex").slice(0, 16);
}

/** Feedback references travel in button values: "<question hash>|<unit id>,<unit id>". */
export function encodeFeedbackRef(question: string, unitIds: readonly string[]): string {
  return `${questionHash(question)}|${unitIds.slice(0, 3).join(",")}`;
}

export function decodeFeedbackRef(ref: string): { questionHash: string; unitIds: string[] } | undefined {
  const match = /^([0-9a-f]{16})\|([a-z0-9,-]{0,300})$/.exec(ref);
  if (!match) return undefined;
  return { questionHash: match[1]!, unitIds: match[2]!.split(",").filter(Boolean) };
}

export class MemoryFeedbackStore implements FeedbackStore {
  readonly items: Feedback[] = [];
  async recordFeedback(feedback: Feedback): Promise<void> {
    if (feedback.replaces) {
      const i = this.items.findLastIndex(
        (f) => f.questionHash === feedback.questionHash && f.value === feedback.replaces,
      );
      if (i >= 0) this.items.splice(i, 1);
    }
    this.items.push(feedback);
  }
}
