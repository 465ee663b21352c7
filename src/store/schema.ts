import type { Generated } from "kysely";

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
  /** the user of a direct conversation; null for channels and group chats */
  user_id: string | null;
}

export interface ProcessedEventTable {
  event_id: string;
  seen_at: string;
}

export interface SubscriptionTable {
  /** the conversation's prefixed ID: one subscription per conversation */
  id: string;
  platform: string;
  is_direct: number;
  /** ISO weekday, 1 = Monday */
  weekday: number;
  /** "08:30", local time in time_zone */
  time: string;
  time_zone: string;
  track: string;
  paused_until: string | null;
  active: number;
  /** why delivery stopped: the user's "stop", or the platform's answer (channel_not_found, 403…) */
  deactivated_reason: string | null;
  /** platform user ID of whoever subscribed; deleted with "vergeet mij" */
  created_by: string;
  /** when this slot was chosen: slots before it are neither sent nor counted as missed */
  schedule_from: string;
  /** 1: the next lesson follows the municipal year (knowledge/calendar.yaml); 0: the fixed order */
  calendar: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type DeliveryStatus = "claimed" | "sent" | "retry" | "failed" | "skipped";

export interface DeliveryTable {
  subscription_id: string;
  /** ISO week of the slot in the subscription's time zone: "2026-W48" */
  week: string;
  unit_id: string;
  status: DeliveryStatus;
  claimed_by: string | null;
  lease_until: string | null;
  attempts: number;
  next_attempt_at: string | null;
  sent_at: string | null;
  error: string | null;
}

export interface NoteTable {
  id: string;
  /** "slack:U123", "teams:<aad id>" */
  user_key: string;
  conversation_id: string;
  unit_id: string | null;
  text: string;
  created_at: string;
}

export interface RegionTable {
  /** the channel's prefixed conversation ID: "slack:T1:C9", "teams:19:…@thread.tacv2" */
  id: string;
  platform: string;
  /** "Regio Twente" */
  name: string;
  /** 1: the weekly digest is on ("regio digest aan") */
  digest: Generated<number>;
  created_at: string;
}

export interface RegionLinkTable {
  region_id: string;
  /** "slack:U123", "teams:<aad id>" */
  user_key: string;
  linked_at: string;
}

export interface RegionQuestionTable {
  id: string;
  region_id: string;
  /** who asked: needed to send thread replies back; never posted when anonymous */
  user_key: string;
  dm_conversation_id: string;
  anonymous: number;
  /** the handbook themes the thread starter offered, comma-separated */
  unit_ids: string;
  /** Slack: the thread starter's ts; Teams: the activity ID of the post */
  thread_ref: string;
  replies: Generated<number>;
  created_at: string;
}

/** Questions counted per UTC day, platform, answered or not, and the first unit shown ("" when none). */
export interface UsageDailyTable {
  day: string;
  platform: string;
  answered: number;
  unit_id: string;
  n: number;
}

export type ReviewReason = "unanswered" | "down" | "choice";

/** One question kept for curators (REVIEW_QUEUE=1): scrubbed text, what the bot did, no user. */
export interface ReviewQueueTable {
  id: string;
  created_at: string;
  /** deleted after this moment (REVIEW_RETENTION_DAYS) */
  expires_at: string;
  platform: string;
  /** why it is here: no confident answer, a 👎, or a "bedoel je" choice */
  reason: ReviewReason;
  /** the question, scrubbed before it was stored */
  question: string;
  answered: number;
  /** the units the bot showed or suggested, comma-separated */
  answer_units: string;
  /** the unit the user picked from the "bedoel je" suggestions */
  chosen_unit: string | null;
  /** "up" | "down" */
  vote: string | null;
  /** the curator's verdict: the unit it should have gone to, or "none" (not in the handbook) */
  label: string | null;
  handled_at: string | null;
  exported_at: string | null;
}

/** Per conversation: the lesson shown as its current one, and the lesson a card's "Noteer" was pressed on. */
export interface CurrentLessonTable {
  conversation_id: string;
  unit_id: string | null;
  shown_at: string | null;
  note_unit_id: string | null;
  note_at: string | null;
}

export interface Database {
  feedback: FeedbackTable;
  conversations: ConversationTable;
  processed_events: ProcessedEventTable;
  subscriptions: SubscriptionTable;
  deliveries: DeliveryTable;
  notes: NoteTable;
  regions: RegionTable;
  region_links: RegionLinkTable;
  region_questions: RegionQuestionTable;
  usage_daily: UsageDailyTable;
  review_queue: ReviewQueueTable;
  current_lessons: CurrentLessonTable;
}
