/** Table shapes of the store, shared by SQLite and PostgreSQL. Times are ISO-8601 UTC strings. */
export interface FeedbackTable {
  id: string;
  question_hash: string;
  unit_ids: string;
  value: "up" | "down";
  created_at: string;
}

export interface ConversationTable {
  /** prefixed: "slack:T1:C2", "teams:<conversation id>" */
  id: string;
  platform: string;
  is_direct: number;
  /** platform data needed to post later (Teams: the conversation reference with its service URL) */
  reference: string;
  welcomed_at: string | null;
  updated_at: string;
}

export interface ProcessedEventTable {
  event_id: string;
  seen_at: string;
}

export interface Database {
  feedback: FeedbackTable;
  conversations: ConversationTable;
  processed_events: ProcessedEventTable;
}
